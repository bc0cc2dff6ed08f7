import { HTTPException } from 'hono/http-exception';
import { DomainError, type ErrorCode, type FieldError } from './domain/errors.ts';
import type { Locale } from './domain/types.ts';
import { t } from './i18n/index.ts';

/**
 * The one place where errors become what a person or a client sees: an HTTP status,
 * and the localised text that Slack shows as an ephemeral and Feishu as a toast.
 */
const STATUS: Record<ErrorCode, 400 | 401 | 403 | 404 | 409 | 413 | 429 | 502> = {
  validation_failed: 400,
  bad_request: 400,
  too_large: 413,
  rate_limited: 429,
  comment_required: 400,
  unauthorized: 401,
  forbidden: 403,
  not_assigned_reviewer: 403,
  self_review: 403,
  not_found: 404,
  platform_off: 404,
  illegal_transition: 409,
  already_decided: 409,
  closed: 409,
  upstream: 502,
};

/** A request a client sent wrong (unreadable, or not the shape its platform sends): a 400 saying why. */
export const badRequest = (reason: string): DomainError => new DomainError('bad_request', 'error.bad_request', { reason });

export interface ErrorView {
  status: number;
  code: string;
  message: string;
  fields?: (FieldError & { message: string })[];
  /** Set for unexpected errors: quoted to the person, logged with the stack. */
  ref?: string;
}

/** Describes any thrown value for a person reading `locale`. Unexpected errors get a reference. */
export function describeError(err: unknown, locale: Locale): ErrorView {
  if (err instanceof DomainError) {
    return {
      status: STATUS[err.code],
      code: err.code,
      message: t(locale, err.messageKey, err.params),
      ...(err.fields.length ? { fields: err.fields.map((f) => ({ ...f, message: t(locale, f.key, f.params) })) } : {}),
    };
  }
  if (err instanceof SyntaxError) return { status: 400, code: 'bad_request', message: `Malformed request body: ${err.message}` };
  // Hono's validators (the API's, src/api) refuse unreadable bodies this way: still the client's mistake.
  if (err instanceof HTTPException && err.status < 500) return { status: 400, code: 'bad_request', message: t(locale, 'error.bad_request', { reason: err.message }) };
  const ref = crypto.randomUUID().slice(0, 8);
  return { status: 500, code: 'internal', message: t(locale, 'error.internal', { ref }), ref };
}

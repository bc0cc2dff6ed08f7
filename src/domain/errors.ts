/**
 * The one error family of the product. Every rule violation is a DomainError with a
 * string code; the HTTP status, the Slack ephemeral and the Feishu toast are chosen
 * from the code in exactly one place (src/errors.ts).
 */

export type ErrorCode =
  | 'validation_failed'
  | 'not_found'
  | 'forbidden'
  | 'not_assigned_reviewer'
  | 'self_review'
  | 'illegal_transition'
  | 'already_decided'
  | 'comment_required'
  | 'platform_off'
  | 'closed'
  | 'unauthorized'
  | 'bad_request'
  | 'too_large'
  /** A client sent more requests than its budget allows (the API's per-token limit). */
  | 'rate_limited'
  /** A platform we depend on failed to answer (not the client's mistake). */
  | 'upstream';

/** A problem with one input field; `key` is an i18n message key. */
export interface FieldError {
  field: string;
  key: string;
  params?: Record<string, string | number>;
}

export class DomainError extends Error {
  override readonly name = 'DomainError';
  readonly code: ErrorCode;
  /** i18n key of the message shown to a person. */
  readonly messageKey: string;
  readonly params: Record<string, string | number>;
  readonly fields: FieldError[];
  // Plain fields, not parameter properties: Node's type stripping runs only erasable syntax.
  constructor(code: ErrorCode, messageKey: string, params: Record<string, string | number> = {}, fields: FieldError[] = []) {
    super(`${code}: ${messageKey}${Object.keys(params).length ? ' ' + JSON.stringify(params) : ''}`);
    this.code = code;
    this.messageKey = messageKey;
    this.params = params;
    this.fields = fields;
  }
}

/** Throws `validation_failed` carrying every field problem, when there is any. */
export function assertNoFieldErrors(fields: FieldError[]): void {
  if (fields.length > 0) throw new DomainError('validation_failed', 'error.validation_failed', { count: fields.length }, fields);
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;

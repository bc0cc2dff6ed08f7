/**
 * Response shapes of the Feishu Open API (platform-facts §2.5): success
 * `{ code: 0, msg: 'success', data }`, errors `{ code, msg, error: { log_id, troubleshooter } }`
 * with HTTP 400 for business errors and 429 + `x-ogw-ratelimit-*` for throttling.
 *
 * Codes used by the fake. Marked (doc) when taken from the Feishu docs / SDK, (unverified)
 * when the docs stored for this project do not state the exact value.
 */
import { hex } from '../shared/ids.ts';

export const CODES = {
  /** (doc) gateway throttle, HTTP 429. */
  rateLimited: 99991400,
  /** (doc, HTTP status unverified) `Authorization` header missing. */
  tokenMissing: 99991661,
  /** (doc, HTTP status unverified) tenant_access_token invalid or expired. */
  tenantTokenInvalid: 99991663,
  /** (unverified) user_access_token invalid. */
  userTokenInvalid: 99991668,
  /** (unverified) user_access_token expired. */
  userTokenExpired: 99991677,
  /** (doc) request field validation failed, e.g. `content` not a string. */
  fieldValidation: 99992402,
  /** (doc) invalid request parameter. */
  invalidParam: 230001,
  /** (doc) bot not in the chat. */
  botNotInChat: 230002,
  /** (doc) user outside the app's availability. */
  noAvailability: 230013,
  /** (doc) per-user/chat/message frequency limit (HTTP 400). */
  frequencyLimit: 230020,
  /** (doc) message content too long (card > 30 KB, text > 150 KB). */
  contentTooLong: 230025,
  /** (doc) message older than 14 days cannot be updated. */
  updateWindowClosed: 230031,
  /** (doc) card build failed (sub-code in msg). */
  cardBuildFailed: 230099,
  /** (unverified) contact: user outside the app's contact range / unknown. */
  noUserAuthority: 41050,
  /** (unverified) image/resource upload: invalid parameter. */
  mediaInvalidParam: 234001,
  /** (unverified) resource not found in message. */
  resourceNotFound: 234003,
  /** (unverified) image larger than 10 MB. */
  imageTooLarge: 234006,
  /** (unverified) empty image. */
  imageEmpty: 234010,
  /** (unverified) tenant token: unknown app_id. */
  appIdInvalid: 10003,
  /** (doc-ish) tenant token: wrong app_secret. */
  appSecretInvalid: 10014,
} as const;

/** What a route answers. */
export interface Reply {
  status: number;
  body?: unknown;
  /** Binary body (downloads); `body` is ignored when set. */
  raw?: Buffer;
  headers?: Record<string, string>;
}

/** `{ code: 0, msg: 'success', data }`. */
export function ok(data: unknown = {}): Reply {
  return { status: 200, body: { code: 0, msg: 'success', data } };
}

/** A Feishu error body with a fresh log_id. */
export function larkFail(code: number, msg: string, status = 400, extra: Record<string, unknown> = {}): Reply {
  return {
    status,
    body: {
      code,
      msg,
      error: { log_id: `${Date.now()}${hex(8)}`, troubleshooter: `https://open.feishu.cn/search?code=${code}`, ...extra },
    },
  };
}

/** The gateway throttle answer: HTTP 429, `{ code: 99991400 }`, `x-ogw-ratelimit-*` headers. */
export function rateLimited(resetSeconds: number, limit = 5): Reply {
  return {
    ...larkFail(CODES.rateLimited, 'request trigger frequency limit', 429),
    headers: { 'x-ogw-ratelimit-limit': String(limit), 'x-ogw-ratelimit-reset': String(resetSeconds) },
  };
}

/** `99992402 field validation failed` naming the offending field. */
export function fieldInvalid(field: string, description: string): Reply {
  return larkFail(CODES.fieldValidation, 'field validation failed', 400, {
    field_violations: [{ field, description }],
  });
}

import type { SendResult } from '../../delivery/types.ts';

/** Slack errors retrying cannot fix: the token, the destination or the message itself is wrong. */
const PERMANENT = new Set([
  'not_authed', 'invalid_auth', 'account_inactive', 'token_revoked', 'token_expired', 'no_permission', 'missing_scope', 'org_login_required', 'ekm_access_denied',
  'channel_not_found', 'not_in_channel', 'is_archived', 'user_not_found', 'user_disabled', 'cannot_dm_bot',
  'invalid_blocks', 'invalid_blocks_format', 'msg_too_long', 'msg_blocks_too_long', 'no_text', 'too_many_attachments', 'invalid_arguments',
  'message_not_found', 'cant_update_message', 'edit_window_closed',
]);

/**
 * A failed Web API call as the outbox drainer understands it (it owns retries): 429 →
 * Slack's Retry-After; an unrecoverable API error → permanent; 5xx, timeouts and network
 * errors → a plain failure retried with backoff.
 */
export function slackFailure(err: unknown): Extract<SendResult, { ok: false }> {
  const e = (err ?? {}) as { code?: string; retryAfter?: number; data?: { error?: string }; statusCode?: number; message?: string };
  switch (e.code) {
    case 'slack_webapi_rate_limited_error':
      return { ok: false, error: 'ratelimited', retryAfterMs: Math.max(1, e.retryAfter ?? 1) * 1000 };
    case 'slack_webapi_platform_error': {
      const code = e.data?.error ?? 'unknown_error';
      return PERMANENT.has(code) ? { ok: false, error: code, permanent: true } : { ok: false, error: code };
    }
    case 'slack_webapi_http_error':
      return { ok: false, error: `HTTP ${e.statusCode ?? '?'} from Slack` };
    default:
      return { ok: false, error: e.message ?? String(err) };
  }
}

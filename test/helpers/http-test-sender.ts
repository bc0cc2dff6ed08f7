import type { Sender, SendResult } from '../../src/delivery/types.ts';

/**
 * A minimal outbox sender that posts each row as a chat.postMessage over HTTP, mapping
 * answers the way platform senders must: 429 → wait what the platform said, 5xx →
 * retry, `ok:false` → permanent. Used to prove the drainer before the real senders exist.
 */
export function createHttpTestSender(apiUrl: string, token: string): Sender {
  return {
    async send(row): Promise<SendResult> {
      const res = await fetch(`${apiUrl}chat.postMessage`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({ channel: row.destination, text: JSON.stringify(row.payload) }),
      });
      if (res.status === 429) return { ok: false, error: 'ratelimited', retryAfterMs: Number(res.headers.get('retry-after') ?? '1') * 1000 };
      if (res.status >= 500) return { ok: false, error: `HTTP ${res.status}` };
      const body = (await res.json()) as { ok: boolean; error?: string; channel?: string; ts?: string };
      return body.ok ? { ok: true, result: { channel: body.channel, ts: body.ts } } : { ok: false, error: body.error ?? 'unknown', permanent: true };
    },
  };
}

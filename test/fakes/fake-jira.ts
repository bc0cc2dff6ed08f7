/**
 * A fake Jira Cloud admin webhook (platform-facts §7.2): POSTs issue and version events to
 * a URL over HTTP, signed as admin webhooks with a secret are (`X-Hub-Signature:
 * sha256=<hex HMAC-SHA256(secret, raw body)>`), each delivery with an
 * `X-Atlassian-Webhook-Identifier` that stays the same across its retries. Retries, as
 * Jira does, after 408/409/425/429/5xx or a failed connection (with `X-Atlassian-Webhook-Retry: n`);
 * immediately here, since the delay is Jira's business and a test must not sleep.
 */
import { randomUUID } from 'node:crypto';
import { hubSignature } from './shared/hub-signature.ts';

const RETRY_ON = new Set([408, 409, 425, 429]);

export interface Attempt {
  status: number | null;
  error?: string;
  body?: unknown;
}

export interface JiraDelivery {
  identifier: string;
  attempts: Attempt[];
  /** The last attempt's status (null: the connection failed every time). */
  status: number | null;
  body: unknown;
}

/** A webhook that delivers to `url` with `secret`; `maxAttempts` bounds the retries (Jira's are many, over ~30 min). */
export function fakeJira(opts: { url: string; secret: string; maxAttempts?: number }) {
  const maxAttempts = opts.maxAttempts ?? 4;

  async function attempt(identifier: string, body: string, retry: number, options: { secret?: string; unsigned?: boolean }): Promise<Attempt> {
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=UTF-8', 'user-agent': 'Atlassian Webhook HTTP Client', 'x-atlassian-webhook-identifier': identifier };
    if (retry > 0) headers['x-atlassian-webhook-retry'] = String(retry);
    if (!options.unsigned) headers['x-hub-signature'] = hubSignature(options.secret ?? opts.secret, body);
    try {
      const res = await fetch(opts.url, { method: 'POST', headers, body });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // Jira does not read answers; kept for the test.
      }
      return { status: res.status, body: parsed };
    } catch (err) {
      return { status: null, error: String(err) };
    }
  }

  return {
    /**
     * Delivers `payload` (serialised once), retrying a failed attempt with the same
     * identifier and bytes until it gets an answer Jira does not retry, or `maxAttempts`.
     */
    async deliver(payload: object, options: { secret?: string; unsigned?: boolean; identifier?: string; raw?: string } = {}): Promise<JiraDelivery> {
      const identifier = options.identifier ?? randomUUID();
      const body = options.raw ?? JSON.stringify(payload);
      const attempts: Attempt[] = [];
      for (let retry = 0; retry < maxAttempts; retry++) {
        const a = await attempt(identifier, body, retry, options);
        attempts.push(a);
        if (a.status !== null && a.status < 500 && !RETRY_ON.has(a.status)) break;
      }
      const last = attempts[attempts.length - 1]!;
      return { identifier, attempts, status: last.status, body: last.body };
    },
  };
}

export type FakeJira = ReturnType<typeof fakeJira>;

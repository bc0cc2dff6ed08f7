/**
 * Local stand-ins for Slack `response_url`s: usable 5 times within 30 minutes of issue
 * (platform-facts §1.3). Refusals answer HTTP 404 `{ ok: false, error: 'used_url' |
 * 'expired_url' | 'invalid_url' }` — the error names are (unverified) best guesses.
 */

/** Uses allowed per response_url. */
export const RESPONSE_URL_MAX_USES = 5;
/** Lifetime of a response_url. */
export const RESPONSE_URL_TTL_MS = 30 * 60_000;

interface Entry {
  issuedAt: number;
  posts: unknown[];
}

/** Registry of issued response URLs and what was posted to them. */
export class ResponseUrls {
  private readonly entries = new Map<string, Entry>();
  private counter = 0;

  /** Registers `id` (or a generated one) at `now`; returns the id. */
  issue(now: number, id?: string): string {
    this.counter += 1;
    const key = id ?? `r${this.counter}`;
    this.entries.set(key, { issuedAt: now, posts: [] });
    return key;
  }

  /** Bodies accepted so far for `id`. */
  posts(id: string): unknown[] {
    return this.entries.get(id)?.posts ?? [];
  }

  /** Applies the platform rules to one POST; returns the HTTP status and JSON answer. */
  post(id: string, body: unknown, now: number): { status: number; body: Record<string, unknown> } {
    const entry = this.entries.get(id);
    if (!entry) return { status: 404, body: { ok: false, error: 'invalid_url' } };
    if (now - entry.issuedAt > RESPONSE_URL_TTL_MS) return { status: 404, body: { ok: false, error: 'expired_url' } };
    if (entry.posts.length >= RESPONSE_URL_MAX_USES) return { status: 404, body: { ok: false, error: 'used_url' } };
    entry.posts.push(body);
    return { status: 200, body: { ok: true } };
  }
}

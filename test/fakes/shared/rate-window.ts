/** Result of counting one request against a sliding-window limit. */
export interface RateVerdict {
  allowed: boolean;
  /** Whole seconds until a slot frees up (≥ 1 when refused). */
  resetSeconds: number;
}

/**
 * Sliding-window counter keyed by anything (user, chat, message). Driven by the fake's
 * injectable clock, so a test can exhaust a limit and then step past it without sleeping.
 */
export class RateWindow {
  private readonly hits = new Map<string, number[]>();

  private readonly limit: number;
  private readonly windowMs: number;

  constructor(limit: number, windowMs: number) {
    this.limit = limit;
    this.windowMs = windowMs;
  }

  /** Counts one request for `key` at `now`; refused requests are not counted. */
  hit(key: string, now: number): RateVerdict {
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      const oldest = recent[0] ?? now;
      return { allowed: false, resetSeconds: Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000)) };
    }
    recent.push(now);
    this.hits.set(key, recent);
    return { allowed: true, resetSeconds: 0 };
  }
}

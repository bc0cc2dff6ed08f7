/**
 * Token buckets keyed by destination, so one busy channel waits without holding up the
 * rest. Time comes from the caller (no timers), which keeps tests clock-driven.
 */
export interface BucketRule {
  /** e.g. 1 for Slack's ≈1 message/s per channel. */
  perSecond: number;
  /** How many may go at once before the rate applies. */
  burst: number;
}

export interface RateBudget {
  /**
   * Takes one token from every bucket in `keys` if all have one and returns 0; otherwise
   * takes nothing and returns how many ms to wait until all would have one.
   */
  reserve(keys: { key: string; rule: BucketRule }[], nowMs: number): number;
}

export function createRateBudget(): RateBudget {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const level = (key: string, rule: BucketRule, now: number) => {
    const b = buckets.get(key) ?? { tokens: rule.burst, at: now };
    const tokens = Math.min(rule.burst, b.tokens + ((now - b.at) / 1000) * rule.perSecond);
    return { tokens, at: now };
  };
  return {
    reserve(keys, now) {
      const levels = keys.map(({ key, rule }) => ({ key, rule, ...level(key, rule, now) }));
      const wait = Math.max(0, ...levels.map((l) => (l.tokens >= 1 ? 0 : Math.ceil(((1 - l.tokens) / l.rule.perSecond) * 1000))));
      if (wait > 0) return wait;
      for (const l of levels) buckets.set(l.key, { tokens: l.tokens - 1, at: l.at });
      if (buckets.size > 10_000) pruneFull(buckets, now);
      return 0;
    },
  };
}

/** Keeps memory bounded: a bucket untouched for a minute is full again and can be forgotten. */
function pruneFull(buckets: Map<string, { tokens: number; at: number }>, now: number) {
  for (const [k, b] of buckets) if (now - b.at > 60_000) buckets.delete(k);
}

/** The platforms' published budgets (platform-facts §1.6, §2.5). */
export const PLATFORM_BUDGETS: Record<string, (row: { destination: string }) => { key: string; rule: BucketRule }[]> = {
  // chat.postMessage: about one message per second per channel.
  slack: (row) => [{ key: `slack:${row.destination}`, rule: { perSecond: 1, burst: 1 } }],
  // im/v1/messages: 5 QPS per user or chat, 50/s per app.
  feishu: (row) => [
    { key: `feishu:${row.destination}`, rule: { perSecond: 5, burst: 5 } },
    { key: 'feishu:app', rule: { perSecond: 50, burst: 50 } },
  ],
};

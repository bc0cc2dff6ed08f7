/**
 * Send budgets as sliding windows ("at most `limit` sends in any `windowMs`"), keyed by
 * destination and by workspace or app, so one busy channel waits without holding up the
 * rest. A window allows a burst of `limit` and then `limit / windowMs` on average, which is
 * how the platforms state their limits. Time comes from the caller (no timers), which keeps
 * tests clock-driven.
 */
export interface WindowRule {
  limit: number;
  windowMs: number;
}

export interface BudgetKey {
  key: string;
  rule: WindowRule;
}

export interface RateBudget {
  /**
   * Takes one send from every window in `keys` if all have room and returns 0; otherwise
   * takes nothing and returns how many ms to wait until all would have room.
   */
  reserve(keys: BudgetKey[], nowMs: number): number;
  /** Nothing is sent on `keys` before `untilMs` (a platform's Retry-After, or a retry kept in order). */
  pause(keys: BudgetKey[], untilMs: number): void;
  /**
   * Moves a send reserved at `reservedMs` to `doneMs`, when the platform answered. The
   * platform counted it somewhere in between, so counting from the answer never lets the
   * next burst reach it early, however late the request left.
   */
  answered(keys: BudgetKey[], reservedMs: number, doneMs: number): void;
}

interface Window {
  /** Send times inside the window, oldest first. */
  sent: number[];
  pausedUntil: number;
}

/** An in-memory budget for one process; each drainer process keeps its own. */
export function createRateBudget(): RateBudget {
  const windows = new Map<string, Window>();
  const windowOf = (key: string) => {
    let w = windows.get(key);
    if (!w) windows.set(key, (w = { sent: [], pausedUntil: 0 }));
    return w;
  };
  const waitFor = (w: Window, rule: WindowRule, now: number) => {
    while (w.sent.length && now - w.sent[0]! >= rule.windowMs) w.sent.shift();
    const full = w.sent.length >= rule.limit ? w.sent[w.sent.length - rule.limit]! + rule.windowMs - now : 0;
    return Math.max(0, full, w.pausedUntil - now);
  };
  return {
    reserve(keys, now) {
      const wait = Math.max(0, ...keys.map(({ key, rule }) => waitFor(windowOf(key), rule, now)));
      if (wait > 0) return wait;
      for (const { key } of keys) windowOf(key).sent.push(now);
      if (windows.size > 10_000) prune(windows, now);
      return 0;
    },
    answered(keys, reserved, done) {
      for (const { key } of keys) {
        const sent = windows.get(key)?.sent;
        const at = sent?.lastIndexOf(reserved) ?? -1;
        if (!sent || at < 0 || done <= reserved) continue;
        sent.splice(at, 1);
        let i = sent.length;
        while (i > 0 && sent[i - 1]! > done) i--;
        sent.splice(i, 0, done);
      }
    },
    pause(keys, until) {
      for (const { key } of keys) {
        const w = windowOf(key);
        w.pausedUntil = Math.max(w.pausedUntil, until);
      }
    },
  };
}

/** Keeps memory bounded: a window with no send in the last minute and no pause is empty again. */
function prune(windows: Map<string, Window>, now: number) {
  for (const [k, w] of windows) if (w.pausedUntil <= now && (w.sent.at(-1) ?? 0) < now - 60_000) windows.delete(k);
}

/**
 * The platforms' published budgets (platform-facts §1.6, §2.5), per row. Keys carry the
 * workspace, since limits are per app per workspace (Slack) or per app per tenant (Feishu).
 */
export const PLATFORM_BUDGETS: Record<string, (row: { workspaceId: string; destination: string }) => BudgetKey[]> = {
  slack: (row) => [
    // chat.postMessage "generally allows posting one message per second per channel" with
    // short bursts allowed (docs.slack.dev/apis/web-api/rate-limits): 3 in any 3 s is a burst
    // of 3 and 1/s on average.
    { key: `slack:${row.workspaceId}:${row.destination}`, rule: { limit: 3, windowMs: 3_000 } },
    // "…while also maintaining a workspace-wide limit": Slack publishes no figure. 5/s
    // (300/min, above Tier 4's 100+/min) is our choice; a 429 Retry-After pauses the channel.
    { key: `slack:${row.workspaceId}`, rule: { limit: 5, windowMs: 1_000 } },
  ],
  feishu: (row) => [
    // im/v1/messages: "5 QPS per user and 5 QPS per group (shared by bots)".
    { key: `feishu:${row.workspaceId}:${row.destination}`, rule: { limit: 5, windowMs: 1_000 } },
    // Tier "1000/min & 50/s" per API × app × tenant: both windows apply.
    { key: `feishu:${row.workspaceId}`, rule: { limit: 50, windowMs: 1_000 } },
    { key: `feishu:${row.workspaceId}:min`, rule: { limit: 1_000, windowMs: 60_000 } },
  ],
  // OKR progress records: "100/min" per app and tenant (platform-facts §7.4).
  feishu_okr: (row) => [{ key: `feishu_okr:${row.workspaceId}`, rule: { limit: 100, windowMs: 60_000 } }],
};

import type { Clock } from '../domain/ports.ts';
import { PLATFORM_BUDGETS, type RateBudget } from './rate-budget.ts';
import type { OutboxRow, OutboxStore, Sender, SendResult } from './types.ts';

export interface DrainOptions {
  /** Rows leased per call; the cron sweep calls again next minute for the rest. */
  batchSize: number;
  /** How long a lease lasts before another drainer may take the row over. */
  leaseMs: number;
  /** After this many failed attempts a row is dead. */
  maxAttempts: number;
  baseBackoffMs: number;
  maxBackoffMs: number;
  /**
   * A send that takes longer counts as failed (and is retried). Kept above the platform
   * clients' own 10 s timeouts, so a slow but successful call is not abandoned and sent again.
   */
  sendTimeoutMs: number;
}

export const DEFAULT_DRAIN: DrainOptions = {
  batchSize: 50,
  leaseMs: 60_000,
  maxAttempts: 12,
  baseBackoffMs: 5_000,
  maxBackoffMs: 60 * 60_000,
  sendTimeoutMs: 25_000,
};

export interface DrainDeps {
  store: OutboxStore;
  senders: Partial<Record<string, Sender>>;
  budget: RateBudget;
  clock: Clock;
  log?: (msg: string, data?: Record<string, unknown>) => void;
}

export interface DrainReport {
  sent: number;
  retried: number;
  deferred: number;
  dead: number;
}

/** Exponential backoff: base, 2×base, 4×base … capped. */
export function backoffMs(attemptsSoFar: number, o: Pick<DrainOptions, 'baseBackoffMs' | 'maxBackoffMs'>): number {
  return Math.min(o.maxBackoffMs, o.baseBackoffMs * 2 ** attemptsSoFar);
}

/**
 * Delivers due outbox rows once each. Rows are sent one after another so messages to
 * the same destination keep their order; a row whose destination is over budget is put
 * back (not counted as an attempt) for when the budget allows.
 */
export async function drainOutbox(deps: DrainDeps, options: Partial<DrainOptions> = {}): Promise<DrainReport> {
  const o = { ...DEFAULT_DRAIN, ...options };
  const token = crypto.randomUUID();
  const rows = await deps.store.claim({ now: deps.clock.now(), limit: o.batchSize, leaseMs: o.leaseMs, token });
  const report: DrainReport = { sent: 0, retried: 0, deferred: 0, dead: 0 };
  for (const row of rows) report[await deliverOne(deps, o, token, row)]++;
  if (rows.length) deps.log?.('outbox drained', { ...report });
  return report;
}

async function deliverOne(deps: DrainDeps, o: DrainOptions, token: string, row: OutboxRow): Promise<keyof DrainReport> {
  const now = deps.clock.now();
  const budgets = PLATFORM_BUDGETS[row.platform]?.(row) ?? [];
  const wait = deps.budget.reserve(budgets, now.getTime());
  if (wait > 0) {
    await deps.store.retryLater(row.id, token, new Date(now.getTime() + wait), { error: null, countAttempt: false });
    return 'deferred';
  }
  const sender = deps.senders[row.platform];
  const result: SendResult = sender
    ? await sendWithTimeout(sender, row, o.sendTimeoutMs)
    : { ok: false, error: `no sender configured for platform "${row.platform}"` };
  const after = deps.clock.now();
  if (result.ok) {
    await deps.store.markSent(row.id, token, after, result.result ?? null);
    return 'sent';
  }
  const attempts = row.attempts + 1;
  if (result.permanent || attempts >= o.maxAttempts) {
    await deps.store.markDead(row.id, token, result.error);
    deps.log?.('outbox row dead', { id: row.id, kind: row.kind, error: result.error, attempts });
    return 'dead';
  }
  const delay = result.retryAfterMs ?? backoffMs(row.attempts, o);
  await deps.store.retryLater(row.id, token, new Date(after.getTime() + delay), { error: result.error, countAttempt: true });
  return 'retried';
}

async function sendWithTimeout(sender: Sender, row: OutboxRow, ms: number): Promise<SendResult> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<SendResult>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, error: `timed out after ${ms} ms` }), ms);
  });
  try {
    return await Promise.race([
      sender.send(row).catch((err: unknown): SendResult => ({ ok: false, error: err instanceof Error ? err.message : String(err) })),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

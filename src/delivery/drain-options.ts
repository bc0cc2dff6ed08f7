import type { Clock } from '../domain/ports.ts';
import { PLATFORM_BUDGETS, type BudgetKey, type RateBudget } from './rate-budget.ts';
import type { OutboxStore, Sender } from './types.ts';

export interface DrainOptions {
  /** Rows leased per pass at most (D1 binds ≤ 100 parameters per statement, so keep it under 90). */
  batchSize: number;
  /** Due rows looked at per pass, before budgets pick; round-robin across destinations. */
  candidates: number;
  /** Due rows looked at per destination per pass; above every budget's burst. */
  perDestination: number;
  /**
   * Destinations sent to at the same time; one destination's rows always go one after another.
   * 1 (strictly one row after another) unless set: the app's drainer on real timers sets 8,
   * enough for Feishu's 50/s at a real platform's 100–200 ms per call.
   */
  concurrency: number;
  /** How long a lease lasts before another drainer may take the row over; renewed before each send. */
  leaseMs: number;
  /** After this many failed attempts a row is dead. */
  maxAttempts: number;
  baseBackoffMs: number;
  maxBackoffMs: number;
  /**
   * A send that takes longer counts as failed (and is retried). Kept above the platform
   * clients' own 10 s timeouts, so a slow but successful call is not abandoned and sent
   * again, and well under `leaseMs`, so the lease outlives every send.
   */
  sendTimeoutMs: number;
  /**
   * No send starts unless it can finish (`sendTimeoutMs`) by this instant (ms); the rows left
   * are given back untouched. Workers set it from the invocation's waitUntil budget.
   */
  sendBy: number;
}

export const DEFAULT_DRAIN: DrainOptions = {
  batchSize: 50,
  candidates: 200,
  perDestination: 10,
  concurrency: 1,
  leaseMs: 60_000,
  maxAttempts: 12,
  baseBackoffMs: 5_000,
  maxBackoffMs: 60 * 60_000,
  sendTimeoutMs: 25_000,
  sendBy: Number.POSITIVE_INFINITY,
};

export interface DrainDeps {
  store: OutboxStore;
  senders: Partial<Record<string, Sender>>;
  budget: RateBudget;
  clock: Clock;
  log?: (msg: string, data?: Record<string, unknown>) => void;
  /**
   * Waited for before each pass and each send: on Node, until no inbound request is in flight
   * (bounded; src/delivery/inbound-gate.ts), so card rendering and sends do not queue acks.
   */
  yieldTo?: () => Promise<void>;
  /** Called as each send starts (the drainer uses it to tell a live run from a dead one). */
  onSendStart?: (until: number) => void;
}

export interface DrainReport {
  sent: number;
  retried: number;
  /** Due rows left untouched because their budget had no room (they go when it has). */
  deferred: number;
  dead: number;
}

/** Exponential backoff: base, 2×base, 4×base … capped. */
export function backoffMs(attemptsSoFar: number, o: Pick<DrainOptions, 'baseBackoffMs' | 'maxBackoffMs'>): number {
  return Math.min(o.maxBackoffMs, o.baseBackoffMs * 2 ** attemptsSoFar);
}

/** The budget windows a row counts against; the destination's own window comes first. */
export const budgetOf = (row: { platform: string; workspaceId: string; destination: string }): BudgetKey[] => PLATFORM_BUDGETS[row.platform]?.(row) ?? [];

export const emptyReport = (): DrainReport => ({ sent: 0, retried: 0, deferred: 0, dead: 0 });

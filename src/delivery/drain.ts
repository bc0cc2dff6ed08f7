import { DEFAULT_DRAIN, type DrainDeps, type DrainOptions, type DrainReport, emptyReport, budgetOf } from './drain-options.ts';
import type { RateBudget } from './rate-budget.ts';
import { sendLanes } from './send-lane.ts';
import type { DueRow } from './types.ts';

export { backoffMs, DEFAULT_DRAIN, type DrainDeps, type DrainOptions, type DrainReport } from './drain-options.ts';

export interface PassResult {
  report: DrainReport;
  /** Rows this pass leased (0: nothing it could take was due). */
  leased: number;
  /** When the soonest held row's budget has room again, in ms; null when none was held. */
  budgetWaitMs: number | null;
}

/**
 * One pass: reads due rows, picks per destination only what its budget allows now, leases
 * just those (rows waiting on a budget are not written), sends each destination's rows in
 * created order, and settles each row as it goes.
 */
export async function drainPass(deps: DrainDeps, options: Partial<DrainOptions> = {}): Promise<PassResult> {
  const o = { ...DEFAULT_DRAIN, ...options };
  await deps.yieldTo?.();
  const now = deps.clock.now();
  const due = await deps.store.due({ now, limit: o.candidates, perDestination: o.perDestination });
  const { picked, deferred, budgetWaitMs } = pickByBudget(due, deps.budget, now.getTime(), Math.min(o.batchSize, 90));
  const token = crypto.randomUUID();
  const rows = await deps.store.lease({ ids: picked.map((r) => r.id), now, leaseMs: o.leaseMs, token });
  const report = { ...emptyReport(), deferred };
  await sendLanes({ ...deps, options: o, token, report, reservedAt: now.getTime() }, rows);
  return { report, leased: rows.length, budgetWaitMs };
}

/** One pass of the outbox (see {@link drainPass}); the continuous drainer is in drainer.ts. */
export async function drainOutbox(deps: DrainDeps, options: Partial<DrainOptions> = {}): Promise<DrainReport> {
  return (await drainPass(deps, options)).report;
}

/**
 * Walks the due rows in round-robin order and takes those whose budget has room now, up to
 * `max`. Once a destination's budget is out, its later rows are held without asking again,
 * which keeps its order (a later row never overtakes a held one).
 */
function pickByBudget(due: DueRow[], budget: RateBudget, now: number, max: number) {
  const picked: DueRow[] = [];
  const held = new Set<string>();
  let deferred = 0;
  let budgetWaitMs: number | null = null;
  for (const row of due) {
    if (picked.length >= max) break;
    const destination = `${row.workspaceId}\u0000${row.platform}\u0000${row.destination}`;
    const wait = held.has(destination) ? -1 : budget.reserve(budgetOf(row), now);
    if (wait === 0) {
      picked.push(row);
      continue;
    }
    deferred++;
    if (wait > 0) {
      held.add(destination);
      budgetWaitMs = Math.min(budgetWaitMs ?? wait, wait);
    }
  }
  return { picked, deferred, budgetWaitMs };
}

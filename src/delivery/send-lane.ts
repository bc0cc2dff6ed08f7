import { backoffMs, budgetOf, type DrainDeps, type DrainOptions, type DrainReport } from './drain-options.ts';
import type { OutboxRow, Sender, SendResult, Settlement } from './types.ts';

interface LaneContext extends DrainDeps {
  options: DrainOptions;
  token: string;
  report: DrainReport;
  /** When the pass reserved its budget (ms). */
  reservedAt: number;
}

/**
 * Sends leased rows: one lane per destination, its rows one after another in the order
 * given; up to `concurrency` lanes at once, so a slow destination does not hold up others.
 */
export async function sendLanes(ctx: LaneContext, rows: OutboxRow[]): Promise<void> {
  const lanes = new Map<string, OutboxRow[]>();
  for (const row of rows) {
    const key = `${row.workspaceId}\u0000${row.platform}\u0000${row.destination}`;
    const lane = lanes.get(key);
    if (lane) lane.push(row);
    else lanes.set(key, [row]);
  }
  const queue = [...lanes.values()];
  const worker = async () => {
    for (let lane = queue.shift(); lane; lane = queue.shift()) await sendLane(ctx, lane);
  };
  await Promise.all(Array.from({ length: Math.min(ctx.options.concurrency, queue.length) }, worker));
}

/**
 * Before each send the row is marked in flight and its lease renewed (in the same round trip
 * that settles the row before), so no other drainer takes a row while it is being sent. A
 * row that must be retried stops its lane: the rows behind it are given back and its
 * destination's budget waits for the retry, so they never overtake it.
 */
async function sendLane(ctx: LaneContext, lane: OutboxRow[]): Promise<void> {
  const { store, token } = ctx;
  let settle: Settlement | undefined;
  let i = 0;
  for (; i < lane.length; i++) {
    const row = lane[i]!;
    await ctx.yieldTo?.();
    // Past the invocation's budget a send could be cut off mid-flight: leave the rest for the next run.
    if (ctx.clock.now().getTime() + ctx.options.sendTimeoutMs > ctx.options.sendBy) break;
    if (!(await begin(ctx, row, settle))) {
      settle = undefined;
      break;
    }
    settle = await deliver(ctx, row);
    if (settle.outcome === 'retry') {
      ctx.budget.pause(budgetOf(row).slice(0, 1), settle.at.getTime());
      i++;
      break;
    }
  }
  const rest = lane.slice(i).map((r): Settlement => ({ id: r.id, token, outcome: 'release' }));
  await store.settle(settle ? [settle, ...rest] : rest);
}

/**
 * Marks `row` in flight with a fresh lease (settling the lane's previous row in the same
 * round trip). A send starts only with more lease left than the send may take, so a slow
 * database write cannot leave it sending on an expired lease; false when the lease is lost.
 */
async function begin(ctx: LaneContext, row: OutboxRow, settle: Settlement | undefined): Promise<boolean> {
  const { store, clock, options: o, token } = ctx;
  const now = clock.now();
  const until = new Date(now.getTime() + o.leaseMs);
  if (!(await store.step({ settle, begin: { id: row.id, token, now, until } }))) return false;
  ctx.onSendStart?.(now.getTime() + o.sendTimeoutMs);
  return true;
}

/** Sends one row and says how it ended. */
async function deliver(ctx: LaneContext, row: OutboxRow): Promise<Settlement> {
  const { options: o, token, report } = ctx;
  const sender = ctx.senders[row.platform];
  const result: SendResult = sender ? await sendWithTimeout(sender, row, o.sendTimeoutMs) : { ok: false, error: `no sender configured for platform "${row.platform}"` };
  const after = ctx.clock.now();
  ctx.budget.answered(budgetOf(row), ctx.reservedAt, after.getTime());
  if (result.ok) {
    report.sent++;
    return { id: row.id, token, outcome: 'sent', at: after, result: result.result ?? null };
  }
  const attempts = row.attempts + 1;
  if (result.permanent || attempts >= o.maxAttempts) {
    report.dead++;
    ctx.log?.('outbox row dead', { id: row.id, kind: row.kind, error: result.error, attempts });
    return { id: row.id, token, outcome: 'dead', error: result.error };
  }
  report.retried++;
  const delay = result.retryAfterMs ?? backoffMs(row.attempts, o);
  return { id: row.id, token, outcome: 'retry', at: new Date(after.getTime() + delay), error: result.error };
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

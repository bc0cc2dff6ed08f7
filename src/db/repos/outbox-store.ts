import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DueRow, OutboxRow, OutboxStore, Settlement } from '../../delivery/types.ts';
import type { Db } from '../client.ts';
import { outbox } from '../schema/index.ts';

/** A row is due when pending and its time has come, or `sending` under a lease that ran out (spelled out with an alias in `due`). */
const dueAt = (now: number) =>
  sql`((${outbox.status} = 'pending' AND ${outbox.nextAttemptAt} <= ${now}) OR (${outbox.status} = 'sending' AND ${outbox.claimedUntil} < ${now}))`;

const INTERRUPTED_TWICE = 'interrupted mid-send twice (the drainer vanished); not sent a third time, it may have been delivered';

/**
 * The outbox on drizzle. Leases are per row and taken with one conditional UPDATE … RETURNING,
 * so two drainers never hold the same row; every write checks the lease token.
 */
export function createOutboxStore(db: Db): OutboxStore {
  const leased = (id: string, token: string) => and(eq(outbox.id, id), eq(outbox.claimToken, token), eq(outbox.status, 'sending'));
  const released = { claimToken: null, claimedUntil: null, sendStartedAt: null } as const;
  const settleStatement = (s: Settlement) => {
    const set =
      s.outcome === 'sent'
        ? { status: 'sent' as const, sentAt: s.at, result: s.result, lastError: null }
        : s.outcome === 'retry'
          ? { status: 'pending' as const, nextAttemptAt: s.at, lastError: s.error, attempts: sql`${outbox.attempts} + 1` }
          : s.outcome === 'dead'
            ? { status: 'dead' as const, lastError: s.error, attempts: sql`${outbox.attempts} + 1` }
            : { status: 'pending' as const };
    return db.update(outbox).set({ ...set, ...released }).where(leased(s.id, s.token));
  };
  return {
    async due({ now, limit, perDestination }) {
      const t = now.getTime();
      // Per destination, its first `perDestination` due rows in created order (rowid breaks
      // ties within one batch), read from the outbox_queue index: a pass costs the number of
      // destinations, not the number of queued rows (a backlog held by its budget is met on
      // every pass). `next` finds the destinations by seeking that index from one to the next
      // (a DISTINCT over it walked every queued row: 2.5 ms at 5,000, test/integration/outbox-due.test.ts);
      // INDEXED BY, as without statistics the planner takes outbox_due and sorts instead.
      // Numbering those few and ordering by the number first is the round-robin.
      // A destination is skipped while another drainer holds a live lease on it, and its rows
      // after one that waits for a retry wait too: its messages stay in order across drainers
      // and failures. Both sets come from the few rows in `sending` or in retry.
      const queued = sql`SELECT x.rowid FROM ${outbox} x INDEXED BY outbox_queue WHERE x.status IN ('pending', 'sending')`;
      const rows = await db.all<{ id: string; workspace_id: string; platform: string; destination: string }>(sql`
        WITH RECURSIVE held AS (
          SELECT workspace_id, platform, destination, min(CASE WHEN status = 'sending' THEN 0 ELSE created_at END) AS after
          FROM ${outbox}
          WHERE (status = 'sending' AND claimed_until >= ${t}) OR (status = 'pending' AND next_attempt_at > ${t})
          GROUP BY workspace_id, platform, destination
        ),
        next(rid) AS (
          SELECT (${queued} ORDER BY x.workspace_id, x.platform, x.destination LIMIT 1)
          UNION ALL
          SELECT coalesce(
            (${queued} AND x.workspace_id = o.workspace_id AND x.platform = o.platform AND x.destination > o.destination ORDER BY x.destination LIMIT 1),
            (${queued} AND x.workspace_id = o.workspace_id AND x.platform > o.platform ORDER BY x.platform, x.destination LIMIT 1),
            (${queued} AND x.workspace_id > o.workspace_id ORDER BY x.workspace_id, x.platform, x.destination LIMIT 1))
          FROM next JOIN ${outbox} o ON o.rowid = next.rid
        ),
        queues AS (
          SELECT o.workspace_id, o.platform, o.destination FROM next JOIN ${outbox} o ON o.rowid = next.rid
        ),
        heads AS (
          SELECT o.id, o.workspace_id, o.platform, o.destination, o.created_at, o.rowid AS rid
          FROM queues q
          LEFT JOIN held h ON h.workspace_id = q.workspace_id AND h.platform = q.platform AND h.destination = q.destination
          JOIN ${outbox} o ON o.rowid IN (
            SELECT x.rowid FROM ${outbox} x
            WHERE x.workspace_id = q.workspace_id AND x.platform = q.platform AND x.destination = q.destination
              AND x.status IN ('pending', 'sending')
              AND ((x.status = 'pending' AND x.next_attempt_at <= ${t}) OR (x.status = 'sending' AND x.claimed_until < ${t}))
              AND (h.after IS NULL OR x.created_at < h.after)
            ORDER BY x.created_at, x.rowid
            LIMIT ${perDestination})
        )
        SELECT id, workspace_id, platform, destination FROM (
          SELECT *, ROW_NUMBER() OVER (PARTITION BY workspace_id, platform, destination ORDER BY created_at, rid) AS rn FROM heads
        )
        ORDER BY rn, created_at, rid
        LIMIT ${limit}`);
      return rows.map((r): DueRow => ({ id: r.id, workspaceId: r.workspace_id, platform: r.platform, destination: r.destination }));
    },

    async lease({ ids, now, leaseMs, token }) {
      if (!ids.length) return [];
      const t = now.getTime();
      const these = and(inArray(outbox.id, ids), dueAt(t));
      const interrupted = sql`(${outbox.status} = 'sending' AND ${outbox.sendStartedAt} IS NOT NULL)`;
      const [, rows] = await db.batch([
        db
          .update(outbox)
          .set({ status: 'dead', lastError: INTERRUPTED_TWICE, ...released })
          .where(and(these, interrupted, sql`${outbox.resends} >= 1`)),
        db
          .update(outbox)
          .set({
            status: 'sending',
            claimToken: token,
            claimedUntil: new Date(t + leaseMs),
            sendStartedAt: null,
            resends: sql`${outbox.resends} + CASE WHEN ${interrupted} THEN 1 ELSE 0 END`,
            attempts: sql`${outbox.attempts} + CASE WHEN ${interrupted} THEN 1 ELSE 0 END`,
          })
          .where(these)
          .returning(),
      ]);
      const order = new Map(ids.map((id, i) => [id, i]));
      return rows
        .sort((a, b) => order.get(a.id)! - order.get(b.id)!)
        .map(
          (r): OutboxRow => ({
            id: r.id,
            workspaceId: r.workspaceId,
            platform: r.platform,
            kind: r.kind,
            destination: r.destination,
            payload: r.payload,
            dedupeKey: r.dedupeKey,
            attempts: r.attempts,
            resends: r.resends,
          }),
        );
    },

    async step({ settle, begin }) {
      if (!begin) {
        if (settle) await settleStatement(settle);
        return true;
      }
      const mark = db
        .update(outbox)
        .set({ sendStartedAt: begin.now, claimedUntil: begin.until })
        .where(leased(begin.id, begin.token))
        .returning({ id: outbox.id });
      const marked = settle ? (await db.batch([settleStatement(settle), mark]))[1] : await mark;
      return marked.length === 1;
    },

    async settle(settlements) {
      const [first, ...rest] = settlements.map(settleStatement);
      if (first) await db.batch([first, ...rest]);
    },

    async nextDueAfter(now) {
      const t = now.getTime();
      const [row] = await db.all<{ at: number | null }>(sql`
        SELECT min(at) AS at FROM (
          SELECT min(next_attempt_at) AS at FROM ${outbox} WHERE status = 'pending' AND next_attempt_at > ${t}
          UNION ALL
          SELECT min(claimed_until) + 1 FROM ${outbox} WHERE status = 'sending' AND claimed_until >= ${t}
        )`);
      return row?.at == null ? null : new Date(row.at);
    },
  };
}

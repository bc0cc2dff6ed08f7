/**
 * The scheduler with 100,000 open reviews on a libsql file. Each case sets up exactly what
 * its label says on the same seeded database, runs `runDueJobs`, and prints the time next
 * to the setup and to what the run actually did (so a label that does not match shows).
 * Prints numbers, asserts nothing.
 *   npm run bench      (or: node --experimental-strip-types bench/scheduler.ts)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { loadConfig } from '../src/config.ts';
import { openNodeDatabase } from '../src/db/migrate-node.ts';
import { outbox, outcomes, people, reviewSchedules } from '../src/db/schema/index.ts';
import { createTrackedDefer } from '../src/defer.ts';
import { createDeps } from '../src/deps.ts';
import { runDueJobs, type JobsReport } from '../src/jobs/run-due-jobs.ts';
import { quietLog } from '../src/log.ts';

const OPEN = 100_000;
/** Distinct owners, so a batch of due reviews goes to 100 different DMs (Slack allows about one message per second per channel). */
const OWNERS = 1_000;
const CHUNK = 500;
const RUNS = 3;

/** What a run did, as numbers: every job's count and the outbox rows it handled. */
function did(r: JobsReport): string {
  const o = r.outbox;
  const outboxRows = o.sent + o.retried + o.deferred + o.dead ? `outbox sent ${o.sent}, retried ${o.retried}, deferred ${o.deferred}, dead ${o.dead}` : 'outbox nothing to deliver';
  const jobs = { reviewsDue: r.reviewsDue, reviewReminders: r.reviewReminders, escalations: r.escalations, surveyReminders: r.surveyReminders, surveysClosed: r.surveysClosed, digests: r.digests, failedJobs: r.failedJobs };
  const nonZero = Object.entries(jobs).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`);
  return `did: ${nonZero.length ? nonZero.join(', ') : 'no job work'}; ${outboxRows}`;
}

async function main() {
  const dir = await mkdtemp(join(tmpdir(), 'outcome-bench-sched-'));
  const { db, client } = await openNodeDatabase(`file:${join(dir, 'bench.db')}`);
  // A Tuesday 10:00 in the workspace's zone (Asia/Shanghai): not digest time, and no PMO is set up to get one.
  const now = new Date('2026-11-24T02:00:00Z');
  // A sender that accepts at once: the runs pay for claiming and marking rows, not for a network.
  const noopSender = { send: async () => ({ ok: true as const }) };
  const deps = createDeps({ config: loadConfig({}), runtime: 'node', db, defer: createTrackedDefer(quietLog).defer, log: quietLog, clock: { now: () => now }, platformSenders: {}, senders: { slack: noopSender } });
  const ws = await deps.repos.workspaces.ensure('slack', 'TBENCH');
  const owners = await db
    .insert(people)
    .values(Array.from({ length: OWNERS }, (_, i) => ({ workspaceId: ws.id, platformUserId: `UOWNER${i}`, name: `Owner ${i}` })))
    .returning({ id: people.id });

  const t0 = performance.now();
  const scheduleIds: string[] = [];
  for (let i = 0; i < OPEN; i += CHUNK) {
    const ids = Array.from({ length: CHUNK }, () => crypto.randomUUID());
    await db.insert(outcomes).values(ids.map((id, j) => {
      const owner = owners[(i + j) % OWNERS]!.id;
      return { id, workspaceId: ws.id, title: `Outcome ${i + j}`, status: 'verified' as const, submitterId: owner, ownerId: owner };
    }));
    // All due between one day and one year from now: none is due yet.
    const rows = await db
      .insert(reviewSchedules)
      .values(ids.map((outcomeId, j) => ({ workspaceId: ws.id, outcomeId, kind: 'first' as const, dueAt: new Date(now.getTime() + (((i + j) % 365) + 1) * 86_400_000) })))
      .returning({ id: reviewSchedules.id });
    scheduleIds.push(...rows.map((r) => r.id));
  }
  console.log(`scheduler: seeded ${OPEN.toLocaleString('en')} open reviews of ${OWNERS} owners (all due in 1–365 days) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  let next = 0;
  /** Makes the next `n` scheduled reviews due one minute ago. */
  const makeDue = async (n: number) => {
    const ids = scheduleIds.slice(next, (next += n));
    for (let i = 0; i < ids.length; i += CHUNK) await db.update(reviewSchedules).set({ dueAt: new Date(now.getTime() - 60_000) }).where(and(inArray(reviewSchedules.id, ids.slice(i, i + CHUNK)), eq(reviewSchedules.status, 'scheduled')));
  };
  const pendingOutbox = async () => (await db.select({ n: sql<number>`count(*)` }).from(outbox).where(inArray(outbox.status, ['pending', 'sending'])))[0]!.n;
  const run = async (setup: string) => {
    const setupLine = `${setup}; ${await pendingOutbox()} outbox rows pending`;
    const t = performance.now();
    const r = await runDueJobs(deps, now);
    console.log(`  ${(performance.now() - t).toFixed(0).padStart(5)} ms   [${setupLine}]   ${did(r)}`);
    return r;
  };

  console.log('nothing due (the common minute):');
  for (let i = 0; i < RUNS; i++) await run(`${OPEN.toLocaleString('en')} open reviews, 0 due`);

  console.log('100 due (one batch: a run notifies up to 100 per job):');
  for (let i = 0; i < RUNS; i++) {
    await makeDue(100);
    await run(`${OPEN.toLocaleString('en')} open reviews, 100 due`);
    await run('the same, right after: 0 due, their outbox rows delivered');
  }

  console.log('1,000 due at once (a backlog: 10 runs of 100):');
  await makeDue(1000);
  for (let i = 1; ; i++) {
    const r = await run(`run ${i} of the backlog`);
    if (r.reviewsDue === 0) break;
  }

  client.close();
  await rm(dir, { recursive: true, force: true });
}

await main();

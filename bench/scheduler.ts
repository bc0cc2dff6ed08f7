/**
 * The scheduler with 100,000 open reviews on a libsql file: how long one run takes when
 * 1,000 are due, and when none are (the common minute). Prints numbers, asserts nothing.
 *   npm run bench
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.ts';
import { openNodeDatabase } from '../src/db/migrate-node.ts';
import { outcomes, people, reviewSchedules } from '../src/db/schema/index.ts';
import { createTrackedDefer } from '../src/defer.ts';
import { createDeps } from '../src/deps.ts';
import { platformSenders } from '../src/platform-senders.ts';
import { runDueJobs } from '../src/jobs/run-due-jobs.ts';
import { quietLog } from '../src/log.ts';

const OPEN = 100_000;
const DUE = 1_000;
const CHUNK = 500;

async function main() {
  const dir = await mkdtemp(join(tmpdir(), 'outcome-bench-sched-'));
  const { db, client } = await openNodeDatabase(`file:${join(dir, 'bench.db')}`);
  let now = new Date('2026-11-23T01:00:00Z');
  const deps = createDeps({ config: loadConfig({}), runtime: 'node', db, defer: createTrackedDefer(quietLog).defer, log: quietLog, clock: { now: () => now }, platformSenders });
  const ws = await deps.repos.workspaces.ensure('slack', 'TBENCH');
  const [owner] = await db.insert(people).values({ workspaceId: ws.id, platformUserId: 'UOWNER', name: 'Owner' }).returning();

  const t0 = performance.now();
  for (let i = 0; i < OPEN; i += CHUNK) {
    const ids = Array.from({ length: CHUNK }, () => crypto.randomUUID());
    await db.insert(outcomes).values(ids.map((id, j) => ({ id, workspaceId: ws.id, title: `Outcome ${i + j}`, status: 'verified' as const, submitterId: owner!.id, ownerId: owner!.id })));
    // The first DUE are due now; the rest spread over the next year.
    await db.insert(reviewSchedules).values(ids.map((outcomeId, j) => ({ workspaceId: ws.id, outcomeId, kind: 'first' as const, dueAt: new Date(now.getTime() + (i + j < DUE ? -60_000 : ((i + j) % 365) * 86_400_000 + 3_600_000)) })));
  }
  console.log(`seeded ${OPEN} open reviews in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const run = async (label: string) => {
    const t = performance.now();
    const r = await runDueJobs(deps, now);
    console.log(`${label}: ${(performance.now() - t).toFixed(0)} ms (reviews notified ${r.reviewsDue}, outbox rows handled ${r.outbox.sent + r.outbox.retried + r.outbox.deferred + r.outbox.dead})`);
  };
  await run(`run with ${DUE} due (batch of 100 per run)`);
  for (let i = 2; i <= 5; i++) await run(`run ${i}`);
  await run('run with nothing left due');
  now = new Date(now.getTime() + 60_000);
  await run('next minute, nothing due');

  client.close();
  await rm(dir, { recursive: true, force: true });
}

await main();

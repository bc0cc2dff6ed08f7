/**
 * Benchmarks on a real libsql file (not part of `npm test`): prints numbers, asserts nothing.
 *   npm run bench
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openNodeDatabase } from '../src/db/migrate-node.ts';
import { createOutboxStore } from '../src/db/repos/outbox-store.ts';
import { createWorkspaceRepo } from '../src/db/repos/workspace-repo.ts';
import { createOutcomeRepo } from '../src/db/repos/outcome-repo.ts';
import { createPeopleRepo } from '../src/db/repos/people-repo.ts';
import { outbox, projects } from '../src/db/schema/index.ts';
import { drainOutbox } from '../src/delivery/drain.ts';
import { createRateBudget } from '../src/delivery/rate-budget.ts';
import { submitOutcome } from '../src/domain/submit-outcome.ts';
import { decideOutcome } from '../src/domain/decide-outcome.ts';

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const fmt = (ms: number) => `${ms.toFixed(2)} ms`;

async function main() {
  const dir = await mkdtemp(join(tmpdir(), 'outcome-bench-'));
  const { db, client } = await openNodeDatabase(`file:${join(dir, 'bench.db')}`);
  const ws = await createWorkspaceRepo(db, { timeZone: 'Asia/Shanghai', locale: 'zh-CN' }).ensure('slack', 'TBENCH');
  const people = createPeopleRepo(db);
  const [member, manager, pmo] = await people.ensure(ws.id, [{ platformUserId: 'UM' }, { platformUserId: 'UMGR' }, { platformUserId: 'UPMO' }]);
  const [project] = await db.insert(projects).values({ workspaceId: ws.id, name: 'Bench', goLiveAt: new Date('2026-06-01') }).returning();
  const ref = (p: typeof member) => ({ id: p!.id, address: p!.platformUserId, timeZone: null, locale: null });
  const ctx = { clock: { now: () => new Date() }, outcomes: createOutcomeRepo(db), people, newId: () => crypto.randomUUID(), via: 'chat' as const };
  const workspace = { id: ws.id, platform: 'slack' as const, settings: { ...ws.settings, pmoReviewers: ['UPMO'] } };

  // 1. submit → manager approve → PMO approve, each one batch on the file database.
  const N = 300;
  const timings = { submit: [] as number[], manager: [] as number[], pmo: [] as number[] };
  for (let i = 0; i < N; i++) {
    let t = performance.now();
    const { outcomeId } = await submitOutcome({
      ctx,
      input: {
        workspace,
        submitter: ref(member),
        reviewer: ref(manager),
        draft: {
          title: `Outcome ${i}`,
          description: 'A benchmark outcome with a long enough description.',
          indicatorClass: 'output',
          projectId: project!.id,
          ownerId: member!.id,
          dueDate: new Date('2026-12-01'),
          metrics: [{ name: 'Lead time', unit: 'd', direction: 'decrease', baseline: 10, target: 6 }],
          evidence: [],
        },
      },
    });
    timings.submit.push(performance.now() - t);
    t = performance.now();
    await decideOutcome({ ctx, input: { workspace, outcomeId, actor: ref(manager), decision: 'approve', scores: { impact: 3, difficulty: 3, innovation: 3 } } });
    timings.manager.push(performance.now() - t);
    t = performance.now();
    await decideOutcome({ ctx, input: { workspace, outcomeId, actor: ref(pmo), decision: 'approve', scores: { impact: 4, difficulty: 3, innovation: 2 } } });
    timings.pmo.push(performance.now() - t);
  }
  console.log(`verbs on a libsql file, n=${N} each  [one workspace, one project, 1 metric per outcome; each verb one db.batch]`);
  for (const [name, xs] of Object.entries(timings)) console.log(`  ${name.padEnd(8)} p50 ${fmt(percentile(xs, 50))}  p95 ${fmt(percentile(xs, 95))}  max ${fmt(Math.max(...xs))}`);

  // 2. Outbox drain throughput with a no-op sender (database cost of claim + mark sent).
  const ROWS = 5000;
  await db.delete(outbox);
  for (let i = 0; i < ROWS; i += 500)
    await db.insert(outbox).values(Array.from({ length: 500 }, (_, j) => ({ workspaceId: ws.id, platform: 'bench', kind: 'post', destination: `C${i + j}`, payload: { i: i + j }, nextAttemptAt: new Date(0) })));
  const store = createOutboxStore(db);
  const started = performance.now();
  let sent = 0;
  for (;;) {
    const r = await drainOutbox({ store, senders: { bench: { send: async () => ({ ok: true }) } }, budget: createRateBudget(), clock: { now: () => new Date() } }, { batchSize: 100 });
    sent += r.sent;
    if (r.sent === 0) break;
  }
  const secs = (performance.now() - started) / 1000;
  console.log(`outbox drain, ${sent} rows: ${(sent / secs).toFixed(0)} rows/s (${secs.toFixed(2)} s)  [${ROWS} pending rows to ${ROWS} destinations, batches of 100, a sender that accepts at once]`);

  client.close();
  await rm(dir, { recursive: true, force: true });
}

await main();

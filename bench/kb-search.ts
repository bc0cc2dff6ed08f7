/**
 * Knowledge-base search on a file database of 20,000 outcomes (one metric each, Chinese and
 * English titles and descriptions), through the real migrations and triggers: how long the
 * index makes inserting, and how long each kind of query takes (3 runs of the mean of 10).
 * Prints numbers, asserts nothing.
 *   node --experimental-strip-types bench/kb-search.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openNodeDatabase } from '../src/db/migrate-node.ts';
import { searchKnowledge } from '../src/db/queries/kb-search.ts';
import { metrics, outcomes, people, workspaces } from '../src/db/schema/index.ts';
import { defaultSettings } from '../src/domain/settings.ts';
import { similarOutcomesHint } from '../src/views/similar-hint.ts';

const N = 20_000;
const CHUNK = 500;
const ZH = ['客户', '留存', '效率', '库存', '拣货', '时间', '成本', '质量', '交付', '满意度', '自动化', '流程', '培训', '覆盖率', '准确率', '上线'];
const EN = ['customer', 'retention', 'efficiency', 'inventory', 'picking', 'latency', 'cost', 'quality', 'delivery', 'satisfaction', 'automation', 'checkout', 'training', 'coverage', 'accuracy', 'launch'];

let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
const words = (xs: readonly string[], n: number, sep: string) => Array.from({ length: n }, () => pick(xs)).join(sep);

const dir = await mkdtemp(join(tmpdir(), 'outcome-bench-kb-'));
const { db, client } = await openNodeDatabase(`file:${join(dir, 'kb.db')}`);
await db.insert(workspaces).values({ id: 'w', platform: 'slack', externalId: 'T', settings: defaultSettings('Asia/Shanghai', 'en') });
await db.insert(people).values({ id: 'p', workspaceId: 'w', platformUserId: 'U', name: 'P' });

const t0 = performance.now();
for (let i = 0; i < N; i += CHUNK) {
  const rows = Array.from({ length: CHUNK }, (_, k) => {
    const zh = (i + k) % 2 === 0;
    return {
      id: `o${i + k}`,
      workspaceId: 'w',
      title: zh ? words(ZH, 3, '') : words(EN, 3, ' '),
      description: zh ? words(ZH, 12, '') : words(EN, 12, ' '),
      status: 'verified' as const,
      submitterId: 'p',
    };
  });
  await db.insert(outcomes).values(rows);
  await db.insert(metrics).values(rows.map((o) => ({ workspaceId: 'w', outcomeId: o.id, name: pick(EN), direction: 'increase' as const, baseline: 0, target: 10, actual: Math.floor(rnd() * 12) })));
}
const insertMs = performance.now() - t0;
console.log(`inserted ${N} outcomes with a metric each (index kept by the triggers): ${(insertMs / 1000).toFixed(1)} s, ${((insertMs / N) * 1000).toFixed(0)} µs per outcome and metric`);

async function time(fn: () => Promise<unknown>, times = 10): Promise<number> {
  await fn();
  const t = performance.now();
  for (let i = 0; i < times; i++) await fn();
  return (performance.now() - t) / times;
}

const reader = { personId: 'p', seesAll: true };
const NONE = { indicatorClass: null, projectId: null, status: null, tag: null, template: null };
const cases: [string, () => Promise<unknown>][] = [
  ['for comparison, the bare FTS5 count of "checkout" matches', () => client.execute(`select count(*) from kb_fts where kb_fts match '"checkout"'`)],
  ['Chinese phrase "客户留存" (MATCH)', () => searchKnowledge(db, 'w', reader, '客户留存', NONE, { limit: 20, offset: 0 })],
  ['English word "checkout" (MATCH)', () => searchKnowledge(db, 'w', reader, 'checkout', NONE, { limit: 20, offset: 0 })],
  ['two English words (MATCH, AND)', () => searchKnowledge(db, 'w', reader, 'checkout latency', NONE, { limit: 20, offset: 0 })],
  ['2-character "效率" (LIKE over the workspace)', () => searchKnowledge(db, 'w', reader, '效率', NONE, { limit: 20, offset: 0 })],
  ['no words, newest first', () => searchKnowledge(db, 'w', reader, '', NONE, { limit: 20, offset: 0 })],
  ['submit-form hint for "提升客户留存率"', () => similarOutcomesHint(db, 'w', '提升客户留存率', 'zh-CN')],
];
for (const [name, fn] of cases) {
  const runs = [await time(fn), await time(fn), await time(fn)];
  console.log(`  ${name}: ${runs.map((ms) => `${ms.toFixed(1)} ms`).join(', ')}`);
}
client.close();
await rm(dir, { recursive: true, force: true });

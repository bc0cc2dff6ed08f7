/**
 * The public API's readings path on the Node entry (issue 10 point 6), 3 runs each:
 *  1. 10,000 readings posted as 10 batches of 1,000 (`POST /api/v1/readings`, bearer token,
 *     each with an external id) on a fresh database: readings per second.
 *  2. The same with 1,000,000 readings already stored (1,000 metrics × 1,000): the ingest
 *     rate, and the forecast time per metric (`loadMetricForecasts`: read the latest 200
 *     readings + Theil–Sen) alone and for 100 metrics at once, and `GET /api/v1/outcomes`.
 * Prints numbers, asserts nothing.
 *   node --experimental-strip-types bench/readings.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { displayPrefix, hashToken, newToken } from '../src/api/auth/token-secret.ts';
import { apiTokens, metrics, outcomes, people, workspaces } from '../src/db/schema/index.ts';
import { defaultSettings } from '../src/domain/settings.ts';
import { startNodeServer } from '../src/entry/node.ts';
import { quietLog } from '../src/log.ts';
import { loadMetricForecasts } from '../src/views/metric-forecasts.ts';

const RUNS = 3;
const BATCH = 1000;
const BATCHES = 10;
const BIG_METRICS = 1000;
const PER_METRIC = 1000;
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);

async function world(env: Record<string, string>) {
  const dir = await mkdtemp(join(tmpdir(), 'outcome-readings-bench-'));
  const server = await startNodeServer({ env: { DATABASE_URL: `file:${join(dir, 'bench.db')}`, APP_SECRET: 'bench-app-secret-0123456789abcdefghijkl', DEFAULT_LOCALE: 'en', ...env }, port: 0, log: quietLog, jobIntervalMs: null, hostname: '127.0.0.1' });
  const { db } = server.deps;
  await db.insert(workspaces).values({ id: 'ws', platform: 'slack', externalId: 'T1', name: 'Bench', installedBy: 'UADMIN', settings: defaultSettings('UTC', 'en') });
  await db.insert(people).values({ id: 'p', workspaceId: 'ws', platformUserId: 'UADMIN', name: 'Admin' });
  await db.insert(outcomes).values({ id: 'o', workspaceId: 'ws', title: 'Bench', description: 'bench', status: 'verified', submitterId: 'p', ownerId: 'p', round: 1, dueAt: new Date(T0 + 400 * DAY) });
  const token = newToken();
  await db.insert(apiTokens).values({ workspaceId: 'ws', name: 'bench', tokenHash: await hashToken(token), prefix: displayPrefix(token), scopes: ['readings:write', 'outcomes:read'], rateLimit: 10_000, createdBy: 'p' });
  return { server, db, token, dir };
}

type World = Awaited<ReturnType<typeof world>>;

async function addMetrics(w: World, prefix: string, n: number, outcomeId = 'o'): Promise<string[]> {
  const ids = Array.from({ length: n }, (_, i) => `${prefix}${i}`);
  for (let i = 0; i < ids.length; i += 10) {
    await w.db.insert(metrics).values(ids.slice(i, i + 10).map((id, j) => ({ id, workspaceId: 'ws', outcomeId, position: i + j, name: id, direction: 'increase' as const, baseline: 100, target: 150 })));
  }
  return ids;
}

/** Posts 10 batches of 1,000 readings for one metric; readings per second over the whole. */
async function post10k(w: World, metricId: string, run: number): Promise<number> {
  const t = performance.now();
  for (let b = 0; b < BATCHES; b++) {
    const readings = Array.from({ length: BATCH }, (_, i) => {
      const k = b * BATCH + i;
      return { metric_id: metricId, value: 100 + k / 500, measured_at: new Date(T0 + k * 60_000).toISOString(), external_id: `run${run}-${k}` };
    });
    const res = await fetch(`${w.server.url}/api/v1/readings`, { method: 'POST', headers: { authorization: `Bearer ${w.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ readings }) });
    const body = (await res.json()) as { stored: number };
    if (res.status !== 200 || body.stored !== BATCH) throw new Error(`batch ${b}: ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
  }
  return (BATCHES * BATCH) / ((performance.now() - t) / 1000);
}

const fmt = (xs: number[], unit: string, digits = 0) => xs.map((x) => `${x.toFixed(digits)}${unit}`).join(' / ');

async function main() {
  console.log(`readings API bench on the Node entry (node ${process.version}), ${RUNS} runs`);

  const fresh = await world({});
  const freshIds = await addMetrics(fresh, 'f', RUNS);
  const freshRates: number[] = [];
  for (let r = 0; r < RUNS; r++) freshRates.push(await post10k(fresh, freshIds[r]!, r));
  console.log(`  fresh database: 10 × 1,000 readings: ${fmt(freshRates, ' readings/s')}`);
  await fresh.server.stop();
  await rm(fresh.dir, { recursive: true, force: true });

  const big = await world({});
  const bigIds = await addMetrics(big, 'm', BIG_METRICS);
  const t = performance.now();
  // Filled in SQL (not through the API): this is the setup, not what is measured.
  await big.db.run(sql.raw(`
    with recursive n(i) as (select 0 union all select i + 1 from n where i < ${BIG_METRICS * PER_METRIC - 1})
    insert into metric_readings (id, workspace_id, metric_id, value, measured_at, source, external_id, created_at)
    select 'seed' || i, 'ws', 'm' || (i % ${BIG_METRICS}), 100 + (i / ${BIG_METRICS}) * 0.03 + (abs(random()) % 100) / 100.0,
           ${T0} + (i / ${BIG_METRICS}) * 3600000, 'api', 'seed-' || i, ${T0}
    from n`));
  const [{ count }] = (await big.db.all<{ count: number }>(sql`select count(*) as count from metric_readings`)) as [{ count: number }];
  console.log(`  setup: ${count.toLocaleString('en')} readings in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const bigRates: number[] = [];
  // In an outcome listed first (ids sort before 'o'), for the GET /outcomes line below.
  await big.db.insert(outcomes).values({ id: 'a-small', workspaceId: 'ws', title: 'Small', description: 'bench', status: 'verified', submitterId: 'p', ownerId: 'p', round: 1, dueAt: new Date(T0 + 400 * DAY) });
  const extra = await addMetrics(big, 'x', RUNS, 'a-small');
  for (let r = 0; r < RUNS; r++) bigRates.push(await post10k(big, extra[r]!, r));
  console.log(`  with 1,000,000 readings stored: 10 × 1,000 readings: ${fmt(bigRates, ' readings/s')}`);

  const now = new Date(T0 + 1100 * 3_600_000);
  const one: number[] = [];
  const hundred: number[] = [];
  let status = '';
  for (let r = 0; r < RUNS; r++) {
    const pick = bigIds.slice(r * 100, r * 100 + 100);
    let s = performance.now();
    for (const id of pick.slice(0, 20)) status = (await loadMetricForecasts(big.db, 'ws', [id], 0.15, now)).get(id)!.status;
    one.push((performance.now() - s) / 20);
    s = performance.now();
    await loadMetricForecasts(big.db, 'ws', pick, 0.15, now);
    hundred.push((performance.now() - s) / pick.length);
  }
  console.log(`  forecast, one metric of 1,000 readings (reads the latest 200): ${fmt(one, ' ms', 2)} per metric (status ${status})`);
  console.log(`  forecast, 100 metrics in one call: ${fmt(hundred, ' ms', 2)} per metric`);

  const list: number[] = [];
  const getOutcomes = () => fetch(`${big.server.url}/api/v1/outcomes?limit=1`, { headers: { authorization: `Bearer ${big.token}` } });
  // The forecasts above took longer than the server's keep-alive: the first request may meet a closed socket.
  await getOutcomes().then((r) => r.arrayBuffer(), () => undefined);
  for (let r = 0; r < RUNS; r++) {
    const s = performance.now();
    const res = await getOutcomes();
    const body = (await res.json()) as { outcomes: { metrics: unknown[] }[] };
    list.push(performance.now() - s);
    if (body.outcomes[0]!.metrics.length !== RUNS) throw new Error('outcomes list incomplete');
  }
  console.log(`  GET /api/v1/outcomes?limit=1: one outcome, ${RUNS} metrics of 10,000 readings each, with their forecasts: ${fmt(list, ' ms')}`);
  await big.server.stop();
  await rm(big.dir, { recursive: true, force: true });
}

await main();

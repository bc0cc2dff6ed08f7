/**
 * Scheduled pulls end to end: the real pull job on a real migrated database, fetching from a
 * fake HTTP JSON / CSV server and reading Feishu Base records from the fake Feishu through the
 * real Lark SDK client; failures counted, and the third in a row told to the owner once,
 * delivered through the fake Slack and the fake Feishu. The clock is injected; a hanging
 * server times out through a signal the fake aborts, not by waiting.
 */
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { metricReadings, metricSources, metrics, outbox } from '../../src/db/schema/index.ts';
import type { Deps } from '../../src/deps.ts';
import { drainOutbox } from '../../src/delivery/drain.ts';
import { runDueJobs } from '../../src/jobs/run-due-jobs.ts';
import { PULLS_PER_RUN, pullDueSources } from '../../src/jobs/pull-sources.ts';
import { sealSecret } from '../../src/security/secret-box.ts';
import { defaultPullOptions, type PullOptions } from '../../src/sources/pull/types.ts';
import { sourceSecretContext } from '../../src/sources/source-config.ts';
import { startFakeFeishu, type FakeBaseRecord, type FakeFeishu } from '../fakes/fake-feishu.ts';
import { startFakeHttpSource, type FakeHttpSource } from '../fakes/fake-http-source.ts';
import { startFakeSlack, type FakeSlack } from '../fakes/fake-slack.ts';
import { buildWorld, NOW, SECRET, W } from '../fixtures/web/world.ts';
import { manualClock, testDeps } from '../helpers/db.ts';
import { bothPlatformsEnv } from '../helpers/platform-env.ts';

const HOUR = 3_600_000;
const never = new AbortController().signal;

describe('scheduled pulls', () => {
  const clock = manualClock(NOW);
  let http: FakeHttpSource;
  let slack: FakeSlack;
  let feishu: FakeFeishu;
  let t: Awaited<ReturnType<typeof testDeps>> | null = null;

  beforeAll(async () => {
    http = await startFakeHttpSource();
    slack = await startFakeSlack({ now: () => clock.now().getTime(), blocksTextCeiling: Infinity });
    feishu = await startFakeFeishu({ now: () => clock.now().getTime(), appId: 'cli_test', appSecret: 'secret', tenantKey: 'tenant_b' });
    slack.addUser({ id: 'UMEM', name: 'mia', real_name: 'Mia Member', locale: 'en-US', tz: 'Asia/Shanghai' });
    feishu.addUser({ open_id: 'ou_b_mem', name: '李成员' });
  });
  afterAll(async () => {
    await http.close();
    await slack.close();
    await feishu.close();
  });
  afterEach(async () => {
    await t?.close();
    t = null;
  });

  async function start(env: Record<string, string> = { SOURCES_ALLOW_PRIVATE_HTTP: '1' }) {
    clock.set(NOW);
    t = await testDeps({
      clock,
      env: { ...bothPlatformsEnv({ slack: slack.url, feishu: feishu.url }, SECRET), ...env },
    });
    await buildWorld(t.deps.db);
    return t.deps;
  }

  /** Pull options that never time out by themselves (tests with a hanging server pass `http.hung`). */
  const opts = (deps: Deps, extra: Partial<PullOptions> = {}): PullOptions => ({ ...defaultPullOptions(deps), timer: () => never, ...extra });

  let n = 0;
  async function addSource(deps: Deps, s: { workspaceId?: string; metricId?: string; kind: 'http_json' | 'csv' | 'feishu_base'; config: Record<string, unknown>; secret?: string; schedule?: 'hourly' | 'daily' }) {
    const id = `src-${++n}`;
    const secret = s.secret ? await sealSecret(SECRET, s.secret, sourceSecretContext(id)) : null;
    await deps.db.insert(metricSources).values({ id, workspaceId: s.workspaceId ?? W.a, metricId: s.metricId ?? 'm-mem', kind: s.kind, config: s.config, secret, schedule: s.schedule ?? 'hourly', nextRunAt: clock.now() });
    return id;
  }
  const source = async (deps: Deps, id: string) => (await deps.db.select().from(metricSources).where(eq(metricSources.id, id)))[0]!;
  const pulled = (deps: Deps, id: string) => deps.db.select().from(metricReadings).where(eq(metricReadings.sourceId, id)).orderBy(metricReadings.measuredAt);
  const actual = async (deps: Deps, metricId: string) => (await deps.db.select({ a: metrics.actual }).from(metrics).where(eq(metrics.id, metricId)))[0]!.a;
  /** One run an hour later (every hourly source is due again). */
  const nextHour = async (deps: Deps, o: PullOptions = opts(deps)) => {
    clock.advance(HOUR);
    return pullDueSources(deps, clock.now(), o);
  };

  it('an HTTP JSON source stores the value at its JSON path with the bearer; pulling again stores nothing', async () => {
    const deps = await start();
    http.json('/kpi.json', { data: { items: [{ value: '41.5', at: '2026-11-22T10:00:00Z' }] } }, { bearer: 'tok-123' });
    const id = await addSource(deps, { kind: 'http_json', config: { url: `${http.url}/kpi.json`, jsonPath: '$.data.items[0].value', timePath: "$.data.items[0]['at']" }, secret: 'tok-123' });
    expect(await pullDueSources(deps, clock.now(), opts(deps))).toBe(1);
    expect((await pulled(deps, id)).map((r) => [r.value, r.measuredAt.toISOString(), r.source])).toEqual([[41.5, '2026-11-22T10:00:00.000Z', 'pull']]);
    expect(http.calls.at(-1)!.authorization).toBe('Bearer tok-123');
    expect(await actual(deps, 'm-mem')).toBe(41.5);
    expect(await source(deps, id)).toMatchObject({ lastSuccessAt: clock.now(), lastError: null, consecutiveFailures: 0, nextRunAt: new Date(clock.now().getTime() + HOUR) });
    // Not due yet: nothing is pulled.
    expect(await pullDueSources(deps, clock.now(), opts(deps))).toBe(0);
    await nextHour(deps);
    expect(await pulled(deps, id)).toHaveLength(1);
  });

  it('an HTTP JSON source without a time stores one reading per day and value', async () => {
    const deps = await start();
    http.json('/plain.json', { total: 7 });
    const id = await addSource(deps, { kind: 'http_json', config: { url: `${http.url}/plain.json`, jsonPath: '$.total' } });
    await pullDueSources(deps, clock.now(), opts(deps));
    await nextHour(deps);
    expect((await pulled(deps, id)).map((r) => r.value)).toEqual([7]);
    http.json('/plain.json', { total: 9 });
    await nextHour(deps);
    expect((await pulled(deps, id)).map((r) => r.value)).toEqual([7, 9]);
  });

  it('a CSV source stores a reading per row by its time column (RFC 4180 quoting); a repeat stores only new rows', async () => {
    const deps = await start();
    const csv = 'date,"Tickets, closed",note\r\n2026-11-20,12,"said ""hi"""\r\n2026-11-21,"15","two\nlines"\r\n2026-11-22,,empty\r\n';
    http.csv('/t.csv', csv);
    const id = await addSource(deps, { kind: 'csv', config: { url: `${http.url}/t.csv`, valueColumn: 'Tickets, closed', timeColumn: 'date' } });
    await pullDueSources(deps, clock.now(), opts(deps));
    expect((await pulled(deps, id)).map((r) => [r.measuredAt.toISOString().slice(0, 10), r.value])).toEqual([
      ['2026-11-20', 12],
      ['2026-11-21', 15],
    ]);
    http.csv('/t.csv', `${csv}2026-11-23,18,new\r\n`);
    await nextHour(deps);
    expect((await pulled(deps, id)).map((r) => r.value)).toEqual([12, 15, 18]);
    await nextHour(deps);
    expect(await pulled(deps, id)).toHaveLength(3);
  });

  it('a CSV source without a time column reads the last row at fetch time', async () => {
    const deps = await start();
    http.csv('/last.csv', 'value\n3\n4\n5\n');
    const id = await addSource(deps, { kind: 'csv', config: { url: `${http.url}/last.csv`, valueColumn: 'value' } });
    await pullDueSources(deps, clock.now(), opts(deps));
    expect((await pulled(deps, id)).map((r) => [r.value, r.measuredAt])).toEqual([[5, clock.now()]]);
  });

  const records = (count: number): FakeBaseRecord[] =>
    Array.from({ length: count }, (_, i) => ({
      record_id: `rec${i}`,
      // Numbers as numbers, some as text segments; dates as ms.
      fields: { 拣货时间: i % 2 ? [{ type: 'text', text: String(10 - (i % 5)) }] : 10 - (i % 5), 日期: Date.UTC(2026, 9, 1) + i * 3_600_000, 仓库: i < 3 ? 'A' : 'B' },
      created_time: Date.UTC(2026, 9, 1),
      last_modified_time: Date.UTC(2026, 9, 2),
    }));

  it('a Feishu Base source answers 91403 until the app is added, then reads every page of records; a repeat stores nothing', async () => {
    const deps = await start();
    feishu.addBase('bascnA', { appAdded: false, tables: { tbl1: { fields: ['拣货时间', '日期', '仓库'], records: records(501) } } });
    const id = await addSource(deps, { workspaceId: W.b, metricId: 'm-b', kind: 'feishu_base', config: { appToken: 'bascnA', tableId: 'tbl1', field: '拣货时间', timeField: '日期' } });
    await pullDueSources(deps, clock.now(), opts(deps));
    expect(await source(deps, id)).toMatchObject({ lastError: 'Feishu 91403: app not added to the Base', consecutiveFailures: 1, lastErrorAt: clock.now() });
    feishu.addAppToBase('bascnA');
    const before = feishu.callsTo('POST /open-apis/bitable/v1/apps/:a/tables/:t/records/search').length;
    await nextHour(deps);
    const searches = feishu.callsTo('POST /open-apis/bitable/v1/apps/:a/tables/:t/records/search').slice(before);
    expect(searches.map((c) => [c.query.page_size, c.query.page_token ?? null])).toEqual([
      ['500', null],
      ['500', expect.stringMatching(/^pt_/)],
    ]);
    const rows = await pulled(deps, id);
    expect(rows).toHaveLength(501);
    expect(rows[1]).toMatchObject({ value: 9, measuredAt: new Date(Date.UTC(2026, 9, 1) + 3_600_000) });
    expect(await source(deps, id)).toMatchObject({ lastError: null, consecutiveFailures: 0 });
    await nextHour(deps);
    expect(await pulled(deps, id)).toHaveLength(501);
  });

  it('a Base filter is sent as given; a wrong field fails with 1254045', async () => {
    const deps = await start();
    feishu.addBase('bascnF', { appAdded: true, tables: { tbl1: { fields: ['拣货时间', '日期', '仓库'], records: records(10) } } });
    const filter = { conjunction: 'and', conditions: [{ field_name: '仓库', operator: 'is', value: ['A'] }] };
    const ok = await addSource(deps, { workspaceId: W.b, metricId: 'm-b', kind: 'feishu_base', config: { appToken: 'bascnF', tableId: 'tbl1', field: '拣货时间', filter } });
    const bad = await addSource(deps, { workspaceId: W.b, metricId: 'm-b', kind: 'feishu_base', config: { appToken: 'bascnF', tableId: 'tbl1', field: '不存在' } });
    await pullDueSources(deps, clock.now(), opts(deps));
    expect(await pulled(deps, ok)).toHaveLength(3);
    expect(await source(deps, bad)).toMatchObject({ lastError: 'Feishu 1254045: field not found', consecutiveFailures: 1 });
  });

  it('a Slack workspace reads a Base with the app id and sealed secret stored on the source', async () => {
    const deps = await start();
    feishu.addBase('bascnS', { appAdded: true, tables: { tbl1: { fields: ['拣货时间', '日期'], records: records(2) } } });
    const id = await addSource(deps, { kind: 'feishu_base', config: { appToken: 'bascnS', tableId: 'tbl1', field: '拣货时间', appId: 'cli_test' }, secret: 'secret' });
    await pullDueSources(deps, clock.now(), opts(deps));
    expect(await pulled(deps, id)).toHaveLength(2);
    const wrong = await addSource(deps, { kind: 'feishu_base', config: { appToken: 'bascnS', tableId: 'tbl1', field: '拣货时间' } });
    await nextHour(deps);
    expect((await source(deps, wrong)).lastError).toMatch(/needs a Feishu app id and app secret/);
  });

  it('timeouts, HTTP 500, garbage and a wrong JSON path set the last error and count failures in a row', async () => {
    const deps = await start();
    http.json('/hang.json', { v: 1 });
    http.behave('/hang.json', 'hang');
    http.json('/500.json', { v: 1 });
    http.behave('/500.json', 'error500');
    http.json('/garbage.json', { v: 1 });
    http.behave('/garbage.json', 'garbage');
    http.csv('/garbage.csv', 'v\n1\n');
    http.behave('/garbage.csv', 'garbage');
    http.json('/ok.json', { v: 1 });
    http.json('/secret.json', { v: 1 }, { bearer: 'right' });
    // The hanging request aborts the pull's timer once it reaches the fake: a timeout without waiting.
    const hang = await addSource(deps, { kind: 'http_json', config: { url: `${http.url}/hang.json`, jsonPath: '$.v' }, schedule: 'daily' });
    expect(await pullDueSources(deps, clock.now(), opts(deps, { timer: () => http.hung, timeoutMs: 10_000 }))).toBe(0);
    expect(await source(deps, hang)).toMatchObject({ lastError: 'timed out after 10 s', consecutiveFailures: 1 });
    const ids = {
      e500: await addSource(deps, { kind: 'http_json', config: { url: `${http.url}/500.json`, jsonPath: '$.v' } }),
      garbage: await addSource(deps, { kind: 'http_json', config: { url: `${http.url}/garbage.json`, jsonPath: '$.v' } }),
      garbageCsv: await addSource(deps, { kind: 'csv', config: { url: `${http.url}/garbage.csv`, valueColumn: 'v' } }),
      path: await addSource(deps, { kind: 'http_json', config: { url: `${http.url}/ok.json`, jsonPath: '$.x' } }),
      bearer: await addSource(deps, { kind: 'http_json', config: { url: `${http.url}/secret.json`, jsonPath: '$.v' }, secret: 'wrong' }),
    };
    const o = opts(deps);
    expect(await pullDueSources(deps, clock.now(), o)).toBe(0);
    const errors = async () => Object.fromEntries(await Promise.all(Object.entries(ids).map(async ([k, id]) => [k, (await source(deps, id)).lastError])));
    expect(await errors()).toEqual({
      e500: 'HTTP 500',
      garbage: 'the response is not JSON',
      garbageCsv: expect.stringMatching(/^the CSV has no column "v"/),
      path: 'JSON path $.x matched nothing',
      bearer: 'HTTP 401 (check the bearer token)',
    });
    await nextHour(deps, o);
    expect((await source(deps, ids.e500)).consecutiveFailures).toBe(2);
    expect(await deps.db.select().from(metricReadings).where(eq(metricReadings.source, 'pull'))).toEqual([]);
  });

  it('the third failure in a row tells the owner once, on Slack and on Feishu; a success and a new streak tell again', async () => {
    const deps = await start();
    http.json('/flaky.json', { v: 1 });
    http.behave('/flaky.json', 'error500');
    feishu.addBase('bascnX', { appAdded: false, tables: { tbl1: { fields: ['拣货时间'], records: records(1) } } });
    const onSlack = await addSource(deps, { kind: 'http_json', config: { url: `${http.url}/flaky.json`, jsonPath: '$.v' } });
    const onFeishu = await addSource(deps, { workspaceId: W.b, metricId: 'm-b', kind: 'feishu_base', config: { appToken: 'bascnX', tableId: 'tbl1', field: '拣货时间' } });
    const failing = () => deps.db.select().from(outbox).where(eq(outbox.kind, 'source_failing'));
    await pullDueSources(deps, clock.now(), opts(deps));
    await nextHour(deps);
    expect(await failing()).toEqual([]);
    await nextHour(deps);
    await nextHour(deps);
    const rows = await failing();
    expect(rows.map((r) => [r.destination, r.platform, r.payload.sourceId])).toEqual(
      expect.arrayContaining([
        ['UMEM', 'slack', onSlack],
        ['ou_b_mem', 'feishu', onFeishu],
      ]),
    );
    expect(rows).toHaveLength(2);
    expect((await source(deps, onSlack)).consecutiveFailures).toBe(4);
    // Delivered through the one path, to each platform.
    for (let i = 0; i < 3; i++) {
      clock.advance(1_100);
      await drainOutbox({ store: deps.repos.outbox, senders: deps.senders, budget: deps.budget, clock });
    }
    const slackPost = slack.callsTo('chat.postMessage').filter((c) => c.body.channel === 'UMEM').at(-1)!;
    expect(JSON.stringify(slackPost.body.blocks)).toContain('HTTP 500');
    expect(JSON.stringify(slackPost.body.blocks)).toContain('failed 4 times in a row');
    const feishuPost = feishu.callsTo('POST /open-apis/im/v1/messages').filter((c) => (c.body as { receive_id?: string }).receive_id === 'ou_b_mem').at(-1)!;
    expect(String((feishuPost.body as { content: string }).content)).toContain('Feishu 91403: app not added to the Base');
    expect((await failing()).map((r) => r.status)).toEqual(['sent', 'sent']);
    // Works again: the count resets; three more failures are a new streak and tell again.
    http.behave('/flaky.json', 'ok');
    await nextHour(deps);
    expect(await source(deps, onSlack)).toMatchObject({ consecutiveFailures: 0, lastError: null });
    http.behave('/flaky.json', 'error500');
    for (let i = 0; i < 4; i++) await nextHour(deps);
    expect((await failing()).filter((r) => r.destination === 'UMEM')).toHaveLength(2);
  });

  it('each run takes a bounded number of due sources, and two runs at once never pull one source twice', async () => {
    const deps = await start();
    http.json('/many.json', { v: 2 });
    for (let i = 0; i < PULLS_PER_RUN + 5; i++) await addSource(deps, { kind: 'http_json', config: { url: `${http.url}/many.json?i=${i}`, jsonPath: '$.v' } });
    const before = http.calls.length;
    const [a, b] = await Promise.all([pullDueSources(deps, clock.now(), opts(deps)), pullDueSources(deps, clock.now(), opts(deps))]);
    expect(a + b).toBe(PULLS_PER_RUN + 5);
    expect(Math.max(a, b)).toBeLessThanOrEqual(PULLS_PER_RUN);
    expect(http.calls.length - before).toBe(PULLS_PER_RUN + 5);
    // The scheduler runs the job too.
    clock.advance(HOUR);
    const report = await runDueJobs(deps, clock.now());
    expect(report).toMatchObject({ failedJobs: 0, sourcesPulled: PULLS_PER_RUN });
  });

  it('without the switch, plain http and private addresses are refused before any request', async () => {
    const deps = await start({});
    http.json('/private.json', { v: 1 });
    const before = http.calls.length;
    const plain = await addSource(deps, { kind: 'http_json', config: { url: `${http.url}/private.json`, jsonPath: '$.v' } });
    const loop = await addSource(deps, { kind: 'http_json', config: { url: `${http.url.replace('http:', 'https:')}/private.json`, jsonPath: '$.v' } });
    const mapped = await addSource(deps, { kind: 'csv', config: { url: 'https://[::ffff:127.0.0.1]/x.csv', valueColumn: 'v' } });
    const meta = await addSource(deps, { kind: 'csv', config: { url: 'https://169.254.169.254/latest', valueColumn: 'v' } });
    await pullDueSources(deps, clock.now(), opts(deps));
    expect((await source(deps, plain)).lastError).toBe('only https URLs can be pulled (plain http is off on this server)');
    expect((await source(deps, loop)).lastError).toBe('127.0.0.1 is a private or local address; pulls only reach public hosts');
    expect((await source(deps, mapped)).lastError).toMatch(/private or local address/);
    expect((await source(deps, meta)).lastError).toMatch(/private or local address/);
    expect(http.calls.length).toBe(before);
  });
});

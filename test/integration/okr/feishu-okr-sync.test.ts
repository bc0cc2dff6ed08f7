/**
 * Feishu OKR sync end to end: the real Lark SDK client against the fake Feishu OKR API, on a
 * real migrated database. Import (periods, each person's OKRs with limit ≤ 10 and offset
 * paging, idempotent re-import), progress records written through the outbox when a linked
 * outcome is verified or reviewed (once, retried on 429 and 5xx), and a missing permission
 * told to the admins once, with no retry and the local data as it was.
 */
import * as lark from '@larksuiteoapi/node-sdk';
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keyResults, objectives, okrCycles, outbox, outcomes, projects, reviewSchedules } from '../../../src/db/schema/index.ts';
import type { Deps } from '../../../src/deps.ts';
import { drainOutbox } from '../../../src/delivery/drain.ts';
import { decideOutcome } from '../../../src/domain/decide-outcome.ts';
import type { PersonRef, WorkspaceContext } from '../../../src/domain/ports.ts';
import { recordReview } from '../../../src/domain/record-review.ts';
import { submitOutcome } from '../../../src/domain/submit-outcome.ts';
import { importFeishuOkr } from '../../../src/okr/feishu-import.ts';
import { linkOutcome, type OkrActor } from '../../../src/okr/manage-okr.ts';
import { startFakeFeishu, type FakeFeishu, type FakeUserOkr } from '../../fakes/fake-feishu.ts';
import { manualClock, testDeps } from '../../helpers/db.ts';
import { larkMemoryCache, silentLarkLogger } from '../../helpers/lark-client-kit.ts';
import { validDraft } from '../../helpers/outcome-flow-contract.ts';

const TENANT = 'tenant_okr';
const A = { owner: 'ou_owner', manager: 'ou_mgr', pmo: 'ou_pmo', admin: 'ou_admin' };
const scores = { impact: 4, difficulty: 3, innovation: 3 };
// Quarters as Feishu gives them: Shanghai midnight of the first day to the last millisecond of the last.
const SH = 8 * 3_600_000;
const quarter = (year: number, q: number) => ({ start: Date.UTC(year, (q - 1) * 3, 1) - SH, end: Date.UTC(year, q * 3, 1) - SH - 1 });

describe('Feishu OKR sync', () => {
  const clock = manualClock(new Date('2026-11-02T02:00:00Z'));
  let fake: FakeFeishu;
  let t: Awaited<ReturnType<typeof testDeps>>;
  let deps: Deps;

  beforeEach(async () => {
    clock.set(new Date('2026-11-02T02:00:00Z'));
    fake = await startFakeFeishu({ now: () => clock.now().getTime(), tenantKey: TENANT });
    for (const [name, id] of Object.entries(A)) fake.addUser({ open_id: id, name });
    // Twelve quarters 2024–2026; the owner has an OKR in each (two pages of ten), the PMO one in 2026 Q4.
    let n = 0;
    const okrs: FakeUserOkr[] = [];
    for (const year of [2024, 2025, 2026])
      for (const q of [1, 2, 3, 4]) {
        const { start, end } = quarter(year, q);
        const id = `${year}0${q}`;
        fake.okr.periods.push({ id, zh_name: `${year} 年 Q${q}`, en_name: `${year} Q${q}`, period_start_time: String(start), period_end_time: String(end) });
        okrs.push({ id: `okr_${id}`, period_id: id, objective_list: [{ id: `70${++n}`, content: `Grow ${year} Q${q}`, kr_list: [{ id: `80${n}`, content: `Retention ${year} Q${q}` }] }] });
      }
    fake.okr.users.set(A.owner, okrs);
    fake.okr.users.set(A.pmo, [{ id: 'okr_pmo', period_id: '202604', objective_list: [{ id: '799', content: 'Portfolio value', kr_list: [{ id: '899', content: 'ROI above 1.5' }, { id: '898', content: 'Ten verified outcomes' }] }] }]);
    t = await testDeps({
      clock,
      env: { FEISHU_APP_ID: 'cli_test', FEISHU_APP_SECRET: 'secret', FEISHU_ENCRYPT_KEY: 'k', FEISHU_VERIFICATION_TOKEN: 'v', FEISHU_DOMAIN: fake.url, APP_SECRET: 'an-app-secret-of-at-least-32-characters', PUBLIC_URL: 'https://outcome.test', DEFAULT_LOCALE: 'en' },
    });
    deps = t.deps;
  });
  afterEach(async () => {
    await t.close();
    await fake.close();
  });

  async function world() {
    const ws = await deps.repos.workspaces.ensure('feishu', TENANT);
    const settings = await deps.repos.workspaces.updateSettings(ws.id, { pmoReviewers: [A.pmo], admins: [A.admin], timeZone: 'Asia/Shanghai', locale: 'en' });
    const workspace: WorkspaceContext = { id: ws.id, platform: 'feishu', settings };
    const p = deps.repos.people;
    const manager = await p.upsert(ws.id, { platformUserId: A.manager, name: 'Manager', locale: 'en' });
    const owner = await p.upsert(ws.id, { platformUserId: A.owner, name: 'Owner', locale: 'en', timeZone: 'Asia/Shanghai' });
    await p.setManager(ws.id, owner.id, manager.id, 'manual');
    const pmo = (await p.upsert(ws.id, { platformUserId: A.pmo, name: 'PMO', locale: 'en' })) as PersonRef;
    await p.upsert(ws.id, { platformUserId: A.admin, name: 'Admin', locale: 'en' });
    const [project] = await deps.db.insert(projects).values({ workspaceId: ws.id, name: 'Clinic', goLiveAt: new Date('2026-10-05T00:00:00Z') }).returning();
    const actor: OkrActor = { workspaceId: ws.id, manages: true, reader: { personId: pmo.id, seesAll: true } };
    return { workspace, owner: { ...owner, managerId: manager.id } as PersonRef, manager: manager as PersonRef, pmo, projectId: project!.id, actor };
  }
  type World = Awaited<ReturnType<typeof world>>;

  const drain = async () => {
    for (let i = 0; i < 4; i++) {
      clock.advance(1_100);
      await drainOutbox({ store: deps.repos.outbox, senders: deps.senders, budget: deps.budget, clock });
    }
  };
  const krId = async (w: World, externalId: string) => (await deps.db.select().from(keyResults).where(and(eq(keyResults.workspaceId, w.workspace.id), eq(keyResults.externalId, externalId))))[0]!.id;

  /** An outcome linked to the key result, taken through both approvals to verified. */
  async function verifiedLinked(w: World, keyResultId: string, title: string) {
    const ctx = deps.verbs;
    const { outcomeId } = await submitOutcome({ ctx, input: { workspace: w.workspace, submitter: w.owner, reviewer: w.manager, draft: validDraft({ projectId: w.projectId, member: w.owner }, { title }) } });
    await linkOutcome(deps, w.actor, outcomeId, keyResultId);
    await decideOutcome({ ctx, input: { workspace: w.workspace, outcomeId, actor: w.manager, decision: 'approve', scores } });
    await decideOutcome({ ctx, input: { workspace: w.workspace, outcomeId, actor: w.pmo, decision: 'approve', scores } });
    return outcomeId;
  }
  const progressRows = (w: World) => deps.db.select().from(outbox).where(and(eq(outbox.workspaceId, w.workspace.id), eq(outbox.kind, 'okr_progress')));
  const blockedRows = (w: World) => deps.db.select().from(outbox).where(and(eq(outbox.workspaceId, w.workspace.id), eq(outbox.kind, 'okr_sync_blocked')));
  const snapshot = async () => ({
    cycles: await deps.db.select().from(okrCycles),
    objectives: await deps.db.select().from(objectives),
    keyResults: await deps.db.select().from(keyResults),
    outcomes: await deps.db.select({ id: outcomes.id, status: outcomes.status, keyResultId: outcomes.keyResultId }).from(outcomes),
  });

  it('imports periods, objectives and key results with paging of at most ten, and a re-import updates the same rows', async () => {
    const w = await world();
    const first = await importFeishuOkr(deps, w.workspace.id, w.actor);
    expect(first).toEqual({ cycles: 12, objectives: 13, keyResults: 14, blocked: null });
    // Every user OKR call asked for at most ten, paging by offset: the owner took two pages.
    const calls = fake.callsTo('GET /open-apis/okr/v1/users/:user_id/okrs');
    expect(calls.every((c) => c.query.limit === '10' && c.status === 200)).toBe(true);
    expect(calls.filter((c) => c.path.includes(A.owner)).map((c) => c.query.offset)).toEqual(['0', '10']);
    const [q4] = await deps.db.select().from(okrCycles).where(eq(okrCycles.externalId, '202604'));
    // The Shanghai days of the period, and its kind from its length.
    expect(q4).toMatchObject({ name: '2026 Q4', kind: 'quarter', startsAt: new Date('2026-10-01T00:00:00Z'), endsAt: new Date('2026-12-31T00:00:00Z') });
    const pmoObjective = (await deps.db.select().from(objectives).where(eq(objectives.externalId, '799')))[0]!;
    expect(pmoObjective).toMatchObject({ title: 'Portfolio value', ownerId: w.pmo.id, cycleId: q4!.id });
    // Ours stays ours: a hand-set score and a link survive the re-import.
    const kr = await krId(w, '899');
    await deps.db.update(keyResults).set({ score: 0.5 }).where(eq(keyResults.id, kr));
    fake.okr.users.get(A.pmo)![0]!.objective_list[0]!.content = 'Portfolio value, renamed';
    fake.okr.periods[11]!.en_name = '2026 Q4 (final)';
    const again = await importFeishuOkr(deps, w.workspace.id, w.actor);
    expect(again).toEqual(first);
    expect(await deps.db.select().from(okrCycles)).toHaveLength(12);
    expect(await deps.db.select().from(objectives)).toHaveLength(13);
    expect(await deps.db.select().from(keyResults)).toHaveLength(14);
    expect((await deps.db.select().from(objectives).where(eq(objectives.id, pmoObjective.id)))[0]!.title).toBe('Portfolio value, renamed');
    expect((await deps.db.select().from(okrCycles).where(eq(okrCycles.id, q4!.id)))[0]!.name).toBe('2026 Q4 (final)');
    expect((await deps.db.select().from(keyResults).where(eq(keyResults.id, kr)))[0]!.score).toBe(0.5);
  });

  it('writes one progress record when a linked outcome is verified and one when its review is recorded, retrying 429 and 5xx without doubling', async () => {
    const w = await world();
    await importFeishuOkr(deps, w.workspace.id, w.actor);
    const kr = await krId(w, '899');
    fake.injectNext('POST /open-apis/okr/v1/progress_records', { status: 429, retryAfter: 30 });
    const outcomeId = await verifiedLinked(w, kr, 'Faster triage');
    // The row was written with the verification, in its batch.
    expect(await progressRows(w)).toHaveLength(1);
    await drain();
    expect(fake.okr.records).toHaveLength(0);
    const [throttled] = await progressRows(w);
    expect(throttled).toMatchObject({ status: 'pending', attempts: 1 });
    // Feishu said 30 s: it waits that long, not the 5 s backoff.
    expect(throttled!.nextAttemptAt.getTime() - clock.now().getTime()).toBeGreaterThan(20_000);
    clock.advance(30_000);
    await drain();
    expect(fake.okr.records).toHaveLength(1);
    expect(fake.okr.records[0]).toMatchObject({ target_id: '899', target_type: 3, text: 'Outcome verified: “Faster triage”.', source_url: `https://outcome.test/app/outcomes/${outcomeId}` });
    // The 90-day review: a 5xx first, then the record, once.
    const [schedule] = await deps.db.select().from(reviewSchedules).where(eq(reviewSchedules.outcomeId, outcomeId));
    const metricId = (await deps.repos.reviews.get(w.workspace.id, schedule!.id))!.metrics[0]!.id;
    fake.injectNext('POST /open-apis/okr/v1/progress_records', { status: 503 });
    await recordReview({ ctx: { clock, reviews: deps.repos.reviews, people: deps.repos.people, via: 'chat' }, input: { workspace: w.workspace, scheduleId: schedule!.id, actor: w.owner, values: { [metricId]: 32 } } });
    await drain();
    clock.advance(60_000);
    await drain();
    await drain();
    expect(fake.okr.records).toHaveLength(2);
    // 45 → 32 of a 45 → 28 target: 13/17 = 76.5 %; the KR's derived score goes along (int status on the write).
    expect(fake.okr.records[1]).toMatchObject({ target_id: '899', text: 'Review recorded for “Faster triage”: 76.5% of its targets reached.', percent: 76, status: 0 });
    expect((await progressRows(w)).map((r) => r.status)).toEqual(['sent', 'sent']);
    expect(fake.callsTo('POST /open-apis/okr/v1/progress_records').map((c) => c.status)).toEqual([429, 200, 503, 200]);
  });

  it('an outcome linked to a key result of our own (no Feishu id) writes nothing to Feishu', async () => {
    const w = await world();
    const [o] = await deps.db.insert(objectives).values({ workspaceId: w.workspace.id, title: 'Local' }).returning();
    const [kr] = await deps.db.insert(keyResults).values({ workspaceId: w.workspace.id, objectiveId: o!.id, title: 'Local KR' }).returning();
    await verifiedLinked(w, kr!.id, 'Local only');
    expect(await progressRows(w)).toEqual([]);
  });

  it('a missing write scope is told to the admin once: no retry, nothing changed here', async () => {
    const w = await world();
    await importFeishuOkr(deps, w.workspace.id, w.actor);
    const kr = await krId(w, '899');
    fake.okr.scopes = new Set(['okr:okr:readonly']);
    await verifiedLinked(w, kr, 'First');
    await drain();
    const before = await snapshot();
    await verifiedLinked(w, await krId(w, '898'), 'Second');
    await drain();
    clock.advance(3_600_000);
    await drain();
    // Each progress row was tried once and ended; Feishu saw two refused calls, no storm.
    expect((await progressRows(w)).map((r) => [r.status, r.attempts])).toEqual([['dead', 1], ['dead', 1]]);
    expect(fake.callsTo('POST /open-apis/okr/v1/progress_records').map((c) => (c.response as { code: number }).code)).toEqual([99991672, 99991672]);
    // One notice, to the admin, naming the scope Feishu asked for; sent on Feishu.
    const blocked = await blockedRows(w);
    expect(blocked.map((r) => [r.destination, r.status])).toEqual([[A.admin, 'sent']]);
    const card = fake.messages.filter((m) => m.receive_id === A.admin).map((m) => m.content).join('\n');
    expect(card).toContain('okr:okr.progress:writeonly');
    expect(card).toContain('Feishu OKR sync is blocked');
    expect(card).toContain('飞书 OKR 同步受阻');
    // The second outcome's verification is the only change since: nothing was rolled back or altered by the refusal.
    const after = await snapshot();
    expect(after.keyResults).toEqual(before.keyResults);
    expect(after.outcomes.filter((o) => before.outcomes.some((b) => b.id === o.id))).toEqual(before.outcomes);
    expect(fake.okr.records).toEqual([]);
  });

  it('an import refused for want of the app-identity permission writes nothing and tells the admin once', async () => {
    const w = await world();
    fake.okr.appIdentity = false;
    const before = await snapshot();
    const report = await importFeishuOkr(deps, w.workspace.id, w.actor);
    expect(report.blocked).toMatchObject({ operation: 'import', code: 1001002, scopes: ['okr:okr:readonly', 'okr:okr'] });
    expect(await snapshot()).toEqual(before);
    await importFeishuOkr(deps, w.workspace.id, w.actor);
    await drain();
    expect((await blockedRows(w)).map((r) => r.destination)).toEqual([A.admin]);
    // A read scope missing altogether: Feishu names it, and the notice says so.
    fake.okr.scopes = new Set();
    expect((await importFeishuOkr(deps, w.workspace.id, w.actor)).blocked).toMatchObject({ code: 99991672, scopes: ['okr:okr:readonly', 'okr:okr'] });
    expect(await snapshot()).toEqual(before);
  });

  it('the fake OKR API holds to Feishu’s rules for any client', async () => {
    const client = new lark.Client({ appId: 'cli_test', appSecret: 'secret', domain: fake.url, cache: larkMemoryCache(), logger: silentLarkLogger });
    const code = (p: Promise<unknown>) => p.then(() => 0, (e: { response?: { data?: { code?: number } } }) => e.response?.data?.code);
    // limit above 10 → 1001001.
    expect(await code(client.okr.v1.userOkr.list({ path: { user_id: A.owner }, params: { offset: '0', limit: '11', user_id_type: 'open_id' } }))).toBe(1001001);
    // A user token cannot list periods.
    const auth = fake.issueAuthCode(A.owner);
    const token = ((await (await fetch(`${fake.url}/open-apis/authen/v2/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ grant_type: 'authorization_code', client_id: 'cli_test', client_secret: 'secret', code: auth }) })).json()) as { access_token: string }).access_token;
    expect(await code(client.okr.v1.period.list({}, lark.withUserAccessToken(token)))).toBe(99991668);
    // Reads give the progress status as a string; writes refuse one.
    const read = await client.okr.v1.userOkr.list({ path: { user_id: A.pmo }, params: { offset: '0', limit: '10', user_id_type: 'open_id' } });
    expect((read.data?.okr_list?.[0]?.objective_list?.[0] as { progress_rate?: { status?: unknown } }).progress_rate?.status).toBe('0');
    const write = (status: unknown) => ({ data: { source_title: 'x', source_url: 'https://outcome.test/x', target_id: '899', target_type: 3, content: { blocks: [] }, progress_rate: { percent: 10, status: status as number } } });
    expect(await code(client.okr.v1.progressRecord.create(write('0')))).toBe(1001001);
    expect(await code(client.okr.v1.progressRecord.create(write(0)))).toBe(0);
    // 100 OKR calls a minute, then 429 in Feishu's shape.
    for (let i = 0; i < 96; i++) await client.okr.v1.period.list({ params: { page_size: 100 } });
    const throttled = await client.okr.v1.period.list({ params: { page_size: 100 } }).catch((e: { response?: { status?: number; data?: { code?: number }; headers?: Record<string, string> } }) => e.response);
    expect(throttled).toMatchObject({ status: 429, data: { code: 99991400 } });
    expect(Number((throttled as { headers: Record<string, string> }).headers['x-ogw-ratelimit-reset'])).toBeGreaterThan(0);
  });
});

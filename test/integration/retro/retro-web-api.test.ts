/**
 * Retrospectives on the web and in the API, on the real app and a real database: lessons on
 * the outcome page and through /api/v1 (each stored once per submission), the retrospective
 * page for the PMO and for an action's owner, the settings, the insights on the value page,
 * and the OpenAPI document listing the new routes.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lessons, retroActions, retrospectives, workspaces } from '../../../src/db/schema/index.ts';
import { openRetrospective } from '../../../src/db/repos/retro-repo.ts';
import { previousPeriod } from '../../../src/domain/retro-period.ts';
import { NOW, O, P, W } from '../../fixtures/web/world.ts';
import { apiHarness, type ApiHarness } from '../api/api-harness.ts';

let h: ApiHarness;
let retroId: string;
beforeAll(async () => {
  h = await apiHarness();
  retroId = crypto.randomUUID();
  await openRetrospective(h.deps.db, { id: W.a, platform: 'slack' }, previousPeriod('monthly', '2026-11-23'), retroId, () => [], NOW);
});
afterAll(() => h.close());

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const lessonsOf = (outcomeId: string) => h.deps.db.select().from(lessons).where(eq(lessons.outcomeId, outcomeId));

describe('lessons on the outcome page', () => {
  it('the owner adds one; the same form sent twice stores it once; the page lists it', async () => {
    const member = await h.as(W.a, P.member);
    const page = await (await member.get(`/app/outcomes/${O.member}`)).text();
    expect(page).toContain('data-testid="lesson-form"');
    const key = /name="clientKey" value="([\w-]+)"/.exec(page)![1]!;
    const body = form({ clientKey: key, whatWorked: 'Pairing with support', whatDidnt: '', whatToRepeat: 'Weekly check-ins', tags: 'support, 客户' });
    for (let i = 0; i < 2; i++) {
      const res = await member.send('POST', `/app/outcomes/${O.member}/lessons`, body);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(`/app/outcomes/${O.member}#lessons`);
    }
    expect((await lessonsOf(O.member)).map((l) => [l.whatWorked, l.tags, l.source, l.authorId])).toEqual([['Pairing with support', ['support', '客户'], 'web', P.member]]);
    const after = await (await member.get(`/app/outcomes/${O.member}`)).text();
    expect(after).toContain('Pairing with support');
    expect(after).toContain('#客户');
  });

  it('nothing answered: 400 with the note beside the field and what was typed; someone who may not see the outcome: 404; nothing stored', async () => {
    const before = (await lessonsOf(O.member)).length;
    const res = await (await h.as(W.a, P.member)).send('POST', `/app/outcomes/${O.member}/lessons`, form({ whatWorked: ' ', tags: 'kept' }));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Answer at least one of the three questions.');
    expect(html).toContain('value="kept"');
    expect((await (await h.as(W.a, P.peer)).send('POST', `/app/outcomes/${O.member}/lessons`, form({ whatWorked: 'x' }))).status).toBe(404);
    expect((await (await h.as(W.b, P.bAdmin)).send('POST', `/app/outcomes/${O.member}/lessons`, form({ whatWorked: 'x' }))).status).toBe(404);
    expect(await lessonsOf(O.member)).toHaveLength(before);
  });
});

describe('the retrospective page', () => {
  it('the PMO sees the pack and records conclusions and actions; a bad row stores nothing', async () => {
    const pmo = await h.as(W.a, P.pmo);
    expect(await (await pmo.get('/app/retros')).text()).toContain(`/app/retros/${retroId}`);
    const page = await (await pmo.get(`/app/retros/${retroId}`)).text();
    expect(page).toContain('data-testid="retro-pack"');
    expect(page).toContain('Retrospectives');
    const bad = await pmo.send('POST', `/app/retros/${retroId}`, form({ conclusions: 'Keep pairing', 'action.title.0': 'Write the playbook', 'action.owner.0': '', 'action.due.0': '2026-12-01' }));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Choose who owns the action.');
    expect(await h.deps.db.select().from(retroActions)).toEqual([]);
    const ok = await pmo.send('POST', `/app/retros/${retroId}`, form({ conclusions: 'Keep pairing', 'action.title.0': 'Write the playbook', 'action.owner.0': P.member, 'action.due.0': '2026-12-01', 'action.title.1': '', 'action.owner.1': '', 'action.due.1': '' }));
    expect(ok.status).toBe(303);
    const [retro] = await h.deps.db.select().from(retrospectives).where(eq(retrospectives.id, retroId));
    expect(retro).toMatchObject({ conclusions: 'Keep pairing', recordedBy: P.pmo });
    expect((await h.deps.db.select().from(retroActions)).map((a) => [a.title, a.ownerId, a.status])).toEqual([['Write the playbook', P.member, 'open']]);
  });

  it('an action’s owner sees the conclusions and actions (not the pack) and marks theirs done; others cannot', async () => {
    const [action] = await h.deps.db.select().from(retroActions);
    const member = await h.as(W.a, P.member);
    const page = await (await member.get(`/app/retros/${retroId}`)).text();
    expect(page).toContain('Keep pairing');
    expect(page).not.toContain('data-testid="retro-pack"');
    expect((await (await h.as(W.a, P.peer)).get(`/app/retros/${retroId}`)).status).toBe(404);
    expect((await (await h.as(W.a, P.peer)).send('POST', `/app/retros/actions/${action!.id}/done`, '')).status).toBe(403);
    expect((await member.send('POST', `/app/retros/actions/${action!.id}/done`, '')).status).toBe(303);
    expect((await h.deps.db.select().from(retroActions))[0]).toMatchObject({ status: 'done', doneBy: P.member });
  });
});

describe('settings and insights', () => {
  it('the admin sets the cadence and the team prompt; a bad cadence is refused on its field', async () => {
    const admin = await h.as(W.a, P.admin);
    const page = await (await admin.get('/app/settings')).text();
    expect(page).toContain('name="retroCadence"');
    const settings = async () => (await h.deps.db.select({ s: workspaces.settings }).from(workspaces).where(eq(workspaces.id, W.a)))[0]!.s;
    // The rest of the form as the page sends it.
    const rest = { pmoReviewers: 'UPMO', reviewOffsetDays: '90', reminderAfterDays: '3', shortfallThresholdPct: '15', timeZone: 'Asia/Shanghai', locale: 'en' };
    const p = new URLSearchParams({ ...rest, retroCadence: 'quarterly' });
    p.append('lessonsFromTeam', 'off');
    p.append('lessonsFromTeam', 'on');
    expect((await admin.send('POST', '/app/settings', p.toString())).status).toBe(303);
    expect(await settings()).toMatchObject({ retroCadence: 'quarterly', lessonsFromTeam: true });
    const off = await admin.send('POST', '/app/settings', form({ ...rest, lessonsFromTeam: 'off' }));
    expect(off.status).toBe(303);
    expect(await settings()).toMatchObject({ retroCadence: 'quarterly', lessonsFromTeam: false });
    const bad = await admin.send('POST', '/app/settings', form({ ...rest, retroCadence: 'weekly' }));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Choose off, monthly or quarterly.');
  });

  it('the value page shows the insights for the chosen months, claiming nothing from two verified outcomes', async () => {
    const html = await (await (await h.as(W.a, P.pmo)).get('/app/value?months=12')).text();
    expect(html).toContain('data-testid="insights-section"');
    expect(html).toContain('<option value="12" selected>');
    expect(html).toContain('Over the last 12 months, by indicator class: 2 verified outcomes in 1 group, too few to say anything about attainment');
    expect(html).not.toContain('had the highest');
  });
});

describe('lessons and retrospectives in the API', () => {
  it('POST with an Idempotency-Key stores once (201, then 200 with the same lesson); bad input is a 400 naming the field', async () => {
    const token = await h.createToken(['lessons:read', 'lessons:write']);
    const body = { what_worked: 'Daily stand-up with ops', tags: ['ops'] };
    const first = await h.api('POST', `/api/v1/outcomes/${O.other}/lessons`, { token, body, headers: { 'idempotency-key': 'retry-key-0001' } });
    expect(first.status).toBe(201);
    const lesson = (await first.json()) as { id: string; source: string; author_id: string | null; outcome_title: string };
    expect(lesson).toMatchObject({ source: 'api', author_id: null, outcome_title: 'Other outcome' });
    const again = await h.api('POST', `/api/v1/outcomes/${O.other}/lessons`, { token, body, headers: { 'idempotency-key': 'retry-key-0001' } });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { id: string }).id).toBe(lesson.id);
    expect(await lessonsOf(O.other)).toHaveLength(1);

    const bad = await h.api('POST', `/api/v1/outcomes/${O.other}/lessons`, { token, body: { what_worked: '' } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { fields: { field: string }[] }).fields.map((f) => f.field)).toEqual(['what_worked']);
    expect((await h.api('POST', `/api/v1/outcomes/${O.b}/lessons`, { token, body })).status).toBe(404);

    const list = (await (await h.api('GET', `/api/v1/outcomes/${O.other}/lessons`, { token })).json()) as { lessons: { id: string }[] };
    expect(list.lessons.map((l) => l.id)).toEqual([lesson.id]);
    // Across the workspace, one at a time: the cursor walks every lesson once.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = (await (await h.api('GET', `/api/v1/lessons?limit=1${cursor ? `&cursor=${cursor}` : ''}`, { token })).json()) as { lessons: { id: string }[]; next_cursor: string | null };
      seen.push(...page.lessons.map((l) => l.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toHaveLength(2);
    expect(new Set(seen).size).toBe(2);
    const readOnly = await h.createToken(['outcomes:read']);
    expect((await h.api('GET', '/api/v1/lessons', { token: readOnly })).status).toBe(403);
  });

  it('the PMO’s retrospectives: list, conclusions with actions, done; a session without the role is refused', async () => {
    const token = await h.createToken(['retros:read', 'retros:write']);
    const list = (await (await h.api('GET', '/api/v1/retrospectives', { token })).json()) as { retrospectives: { id: string; period: string }[] };
    expect(list.retrospectives.map((r) => [r.id, r.period])).toEqual([[retroId, '2026-10']]);
    const res = await h.api('POST', `/api/v1/retrospectives/${retroId}/conclusions`, { token, body: { conclusions: 'From the API', actions: [{ title: 'Follow up', owner_id: P.other, due_on: '2026-12-10' }] } });
    expect(res.status).toBe(200);
    const retro = (await res.json()) as { conclusions: string; actions: { id: string; title: string; status: string }[] };
    expect(retro.conclusions).toBe('From the API');
    const added = retro.actions.find((a) => a.title === 'Follow up')!;
    expect((await h.api('POST', `/api/v1/retrospectives/${retroId}/conclusions`, { token, body: { actions: [{ title: 'x', owner_id: 'nobody', due_on: 'soon' }] } })).status).toBe(400);
    const done = await h.api('POST', `/api/v1/retro-actions/${added.id}/done`, { token });
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ id: added.id, status: 'done' });
    // A member's session is not the PMO.
    expect((await (await h.as(W.a, P.member)).get('/api/v1/retrospectives')).status).toBe(403);
  });

  it('the OpenAPI document lists the lessons and retrospective routes', async () => {
    const doc = (await (await h.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/outcomes/{id}/lessons', '/v1/lessons', '/v1/retrospectives', '/v1/retrospectives/{id}', '/v1/retrospectives/{id}/conclusions', '/v1/retro-actions/{id}/done']));
    expect(Object.keys(doc.paths['/v1/outcomes/{id}/lessons']!)).toEqual(['get', 'post']);
  });
});

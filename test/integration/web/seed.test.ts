import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.ts';
import { outcomes, people } from '../../../src/db/schema/index.ts';
import { DEMO_WORKSPACES, seedDemo } from '../../../src/seed/demo.ts';
import { createSessionCodec } from '../../../src/security/session.ts';
import { SECRET } from '../../fixtures/web/world.ts';
import { manualClock, testDeps } from '../../helpers/db.ts';

let t: Awaited<ReturnType<typeof testDeps>>;
let first: Record<string, number>;
beforeAll(async () => {
  t = await testDeps({ env: { APP_SECRET: SECRET }, clock: manualClock(new Date('2026-11-23T01:00:00Z')) });
  first = await seedDemo(t.deps.db, new Date('2026-11-23T01:00:00Z'));
});
afterAll(() => t.close());

describe('npm run seed:demo', () => {
  it('fills two workspaces, one in Chinese and one in English, with every status and table', async () => {
    expect(first).toMatchObject({ workspaces: 2, people: 16, outcomes: 22 });
    for (const k of ['metric_readings', 'reviews', 'review_schedules', 'evidence', 'surveys', 'survey_responses']) expect(first[k]).toBeGreaterThan(0);
    const statuses = await t.deps.db.select({ status: outcomes.status, n: sql<number>`count(*)` }).from(outcomes).where(eq(outcomes.workspaceId, 'demo-cn')).groupBy(outcomes.status);
    expect(statuses.map((s) => s.status).sort()).toEqual(['changes_requested', 'manager_approved', 'rejected', 'submitted', 'verified']);
    const [cn] = await t.deps.db.select({ name: people.name }).from(people).where(eq(people.id, 'demo-cn-person-pmo'));
    const [en] = await t.deps.db.select({ name: people.name }).from(people).where(eq(people.id, 'demo-en-person-pmo'));
    expect(cn!.name).toBe('王芳');
    expect(en!.name).toBe('Priya Patel');
  });

  it('is idempotent: a second run adds nothing', async () => {
    const again = await seedDemo(t.deps.db, new Date('2026-12-01T00:00:00Z'));
    expect(Object.values(again).every((n) => n === 0)).toBe(true);
    expect((await t.deps.db.select({ n: sql<number>`count(*)` }).from(outcomes))[0]!.n).toBe(22);
  });

  it('every page renders for every seeded person in both workspaces', async () => {
    const app = createApp(t.deps);
    const codec = await createSessionCodec(SECRET);
    const folks = await t.deps.db.select({ id: people.id, workspaceId: people.workspaceId }).from(people);
    const ids = (await t.deps.db.select({ id: outcomes.id }).from(outcomes)).map((o) => o.id);
    for (const p of folks) {
      const cookie = `outcome_session=${await codec.seal({ workspaceId: p.workspaceId, personId: p.id, via: 'local', exp: Date.parse('2026-11-24T00:00:00Z') })}`;
      for (const path of ['/app/portfolio', '/app/value', '/app/nps', '/app/reviews', '/app/my', '/app/export.csv']) {
        const res = await app.fetch(new Request(`http://localhost${path}`, { headers: { cookie } }));
        expect({ person: p.id, path, status: res.status }).toEqual({ person: p.id, path, status: 200 });
      }
      for (const id of ids.filter((i) => i.startsWith(p.workspaceId))) {
        const res = await app.fetch(new Request(`http://localhost/app/outcomes/${id}`, { headers: { cookie } }));
        expect([200, 404]).toContain(res.status);
      }
    }
    expect(DEMO_WORKSPACES.map((w) => w.locale)).toEqual(['zh-CN', 'en']);
  });
});

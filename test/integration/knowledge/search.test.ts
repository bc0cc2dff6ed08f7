import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/db/client.ts';
import { kbDocs } from '../../../src/db/kb-index.ts';
import { COMMON_PIECE_DOCS, searchKnowledge, similarOutcomes, type KbFilters } from '../../../src/db/queries/kb-search.ts';
import type { Reader } from '../../../src/db/queries/visibility.ts';
import { evidence, lessons, metrics, outcomes } from '../../../src/db/schema/index.ts';
import { markedSegments } from '../../../src/domain/kb-query.ts';
import { similarOutcomesHint } from '../../../src/views/similar-hint.ts';
import { buildWorld, P, W } from '../../fixtures/web/world.ts';
import { addKnowledge, K, L, TEMPLATE } from '../../fixtures/web/knowledge.ts';
import { freshDb } from '../../helpers/db.ts';

let database: Awaited<ReturnType<typeof freshDb>>;
let db: Db;
beforeAll(async () => {
  database = await freshDb();
  db = database.db;
  await buildWorld(db);
  await addKnowledge(db);
});
afterAll(() => database.close());

const pmo: Reader = { personId: P.pmo, seesAll: true };
const member: Reader = { personId: P.member, seesAll: false };
const NONE: KbFilters = { indicatorClass: null, projectId: null, status: null, tag: null, template: null };
const ids = async (reader: Reader, q: string, f: KbFilters = NONE, ws: string = W.a) => (await searchKnowledge(db, ws, reader, q, f, { limit: 20, offset: 0 })).hits.map((h) => h.refId).sort();
const hits = (segments: string) => markedSegments(segments).filter((s) => s.hit).map((s) => s.text);

describe('knowledge-base search on libsql (FTS5 trigram)', () => {
  it('finds a Chinese query inside Chinese titles without word breaks, and marks the hit', async () => {
    expect(await ids(pmo, '客户留存')).toEqual([K.zh1, K.zh2, K.zh3]);
    const [best] = (await searchKnowledge(db, W.a, pmo, '留存率提升', NONE, { limit: 5, offset: 0 })).hits;
    expect(best!.refId).toBe(K.zh2);
    expect(hits(best!.title)).toEqual(['留存率提升']);
  });

  it('finds an English query case-insensitively in titles, descriptions, metric names and evidence titles', async () => {
    expect(await ids(pmo, 'CHECKOUT')).toEqual([K.en1, K.en2]);
    expect(await ids(pmo, 'latency p95')).toEqual([K.en1]);
    expect(await ids(pmo, 'grafana')).toEqual([K.en1]);
    expect(await ids(pmo, '季度留存')).toEqual([K.zh2]);
    const [hit] = (await searchKnowledge(db, W.a, pmo, 'payment', NONE, { limit: 5, offset: 0 })).hits;
    expect(hits(hit!.snippet)).toEqual(['payment']);
  });

  it('answers 1–2 character queries (too short for trigrams) with LIKE over the same rows', async () => {
    expect(await ids(pmo, '效率')).toEqual([K.zh1]);
    expect(await ids(pmo, '复购')).toEqual([K.zh3]);
    // a short and a long term together: both must match
    expect(await ids(pmo, '效率 客户留存')).toEqual([K.zh1]);
    expect(await ids(pmo, '%')).toEqual([]);
  });

  it('shows a person only what they may see, and never another workspace', async () => {
    expect(await ids(member, '客户留存')).toEqual([K.zh1]);
    expect(await ids(member, 'checkout')).toEqual([K.en1]);
    expect(await ids(pmo, '乙公司')).toEqual([]);
    expect(await ids(pmo, '效率')).not.toContain(K.b);
    expect(await ids({ personId: P.bAdmin, seesAll: true }, '客户留存', NONE, W.b)).toEqual([K.b]);
  });

  it('finds lessons by their answers and tags, under the outcome’s visibility', async () => {
    expect(await ids(pmo, 'churned members')).toEqual([L.zh1]);
    expect(await ids(pmo, '回访')).toEqual([L.zh1]);
    expect(await ids(pmo, 'retention')).toEqual([L.zh1]);
    const [hit] = (await searchKnowledge(db, W.a, pmo, '续费提醒', NONE, { limit: 5, offset: 0 })).hits;
    expect(hit).toMatchObject({ kind: 'lesson', refId: L.zh2, outcomeId: K.zh2, outcomeTitle: '客户留存率提升二期' });
    expect(hits(hit!.snippet)).toEqual(['续费提醒']);
    expect(await ids(member, '续费提醒')).toEqual([]);
    expect(await ids(member, '回访')).toEqual([L.zh1]);
  });

  it('filters by lesson tag and by metric template', async () => {
    expect(await ids(pmo, '', { ...NONE, tag: '会员' })).toEqual([K.zh1, L.zh1]);
    expect(await ids(pmo, '客户留存', { ...NONE, tag: '续费' })).toEqual([K.zh2]);
    expect(await ids(pmo, '客户留存', { ...NONE, template: TEMPLATE })).toEqual([K.zh1]);
    expect(await ids(pmo, '', { ...NONE, template: 'builtin.nps' })).toEqual([]);
  });

  it('filters by indicator class, project and status', async () => {
    expect(await ids(pmo, '客户留存', { ...NONE, indicatorClass: 'impact' })).toEqual([K.zh1, K.zh3]);
    expect(await ids(pmo, '客户留存', { ...NONE, projectId: 'pr-a2' })).toEqual([K.zh2]);
    expect(await ids(pmo, 'checkout', { ...NONE, status: 'submitted' })).toEqual([K.en2]);
    // no words: the filtered documents, newest first
    expect(await ids(member, '', { ...NONE, indicatorClass: 'output' })).toEqual([K.en1]);
  });

  it('takes FTS5 syntax as plain text: quotes, operators and brackets never break the query', async () => {
    for (const q of ['"', 'checkout OR', 'NEAR(a b)', 'title:x', '(((', '*', "'; drop table outcomes; --"]) await expect(ids(pmo, q)).resolves.toBeInstanceOf(Array);
    expect(await ids(pmo, 'checkout"')).toEqual([]);
  });

  it('pages are bounded: a page of one says there is more, the next page holds the rest', async () => {
    const first = await searchKnowledge(db, W.a, pmo, '客户留存', NONE, { limit: 2, offset: 0 });
    const second = await searchKnowledge(db, W.a, pmo, '客户留存', NONE, { limit: 2, offset: 2 });
    expect(first.more).toBe(true);
    expect(second.more).toBe(false);
    expect([...first.hits, ...second.hits].map((h) => h.refId).sort()).toEqual([K.zh1, K.zh2, K.zh3]);
  });
});

describe('the triggers keep the index in sync', () => {
  it('after an edit of the title and description', async () => {
    await db.update(outcomes).set({ title: '缩短交付周期', description: 'Shorter lead time' }).where(eq(outcomes.id, K.zh3));
    expect(await ids(pmo, '客户留存')).toEqual([K.zh1, K.zh2]);
    expect(await ids(pmo, '交付周期')).toEqual([K.zh3]);
    expect(await ids(pmo, 'lead time')).toEqual([K.zh3]);
  });

  it('after a metric rename, a new metric, new and deleted evidence; a reading does not re-index', async () => {
    await db.update(metrics).set({ name: 'Net revenue retention' }).where(eq(metrics.id, 'km-zh3'));
    expect(await ids(pmo, '复购率')).toEqual([]);
    expect(await ids(pmo, 'revenue retention')).toEqual([K.zh3]);
    await db.insert(metrics).values({ id: 'km-new', workspaceId: W.a, outcomeId: K.zh3, name: 'Churn cohort', direction: 'decrease', baseline: 5, target: 3 });
    expect(await ids(pmo, 'cohort')).toEqual([K.zh3]);
    await db.insert(evidence).values({ id: 'ev-new', workspaceId: W.a, outcomeId: K.zh3, kind: 'link', url: 'https://example.com', title: '季度复盘纪要' });
    expect(await ids(pmo, '复盘纪要')).toEqual([K.zh3]);
    await db.delete(evidence).where(eq(evidence.id, 'ev-new'));
    expect(await ids(pmo, '复盘纪要')).toEqual([]);
    await db.delete(metrics).where(eq(metrics.id, 'km-new'));
    expect(await ids(pmo, 'cohort')).toEqual([]);
  });

  it('after a lesson is edited and deleted', async () => {
    await db.update(lessons).set({ whatWorked: '分层运营', tags: ['分层'] }).where(eq(lessons.id, L.zh1));
    expect(await ids(pmo, '回访')).toEqual([]);
    expect(await ids(pmo, '分层运营')).toEqual([L.zh1]);
    await db.delete(lessons).where(eq(lessons.id, L.zh1));
    expect(await ids(pmo, '分层运营')).toEqual([]);
    expect(await db.select().from(kbDocs).where(eq(kbDocs.refId, L.zh1))).toEqual([]);
  });

  it('after a new outcome and a deleted one (its and its lessons’ index rows go with it)', async () => {
    await db.insert(outcomes).values({ id: 'k-new', workspaceId: W.a, title: 'Onboarding 效率 drive', status: 'submitted', submitterId: P.member, ownerId: P.member });
    await db.insert(lessons).values({ id: 'l-new', workspaceId: W.a, outcomeId: 'k-new', whatWorked: 'Onboarding buddies', tags: [], source: 'web' });
    expect(await ids(member, 'onboarding')).toEqual(['k-new', 'l-new']);
    await db.delete(outcomes).where(eq(outcomes.id, 'k-new'));
    expect(await ids(member, 'onboarding')).toEqual([]);
    expect(await db.select().from(kbDocs).where(eq(kbDocs.outcomeId, 'k-new'))).toEqual([]);
  });
});

describe('similar outcomes', () => {
  it('ranks outcomes sharing the title’s words, visible ones only, never itself', async () => {
    const all = await similarOutcomes(db, W.a, '提升客户留存率', { reader: pmo, excludeId: K.zh1, limit: 5 });
    expect(all.map((o) => o.id)).toEqual([K.zh2]);
    expect(await similarOutcomes(db, W.a, '提升客户留存率', { reader: member, excludeId: K.zh1, limit: 5 })).toEqual([]);
    expect((await similarOutcomes(db, W.a, 'Reduce checkout latency', { reader: pmo, excludeId: K.en1, limit: 5 })).map((o) => o.id)).toEqual([K.en2]);
  });

  it('leaves out pieces too common to tell outcomes apart: a word in more than COMMON_PIECE_DOCS outcomes does not rank', async () => {
    const many = Array.from({ length: COMMON_PIECE_DOCS + 1 }, (_, i) => ({ id: `w${i}`, workspaceId: W.b, title: `Quarterly widget review ${i}`, status: 'submitted' as const, submitterId: P.bMember, round: 1 }));
    for (let i = 0; i < many.length; i += 100) await db.insert(outcomes).values(many.slice(i, i + 100));
    await db.insert(outcomes).values({ id: 'w-checkout', workspaceId: W.b, title: 'Faster basketing for the widget shop', status: 'submitted', submitterId: P.bMember, round: 1 });
    const found = await similarOutcomes(db, W.b, 'Widget basketing', { limit: 5 });
    // "widget" is in 1,002 outcomes: only "basketing" ranks, so the 1,001 widget reviews are not "similar".
    expect(found.map((o) => o.id)).toEqual(['w-checkout']);
    // A text made only of common pieces is still compared, by all of them.
    expect(await similarOutcomes(db, W.b, 'widget review', { limit: 5 })).toHaveLength(5);
    // Counted in the workspace: the 1,002 widget outcomes of workspace B leave "widget" distinctive in workspace A.
    await db.insert(outcomes).values({ id: 'w-a', workspaceId: W.a, title: 'Widget rollout', status: 'submitted', submitterId: P.member, round: 1 });
    expect((await similarOutcomes(db, W.a, 'widget', { limit: 5 })).map((o) => o.id)).toEqual(['w-a']);
    // Search with a common and a distinctive word: the index answers the distinctive one, the common one is checked on its rows.
    expect(await ids(pmo, 'widget basketing', NONE, W.b)).toEqual(['w-checkout']);
    expect(await ids(pmo, 'widget review 1000', NONE, W.b)).toEqual(['w1000']);
    expect(await ids(pmo, 'basketing review', NONE, W.b)).toEqual([]);
    await db.delete(outcomes).where(like(outcomes.id, 'w%'));
  });

  it('the submit-form hint states the median attainment of similar verified outcomes, with n; nothing from n < 3', async () => {
    await db.update(outcomes).set({ title: '提高客户留存与复购' }).where(eq(outcomes.id, K.zh3));
    const zh = await similarOutcomesHint(db, W.a, '客户留存率', 'zh-CN');
    expect(zh).toMatchObject({ n: 3, medianAttainment: 0.9 });
    expect(zh!.text).toBe('本工作区的类似成果目标达成率中位数为 90%（n = 3）。');
    const en = await similarOutcomesHint(db, W.a, '客户留存率', 'en');
    expect(en!.text).toBe('Similar outcomes in this workspace reached a median 90% of their targets (n = 3).');
    // one verified checkout outcome only (the other is submitted): no claim
    expect(await similarOutcomesHint(db, W.a, 'Checkout latency', 'en')).toBeNull();
    expect(await similarOutcomesHint(db, W.a, 'xy', 'en')).toBeNull();
  });
});

import { env } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { d1Db } from '../../src/db/d1.ts';
import { searchKnowledge, type KbFilters } from '../../src/db/queries/kb-search.ts';
import type { Reader } from '../../src/db/queries/visibility.ts';
import { outcomes } from '../../src/db/schema/index.ts';
import { markedSegments } from '../../src/domain/kb-query.ts';
import { similarOutcomesHint } from '../../src/views/similar-hint.ts';
import { addKnowledge, K, L } from '../fixtures/web/knowledge.ts';
import { buildWorld, P, W } from '../fixtures/web/world.ts';

// The same migration (FTS5 trigram table and triggers) and the same queries as on libsql,
// here on D1 inside workerd: test/integration/knowledge/search.test.ts is the full story.
const db = d1Db(env.DB);
const pmo: Reader = { personId: P.pmo, seesAll: true };
const member: Reader = { personId: P.member, seesAll: false };
const NONE: KbFilters = { indicatorClass: null, projectId: null, status: null, tag: null, template: null };
const ids = async (reader: Reader, q: string) => (await searchKnowledge(db, W.a, reader, q, NONE, { limit: 20, offset: 0 })).hits.map((h) => h.refId).sort();

beforeAll(async () => {
  await buildWorld(db);
  await addKnowledge(db);
});

describe('knowledge-base search on D1', () => {
  it('finds a Chinese query, marked, and a 2-character one through LIKE', async () => {
    expect(await ids(pmo, '客户留存')).toEqual([K.zh1, K.zh2, K.zh3]);
    const [best] = (await searchKnowledge(db, W.a, pmo, '留存率提升', NONE, { limit: 5, offset: 0 })).hits;
    expect(markedSegments(best!.title).filter((s) => s.hit).map((s) => s.text)).toEqual(['留存率提升']);
    expect(await ids(pmo, '效率')).toEqual([K.zh1]);
  });

  it('finds an English query, only within what the reader may see', async () => {
    expect(await ids(pmo, 'Checkout')).toEqual([K.en1, K.en2]);
    expect(await ids(member, 'checkout')).toEqual([K.en1]);
    expect(await ids(member, '客户留存')).toEqual([K.zh1]);
  });

  it('finds lessons (tags read with json_each in the trigger) and filters by tag', async () => {
    expect(await ids(member, 'churned members')).toEqual([L.zh1]);
    expect(await ids(pmo, '续费提醒')).toEqual([L.zh2]);
    expect((await searchKnowledge(db, W.a, pmo, '', { ...NONE, tag: '会员' }, { limit: 20, offset: 0 })).hits.map((h) => h.refId).sort()).toEqual([K.zh1, L.zh1]);
  });

  it('the triggers re-index an edit, and the hint reads the same index', async () => {
    await db.update(outcomes).set({ title: 'Warehouse picking speed' }).where(eq(outcomes.id, K.en2));
    expect(await ids(pmo, 'checkout')).toEqual([K.en1]);
    expect(await ids(pmo, 'picking')).toEqual([K.en2]);
    expect(await similarOutcomesHint(db, W.a, '客户留存率', 'en')).toMatchObject({ n: 3, medianAttainment: 0.9 });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { insertLesson } from '../../../src/db/repos/lessons-repo.ts';
import { lessons } from '../../../src/db/schema/index.ts';
import { buildWorld, NOW, O, P, W } from '../../fixtures/web/world.ts';
import { freshDb } from '../../helpers/db.ts';

describe('insertLesson', () => {
  let database: Awaited<ReturnType<typeof freshDb>>;
  beforeAll(async () => {
    database = await freshDb();
    await buildWorld(database.db);
  });
  afterAll(() => database.close());

  const lesson = { outcomeId: O.member, authorId: P.member, whatWorked: 'Pairing with support', whatDidnt: '', whatToRepeat: 'Weekly check-ins', tags: ['support', '客户'], source: 'prompt' as const };

  it('stores a retried submission (same client key) once and returns the first id', async () => {
    const first = await insertLesson(database.db, W.a, { ...lesson, clientKey: 'view-1' }, NOW);
    const again = await insertLesson(database.db, W.a, { ...lesson, clientKey: 'view-1' }, NOW);
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false });
    const rows = await database.db.select().from(lessons).where(eq(lessons.clientKey, 'view-1'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ tags: ['support', '客户'], source: 'prompt', workspaceId: W.a });
  });

  it('stores two without a client key as two lessons', async () => {
    await insertLesson(database.db, W.a, { ...lesson, clientKey: null }, NOW);
    await insertLesson(database.db, W.a, { ...lesson, clientKey: null }, NOW);
    const rows = await database.db.select().from(lessons).where(eq(lessons.outcomeId, O.member));
    expect(rows).toHaveLength(3);
  });
});

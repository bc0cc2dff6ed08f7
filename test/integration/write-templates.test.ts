import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { auditLog, outbox, workspaces } from '../../src/db/schema/index.ts';
import { insertRow, insertRows, writeTemplate } from '../../src/db/write-templates.ts';
import { defaultSettings } from '../../src/domain/settings.ts';
import { freshDb } from '../helpers/db.ts';

/**
 * Writes from templates (src/db/write-templates.ts) store what drizzle's builders store:
 * the same columns, encodings (JSON, instants), nulls and defaults, a fresh `$defaultFn`
 * value (ids, created-at) for every row of every call, and the conflict clause.
 */
let database: Awaited<ReturnType<typeof freshDb>>;
let db: Db;
let ws = '';
const AT = new Date('2026-11-23T01:00:00Z');

beforeAll(async () => {
  database = await freshDb();
  db = database.db;
  const [w] = await db.insert(workspaces).values({ platform: 'feishu', externalId: 'tenant_t', settings: defaultSettings('UTC', 'en') }).returning();
  ws = w!.id;
});
afterAll(() => database.close());

const row = (i: number, extra: Partial<typeof outbox.$inferInsert> = {}) => ({
  workspaceId: ws,
  platform: 'feishu',
  kind: 'decision_notice',
  destination: `ou_${i % 3}`,
  payload: { outcomeId: `o${i}`, note: '引号 "and" emoji 🎉', n: i, nested: [1, null] },
  dedupeKey: `k:${i}`,
  nextAttemptAt: new Date(AT.getTime() + i),
  requestId: i % 2 ? `req-${i}` : null,
  ...extra,
});

const stored = (keys: string[]) =>
  db
    .select()
    .from(outbox)
    .where(sql`${outbox.dedupeKey} in (select value from json_each(${JSON.stringify(keys)}))`)
    .orderBy(asc(outbox.dedupeKey));

describe('insert templates', () => {
  it('store the rows a drizzle insert stores, with a new id and created-at for each row of each call', async () => {
    const keys = (prefix: string) => Array.from({ length: 25 }, (_, i) => `${prefix}:${i}`);
    // 25 rows: more than one statement of D1's 100 parameters, so split as inChunks splits them.
    const ours = Array.from({ length: 25 }, (_, i) => row(i, { dedupeKey: `t:${i}` }));
    const theirs = Array.from({ length: 25 }, (_, i) => row(i, { dedupeKey: `d:${i}` }));
    const statements = insertRows(db, outbox, ours, { onConflictDoNothing: true });
    expect(statements.length).toBeGreaterThan(1);
    await db.batch(statements as [never]);
    await db.insert(outbox).values(theirs).onConflictDoNothing();

    const [a, b] = [await stored(keys('t')), await stored(keys('d'))];
    expect(a).toHaveLength(25);
    const strip = <T extends { id: string; createdAt: Date; dedupeKey: string | null }>(r: T) => ({ ...r, id: undefined, createdAt: undefined, dedupeKey: r.dedupeKey!.slice(2) });
    expect(a.map(strip)).toEqual(b.map(strip));
    const third = a.find((r) => r.dedupeKey === 't:3')!;
    expect(third.payload).toEqual(row(3).payload);
    expect(third.nextAttemptAt).toEqual(new Date(AT.getTime() + 3));
    expect(new Set([...a, ...b].map((r) => r.id)).size).toBe(50);
    for (const r of a) expect(r.createdAt.getTime()).toBeGreaterThan(AT.getTime());

    // A second call of the same template: new ids again, and the conflict clause holds.
    await db.batch(insertRows(db, outbox, [row(0, { dedupeKey: 't:0' }), row(99, { dedupeKey: 't:99' })], { onConflictDoNothing: true }) as [never]);
    const again = await stored(['t:0', 't:99']);
    expect(again).toHaveLength(2);
    expect(again[0]!.id).toBe(a.find((r) => r.dedupeKey === 't:0')!.id);
    expect(new Set([...a.map((r) => r.id), again[1]!.id]).size).toBe(26);
  });

  it('without onConflictDoNothing a duplicate key fails the batch, as drizzle’s would', async () => {
    await db.batch([insertRow(db, outbox, row(1, { dedupeKey: 'u:1' }))]);
    await expect(db.batch([insertRow(db, outbox, row(2, { dedupeKey: 'u:2' })), insertRow(db, outbox, row(1, { dedupeKey: 'u:1' }))])).rejects.toThrow(/UNIQUE/);
    expect(await stored(['u:1', 'u:2'])).toHaveLength(1);
  });

  it('leave a column the row does not give to its default, and bind nulls as nulls', async () => {
    const entity = `e-${Date.now()}`;
    await db.batch([
      insertRow(db, auditLog, { workspaceId: ws, entity: 'outcome', entityId: entity, action: 'approve', actorId: null, at: AT }),
      insertRow(db, auditLog, { workspaceId: ws, entity: 'outcome', entityId: entity, action: 'reject', actorId: null, comment: 'no', fromStatus: 'submitted', at: AT }),
    ]);
    await db.insert(auditLog).values({ workspaceId: ws, entity: 'outcome', entityId: entity, action: 'drizzle', actorId: null, at: AT });
    const rows = await db.select().from(auditLog).where(eq(auditLog.entityId, entity)).orderBy(asc(auditLog.action));
    expect(rows.map((r) => [r.action, r.comment, r.fromStatus, r.toStatus, r.actorId, r.at])).toEqual([
      ['approve', null, null, null, null, AT],
      ['drizzle', null, null, null, null, AT],
      ['reject', 'no', 'submitted', null, null, AT],
    ]);
  });

  it('build rows of different shapes, or with SQL among their values, with drizzle', async () => {
    await db.batch(insertRows(db, outbox, [row(1, { dedupeKey: 's:1' }), row(2, { dedupeKey: 's:2', requestId: undefined })]) as [never]);
    await db.batch([insertRow(db, outbox, row(3, { dedupeKey: 's:3', destination: sql`'ou_' || 'sql'` as never }))]);
    expect((await stored(['s:1', 's:2', 's:3'])).map((r) => [r.dedupeKey, r.destination, r.requestId])).toEqual([
      ['s:1', 'ou_1', 'req-1'],
      ['s:2', 'ou_2', null],
      ['s:3', 'ou_sql', 'req-3'],
    ]);
  });
});

describe('writeTemplate', () => {
  const rename = writeTemplate<{ id: string; from: string; to: string }>((db, p) =>
    db
      .update(outbox)
      .set({ destination: p('to') as never })
      .where(sql`${outbox.dedupeKey} = ${p('id')} and ${outbox.destination} = ${p('from')}`),
  );

  it('binds each call’s values into the statement made once', async () => {
    await db.batch([insertRow(db, outbox, row(1, { dedupeKey: 'w:1' })), insertRow(db, outbox, row(2, { dedupeKey: 'w:2' }))]);
    await db.batch([rename(db, { id: 'w:1', from: 'ou_1', to: 'ou_a' }), rename(db, { id: 'w:2', from: 'ou_1', to: 'ou_b' })]);
    expect((await stored(['w:1', 'w:2'])).map((r) => r.destination)).toEqual(['ou_a', 'ou_2']);
    expect(() => rename(db, { id: 'w:1', from: 'ou_a' } as never)).toThrow(/no value for to/);
    await expect(Promise.resolve(insertRow(db, outbox, row(3, { dedupeKey: 'w:3' })))).rejects.toThrow(/inside db.batch only/);
    expect(await stored(['w:3'])).toEqual([]);
  });
});

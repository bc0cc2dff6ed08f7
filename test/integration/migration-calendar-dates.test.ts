import { createClient } from '@libsql/client';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../src/db/migrate-node.ts';

/** The migration under test, found by name (its number depends on what merged before it). */
const CALENDAR_MIGRATION = readdirSync(MIGRATIONS_DIR).find((f) => f.endsWith('_calendar_dates.sql'))!;
const statements = (file: string) => readFileSync(join(MIGRATIONS_DIR, file), 'utf8').split('--> statement-breakpoint').map((s) => s.trim()).filter(Boolean);

describe('migration calendar_dates: go-live and due dates become calendar dates', () => {
  it('converts midnight in the author’s zone to that day, for zones from UTC-12 to UTC+12', async () => {
    const client = createClient({ url: ':memory:' });
    const files = readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).sort();
    const before = files.filter((f) => f < CALENDAR_MIGRATION);
    for (const f of before) for (const s of statements(f)) await client.execute(s);
    await client.execute('PRAGMA foreign_keys = OFF'); // projects only: no workspace row needed
    // Rows written by the old code: 00:00 of the picked day in the author's zone, in epoch ms.
    const old = [
      ['p1', Date.parse('2026-07-03T00:00:00+08:00')], // Shanghai
      ['p2', Date.parse('2026-07-03T00:00:00-07:00')], // Los Angeles (PDT)
      ['p3', Date.parse('2026-07-03T00:00:00+12:00')], // Auckland-like
      ['p4', null],
    ] as const;
    for (const [id, at] of old) await client.execute({ sql: 'insert into projects (id, workspace_id, name, go_live_at, created_at) values (?, ?, ?, ?, 0)', args: [id, 'w', id, at] });
    for (const s of statements(CALENDAR_MIGRATION)) await client.execute(s);
    const rows = await client.execute('select id, go_live_on from projects order by id');
    expect(rows.rows.map((r) => [r.id, r.go_live_on])).toEqual([['p1', '2026-07-03'], ['p2', '2026-07-03'], ['p3', '2026-07-03'], ['p4', null]]);
    client.close();
  });
});

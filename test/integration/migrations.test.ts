import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { MIGRATIONS_DIR, openNodeDatabase } from '../../src/db/migrate-node.ts';
import { freshDb } from '../helpers/db.ts';

const TABLES = [
  'action_guards', 'audit_log', 'digests', 'evidence', 'key_results', 'metric_readings', 'metric_sources', 'metrics', 'objectives', 'outbox', 'outcomes', 'people',
  'processed_events', 'projects', 'review_schedules', 'reviews', 'survey_answer_keys', 'survey_responses', 'surveys', 'workspaces',
];

describe('migrations on libsql', () => {
  let database: Awaited<ReturnType<typeof freshDb>>;
  beforeAll(async () => {
    database = await freshDb();
  });
  afterAll(() => database.close());

  it('create every table of the data model', async () => {
    const rows = await database.client.execute("select name from sqlite_master where type = 'table' and name not like '\\_%' escape '\\' and name not like 'sqlite%' order by name");
    expect(rows.rows.map((r) => r.name)).toEqual(TABLES);
  });

  it('create the indexes the hot reads use', async () => {
    const rows = await database.client.execute("select name from sqlite_master where type = 'index'");
    const names = rows.rows.map((r) => String(r.name));
    for (const idx of ['review_schedules_due', 'outbox_due', 'outcomes_workspace_status', 'outcomes_pending_by_reviewer', 'reviews_once_per_stage', 'survey_responses_once'])
      expect(names).toContain(idx);
  });

  it('use the due-schedule and pending-outbox indexes for their queries', async () => {
    const plan = async (q: string) => (await database.client.execute(`explain query plan ${q}`)).rows.map((r) => String(r.detail)).join('\n');
    expect(await plan("select id from review_schedules where status = 'scheduled' and due_at <= 0 order by due_at limit 50")).toContain('review_schedules_due');
    expect(await plan("select id from outbox where status = 'pending' and next_attempt_at <= 0 order by next_attempt_at limit 50")).toContain('outbox_due');
  });

  it('apply twice without error (the second run is a no-op)', async () => {
    const again = await openNodeDatabase(database.url);
    const count = await again.db.get<{ n: number }>(sql`select count(*) as n from __drizzle_migrations`);
    expect(count?.n).toBe(readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).length);
    again.client.close();
  });

  it('enforce foreign keys like D1 does', async () => {
    await expect(database.client.execute("insert into people (id, workspace_id, platform_user_id, name, created_at) values ('p1', 'no-such-workspace', 'U1', '', 0)")).rejects.toThrow(/FOREIGN KEY/);
  });
});

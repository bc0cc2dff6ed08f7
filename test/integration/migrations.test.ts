import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { MIGRATIONS_DIR, openNodeDatabase } from '../../src/db/migrate-node.ts';
import { freshDb } from '../helpers/db.ts';
import { migratedUntil } from '../helpers/migrate-steps.ts';

const TABLES = [
  'action_guards', 'api_tokens', 'audit_log', 'digests', 'evidence',
  // the knowledge-base index (0018_kb_fts.sql): its rows, the FTS5 table and FTS5's own shadow tables
  'kb_docs', 'kb_fts', 'kb_fts_config', 'kb_fts_content', 'kb_fts_data', 'kb_fts_docsize', 'kb_fts_idx',
  'key_results', 'lessons', 'metric_readings', 'metric_sources', 'metric_templates', 'metrics', 'objectives', 'okr_cycles',
  'outbox', 'outcome_comments', 'outcome_rollups', 'outcomes', 'people', 'processed_events', 'projects', 'retro_actions', 'retrospectives', 'review_schedules', 'reviews', 'source_events', 'survey_answer_keys',
  'survey_responses', 'surveys', 'workspaces',
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

describe('the richer-surveys migration', () => {
  it('turns each existing survey into one NPS question with its wording, and keeps every answer as its score', async () => {
    const { client, applyRest } = await migratedUntil('_richer_surveys.sql');
    await client.batch([
      "insert into workspaces (id, platform, external_id, settings, created_at) values ('w', 'slack', 'T', '{}', 0)",
      "insert into people (id, workspace_id, platform_user_id, name, created_at) values ('p', 'w', 'U1', '', 0)",
      "insert into projects (id, workspace_id, name, created_at) values ('pr', 'w', 'Clinic', 0)",
      "insert into surveys (id, workspace_id, project_id, question, kind, audience, started_by, status, closes_at, remind_after_days, created_at) values ('s1', 'w', 'pr', 'Recommend us?', 'follow_up', '[\"U1\"]', 'p', 'closed', 1, 3, 0), ('s2', 'w', 'pr', '', 'baseline', '[]', 'p', 'open', 1, 3, 0)",
      "insert into survey_responses (id, workspace_id, survey_id, respondent_id, score, comment, answered_at) values ('r1', 'w', 's1', 'U1', 9, 'good', 5)",
    ]);
    await applyRest();
    const s = await client.execute('select id, questions, anonymous, wave, series_id from surveys order by id');
    expect(s.rows.map((r) => [r.id, JSON.parse(String(r.questions)), r.anonymous, r.wave, r.series_id])).toEqual([
      ['s1', [{ type: 'nps', text: 'Recommend us?' }], 0, 1, null],
      ['s2', [{ type: 'nps', text: '' }], 0, 1, null],
    ]);
    const r = await client.execute('select respondent_id, score, answers, comment, answered_at from survey_responses');
    expect(r.rows.map((x) => ({ ...x }))).toEqual([{ respondent_id: 'U1', score: 9, answers: null, comment: 'good', answered_at: 5 }]);
    client.close();
  });
});

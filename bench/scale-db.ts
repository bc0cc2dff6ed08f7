/**
 * The database of the scale benchmark (issue 11 point 4): one workspace with 100,000 outcomes,
 * 150,000 metrics, 1,000,000 readings, 120,000 review decisions, 60,000 follow-up schedules,
 * 1,000 people, 50 projects and 100 surveys with 5,000 answers. Built with the real migrations,
 * then filled by bulk INSERT … SELECT over a recursive counter (seconds, not minutes), and kept
 * under the temp dir keyed by a hash of the migrations and of this file, so a second run reuses it.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openNodeDatabase } from '../src/db/migrate-node.ts';
import { defaultSettings } from '../src/domain/settings.ts';

export const OUTCOMES = 100_000;
export const READINGS = 1_000_000;
export const PEOPLE = 1_000;
export const PROJECTS = 50;
const DAY = 86_400_000;

/** Who the benchmark signs in as: the PMO (sees everything) and a manager with 19 reports. */
export const PMO = { personId: 'pmo', address: 'UPMO' };
export const MANAGER = { personId: 'p20', address: 'U20' };

async function migrationsHash(): Promise<string> {
  const dir = join(import.meta.dirname, '../migrations');
  const hash = createHash('sha256');
  for (const f of (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort()) hash.update(f).update(await readFile(join(dir, f)));
  // The journal too: the migrator knows what is applied by the journal's timestamps.
  hash.update(await readFile(join(dir, 'meta/_journal.json')));
  hash.update(await readFile(import.meta.filename));
  return hash.digest('hex').slice(0, 16);
}

/** `n` rows numbered 0 … n−1, the source of every bulk insert. */
const counter = (n: number) => `with recursive n(i) as (select 0 union all select i + 1 from n where i < ${n - 1})`;

/** The statements that fill the database; `t0` is the oldest submission, `now` the newest. */
function fill(t0: number, now: number): string[] {
  const span = now - t0;
  const settings = JSON.stringify({ ...defaultSettings('UTC', 'en'), pmoReviewers: [PMO.address] });
  // Outcome i: verified 6 in 10, else submitted / manager_approved / changes_requested / rejected.
  const status = `case when i % 10 < 6 then 'verified' when i % 10 = 6 then 'submitted' when i % 10 = 7 then 'manager_approved' when i % 10 = 8 then 'changes_requested' else 'rejected' end`;
  const at = `(${t0} + (i * ${Math.floor(span / OUTCOMES)}))`;
  return [
    `insert into workspaces (id, platform, external_id, name, installed_by, settings, created_at) values ('ws', 'slack', 'T1', 'Scale', 'UADMIN', '${settings}', ${t0})`,
    `insert into people (id, workspace_id, platform_user_id, name, created_at) values ('pmo', 'ws', 'UPMO', 'PMO', ${t0}), ('admin', 'ws', 'UADMIN', 'Admin', ${t0})`,
    // Every 20th person manages the next 19.
    `${counter(PEOPLE)} insert into people (id, workspace_id, platform_user_id, name, manager_id, created_at)
       select 'p' || i, 'ws', 'U' || i, 'Person ' || i, case when i % 20 = 0 then null else 'p' || (i / 20 * 20) end, ${t0} from n`,
    `${counter(PROJECTS)} insert into projects (id, workspace_id, name, created_at) select 'pr' || i, 'ws', 'Project ' || printf('%02d', i), ${t0} from n`,
    `${counter(OUTCOMES)} insert into outcomes (id, workspace_id, project_id, title, description, indicator_class, status, submitter_id, owner_id, reviewer_id, round, due_on, cost, benefit, submitted_at, verified_at, created_at, updated_at)
       select 'o' || printf('%06d', i), 'ws', 'pr' || (i % ${PROJECTS}), 'Outcome ' || i || ', "scale"', 'bench', case i % 3 when 0 then 'process' when 1 then 'output' else 'impact' end,
         ${status}, 'p' || (i % ${PEOPLE}), 'p' || (i % ${PEOPLE}),
         case when i % 10 = 6 then 'p' || (i % ${PEOPLE} / 20 * 20) when i % 10 = 7 then 'pmo' else null end, 1, strftime('%Y-%m-%d', (${at} + 30 * ${DAY}) / 1000, 'unixepoch'),
         case when i % 4 = 0 then 10000 + (i % 97) * 100 else null end, case when i % 4 = 0 then 8000 + (i % 89) * 250 else null end,
         ${at}, case when i % 10 < 6 then ${at} + 5 * ${DAY} else null end, ${at} - ${DAY}, ${at} + 5 * ${DAY} from n`,
    // Metric m<i> on every outcome (increase 100 → 150), n<i> on every second one (decrease 50 → 30).
    `${counter(OUTCOMES)} insert into metrics (id, workspace_id, outcome_id, position, name, unit, direction, baseline, target, actual, created_at)
       select 'm' || i, 'ws', 'o' || printf('%06d', i), 0, 'Throughput', '/h', 'increase', 100, 150, case when i % 10 < 6 then 100 + (i % 80) else null end, ${t0} from n`,
    `${counter(OUTCOMES / 2)} insert into metrics (id, workspace_id, outcome_id, position, name, unit, direction, baseline, target, actual, created_at)
       select 'n' || (i * 2), 'ws', 'o' || printf('%06d', i * 2), 1, 'Waiting time', 'min', 'decrease', 50, 30, case when (i * 2) % 10 < 6 then 50 - (i % 30) else null end, ${t0} from n`,
    // Ten readings per m-metric, daily after the outcome's submission.
    `${counter(READINGS)} insert into metric_readings (id, workspace_id, metric_id, value, measured_at, source, created_at)
       select 'r' || i, 'ws', 'm' || (i % ${OUTCOMES}), 100 + (i / ${OUTCOMES}) * 3 + (i % 7), ${t0} + ((i % ${OUTCOMES}) * ${Math.floor(span / OUTCOMES)}) + (i / ${OUTCOMES}) * ${DAY}, 'api', ${t0} from n`,
    // Verified outcomes: a manager and a PMO approval with scores; a first review 90 days on, done for the older half.
    `${counter(OUTCOMES)} insert into reviews (id, workspace_id, outcome_id, round, stage, reviewer_id, decision, comment, impact, difficulty, innovation, decided_at)
       select 'rm' || i, 'ws', 'o' || printf('%06d', i), 1, 'manager', 'p' || (i % ${PEOPLE} / 20 * 20), 'approved', 'ok', 1 + i % 5, 1 + i % 4, 1 + i % 3, ${at} + ${DAY} from n where i % 10 < 6`,
    `${counter(OUTCOMES)} insert into reviews (id, workspace_id, outcome_id, round, stage, reviewer_id, decision, comment, impact, difficulty, innovation, decided_at)
       select 'rp' || i, 'ws', 'o' || printf('%06d', i), 1, 'pmo', 'pmo', 'approved', null, 1 + i % 5, 1 + (i + 1) % 5, 1 + (i + 2) % 5, ${at} + 5 * ${DAY} from n where i % 10 < 6`,
    `${counter(OUTCOMES)} insert into review_schedules (id, workspace_id, outcome_id, kind, due_at, status, created_at)
       select 's' || i, 'ws', 'o' || printf('%06d', i), 'first', ${at} + 95 * ${DAY}, case when i < ${OUTCOMES / 2} then 'done' when i % 20 = 0 then 'notified' else 'scheduled' end, ${at} from n where i % 10 < 6`,
    `${counter(PROJECTS * 2)} insert into surveys (id, workspace_id, project_id, question, kind, audience, started_by, status, closes_at, created_at)
       select 'sv' || i, 'ws', 'pr' || (i % ${PROJECTS}), 'How likely are you to recommend it?', case when i < ${PROJECTS} then 'baseline' else 'follow_up' end, '["U1","U2"]', 'pmo',
         'closed', ${now}, ${t0} + i * ${DAY} from n`,
    `${counter(PROJECTS * 2 * 50)} insert into survey_responses (id, workspace_id, survey_id, respondent_id, score, answered_at)
       select 'sr' || i, 'ws', 'sv' || (i / 50), 'U' || (i % 50), i % 11, ${t0} + (i / 50) * ${DAY} from n`,
  ];
}

/** The path of the built database (building it first when no cached copy matches). */
export async function scaleDatabase(now = Date.now()): Promise<{ path: string; built: boolean; seconds: number }> {
  const path = join(tmpdir(), `outcome-scale-${await migrationsHash()}.db`);
  if (existsSync(path)) return { path, built: false, seconds: 0 };
  const started = performance.now();
  const building = `${path}.building`;
  await rm(building, { force: true });
  const { client } = await openNodeDatabase(`file:${building}`);
  await client.execute('pragma journal_mode = off');
  await client.execute('pragma synchronous = off');
  for (const statement of fill(now - 730 * DAY, now)) await client.execute(statement);
  client.close();
  await rename(building, path);
  return { path, built: true, seconds: (performance.now() - started) / 1000 };
}

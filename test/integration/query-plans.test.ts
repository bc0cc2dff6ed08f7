import type { Client, InStatement } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadViewer } from '../../src/web/context/viewer.ts';
import { libsqlDb } from '../../src/db/libsql.ts';
import type { Db } from '../../src/db/client.ts';
import { similarOutcomes } from '../../src/db/queries/kb-search.ts';
import { loadOkrRows } from '../../src/db/queries/okr.ts';
import { readOutcomeParts } from '../../src/db/queries/outcomes.ts';
import { loadMy } from '../../src/web/queries/my.ts';
import { loadNps } from '../../src/web/queries/nps.ts';
import { loadPortfolio } from '../../src/web/queries/portfolio.ts';
import { loadDueReviews } from '../../src/web/queries/reviews.ts';
import { loadValue } from '../../src/web/queries/value.ts';
import { exportRows } from '../../src/web/queries/export.ts';
import { createKit } from '../../src/web/render/kit.ts';
import { buildWorld, NOW, O, P, W } from '../fixtures/web/world.ts';
import { freshDb } from '../helpers/db.ts';

/**
 * The dashboard's hot queries use an index (issue 11 point 4): each page's loader runs on a
 * recording client, and every SELECT it sent is explained. A full scan of a big table (SCAN
 * without an index), or a temporary sort of the outcome list, fails the test. Plans, not
 * timings: the timings are in bench/scale.ts.
 */
const BIG = ['outcomes', 'metrics', 'metric_readings', 'reviews', 'review_schedules', 'survey_responses'];

let database: Awaited<ReturnType<typeof freshDb>>;
let db: Db;
const sent: { sql: string; args: unknown[] }[] = [];

function recording(client: Client): Client {
  return new Proxy(client, {
    get(target, key) {
      const value = Reflect.get(target, key, target) as unknown;
      if (key === 'execute')
        return (stmt: InStatement, args?: unknown[]) => {
          const s = typeof stmt === 'string' ? { sql: stmt, args: args ?? [] } : { sql: stmt.sql, args: (stmt.args as unknown[]) ?? [] };
          if (/^\s*select/i.test(s.sql)) sent.push(s);
          return target.execute(stmt as never);
        };
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

beforeAll(async () => {
  database = await freshDb();
  await buildWorld(database.db);
  db = await libsqlDb(recording(database.client), { local: true });
});
afterAll(() => database.close());

/** The plan lines of every SELECT `run` sent. */
async function plansOf(run: () => Promise<unknown>): Promise<{ sql: string; plan: string[] }[]> {
  sent.length = 0;
  await run();
  const out = [];
  for (const s of [...sent]) {
    const r = await database.client.execute({ sql: `EXPLAIN QUERY PLAN ${s.sql}`, args: s.args as never });
    out.push({ sql: s.sql, plan: r.rows.map((row) => String(row.detail)) });
  }
  return out;
}

const fullScans = (plans: { sql: string; plan: string[] }[]) =>
  plans.flatMap((p) => p.plan.filter((line) => BIG.some((t) => new RegExp(`^SCAN ${t}\\b(?! USING)`).test(line))).map((line) => `${line}  ←  ${p.sql}`));

const viewer = async (ws: string, person: string) => (await loadViewer(db, { workspaceId: ws, personId: person, via: 'slack', exp: NOW.getTime() + 1000 }))!;
const NO_FILTERS = { project: null, status: null, from: null, to: null, fromAt: null, toAt: null };

describe('query plans of the dashboard', () => {
  it('the portfolio (PMO, every sort) reads through indexes and sorts the list by index', async () => {
    const v = await viewer(W.a, P.pmo);
    for (const sort of ['newest', 'attainment', 'title'] as const) {
      const plans = await plansOf(() => loadPortfolio(db, v, { ...NO_FILTERS, sort, after: null }, NOW));
      expect(fullScans(plans)).toEqual([]);
      const list = plans.filter((p) => /order by/i.test(p.sql) && /limit/i.test(p.sql) && /"outcomes"."title"/.test(p.sql) && /inner join "people"/.test(p.sql));
      expect(list.length).toBeGreaterThan(0);
      for (const p of list) expect(p.plan.join('\n')).not.toContain('USE TEMP B-TREE FOR ORDER BY');
      expect(plans.map((p) => p.plan.join(' ')).join('\n')).toMatch(sort === 'newest' ? /outcomes_list_newest/ : sort === 'title' ? /outcomes_list_title/ : /outcomes_list_attainment/);
    }
  });

  it('the counts, the matrix and the heat map read the rollups, not the outcomes, over all periods', async () => {
    const v = await viewer(W.a, P.pmo);
    const plans = await plansOf(() => loadPortfolio(db, v, NO_FILTERS, NOW));
    const grouped = plans.filter((p) => /group by/i.test(p.sql));
    expect(grouped.length).toBe(3);
    for (const p of grouped) expect(p.sql).toContain('"outcome_rollups"');
    for (const p of grouped) expect(p.plan.join(' ')).toMatch(/outcome_rollups/);
  });

  it('the OKR page finds the linked outcomes by their key result, not by walking the workspace', async () => {
    const plans = (await plansOf(() => loadOkrRows(db, W.a, { personId: P.pmo, seesAll: true }))).filter((p) => /key_result_id/.test(p.sql) && /"outcomes"/.test(p.sql));
    expect(plans.length).toBe(3);
    for (const p of plans) expect(p.plan.join(' ')).toContain('outcomes_key_result');
  });

  it('similar outcomes count each piece from the text index outward, never by testing MATCH on every document', async () => {
    const [counts] = (await plansOf(() => similarOutcomes(db, W.a, 'Shorter waiting time', { limit: 5 }))).filter((p) => /count\(\*\)/.test(p.sql));
    const lines = counts!.plan.filter((l) => /kb_fts|kb_docs/.test(l));
    expect(lines.length).toBeGreaterThan(0);
    for (let i = 0; i < lines.length; i += 2) expect([lines[i], lines[i + 1]]).toEqual([expect.stringMatching(/^SCAN kb_fts VIRTUAL TABLE/), expect.stringMatching(/^SEARCH kb_docs USING INTEGER PRIMARY KEY/)]);
  });

  it('the value page ranks from the index ends: highest attainment and highest ROI', async () => {
    const pmo = await viewer(W.a, P.pmo);
    const plans = (await plansOf(() => loadValue(db, pmo))).map((p) => p.plan.join(' ')).join('\n');
    expect(plans).toContain('outcomes_top_attainment');
    expect(plans).toContain('outcomes_top_roi');
    expect(plans).not.toMatch(/SCAN reviews/);
  });

  it('value, reviews, NPS, my page and the export page: no full scan of a big table', async () => {
    const pmo = await viewer(W.a, P.pmo);
    const member = await viewer(W.a, P.member);
    const kit = createKit('en', 'UTC');
    const runs: [string, () => Promise<unknown>][] = [
      ['value (PMO)', () => loadValue(db, pmo)],
      ['value (member)', () => loadValue(db, member)],
      ['reviews', () => loadDueReviews(db, pmo, NOW)],
      ['nps', () => loadNps(db, pmo)],
      ['my', () => loadMy(db, member, NOW)],
      ['export', async () => {
        for await (const _ of exportRows(db, pmo, NO_FILTERS, kit));
      }],
    ];
    for (const [name, run] of runs) expect({ name, scans: fullScans(await plansOf(run)) }).toEqual({ name, scans: [] });
  });

  it('NPS answers by workspace, the my page by owner, reviews by workspace use their new indexes', async () => {
    const member = await viewer(W.a, P.member);
    const joined = async (run: () => Promise<unknown>) => (await plansOf(run)).map((p) => p.plan.join(' ')).join('\n');
    expect(await joined(() => loadNps(db, member))).toContain('survey_responses_workspace');
    expect(await joined(() => loadMy(db, member, NOW))).toContain('outcomes_owner');
    const pmo = await viewer(W.a, P.pmo);
    expect(await joined(() => loadDueReviews(db, pmo, NOW))).toContain('review_schedules_workspace_due');
    // A reader who sees only some outcomes: found by who they are, not by walking the workspace in list order.
    for (const sort of ['newest', 'attainment', 'title'] as const) {
      const plans = await joined(() => loadPortfolio(db, member, { ...NO_FILTERS, sort, after: null }, NOW));
      expect(plans).toMatch(/outcomes_submitter|MULTI-INDEX OR/);
      expect(plans).not.toMatch(/outcomes_list_/);
    }
  });

  it('an outcome\'s card read finds its people by their keys, not by walking the workspace\'s people', async () => {
    // Every card, click and message reads it; walking the people was 1–3 ms in a workspace of 1,000.
    const plans = await plansOf(() => readOutcomeParts(db, W.a, O.peer, { ids: [P.pmo], addresses: ['U_NOBODY'] }));
    const plan = plans.map((p) => p.plan.join('\n')).join('\n');
    expect(plan).toMatch(/SEARCH people USING INDEX sqlite_autoindex_people_1 \(id=\?\)/);
    expect(plan).not.toMatch(/SEARCH people USING INDEX people_workspace_user \(workspace_id=\?\)$/m);
    expect(plan).not.toMatch(/SCAN people\b/);
  });
});

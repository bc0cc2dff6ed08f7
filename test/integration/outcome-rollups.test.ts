import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadViewer } from '../../src/web/context/viewer.ts';
import { loadPortfolio } from '../../src/web/queries/portfolio.ts';
import { loadValue } from '../../src/web/queries/value.ts';
import { buildWorld, NOW, P, W } from '../fixtures/web/world.ts';
import { freshDb } from '../helpers/db.ts';

/**
 * outcome_rollups and the outcomes' score sums are kept by triggers (migration outcome_rollups),
 * whichever path writes. After a few hundred random writes of every kind straight in SQL
 * (inserts, status and project changes, verifications, metric actuals, costs, scored and
 * unscored reviews, deletes), the rollups equal the same figures aggregated from the outcomes
 * afresh, and the portfolio over all periods (rollups) equals the portfolio over a period that
 * holds everything (live aggregates).
 */
let database: Awaited<ReturnType<typeof freshDb>>;
beforeAll(async () => {
  database = await freshDb();
  await buildWorld(database.db);
});
afterAll(() => database.close());

/** A small deterministic PRNG (mulberry32), so a failure replays. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FRESH = `
  SELECT workspace_id AS ws, status, coalesce(project_id, '') AS project, coalesce(indicator_class, '') AS cls,
    CASE WHEN verified_at IS NULL THEN '' ELSE strftime('%Y-%m', verified_at / 1000, 'unixepoch') END AS month,
    count(*) AS n, count(attainment) AS measured, coalesce(sum(attainment), 0) AS attainment_sum,
    sum(CASE WHEN cost > 0 AND benefit IS NOT NULL THEN 1 ELSE 0 END) AS costed,
    sum(CASE WHEN cost > 0 AND benefit IS NOT NULL THEN cost ELSE 0 END) AS cost_sum,
    sum(CASE WHEN cost > 0 AND benefit IS NOT NULL THEN benefit ELSE 0 END) AS benefit_sum,
    sum(s.n) AS scored, sum(s.i) AS impact_sum, sum(s.d) AS difficulty_sum, sum(s.v) AS innovation_sum
  FROM outcomes LEFT JOIN (
    SELECT outcome_id, count(*) AS n, sum(impact) AS i, sum(difficulty) AS d, sum(innovation) AS v FROM reviews
    WHERE impact IS NOT NULL AND difficulty IS NOT NULL AND innovation IS NOT NULL GROUP BY outcome_id
  ) s ON s.outcome_id = outcomes.id
  GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`;
const ROLLED = `
  SELECT workspace_id AS ws, status, project_id AS project, indicator_class AS cls, verified_month AS month, n, measured, attainment_sum,
    costed, cost_sum, benefit_sum, scored, impact_sum, difficulty_sum, innovation_sum
  FROM outcome_rollups WHERE n > 0 ORDER BY 1, 2, 3, 4, 5`;

type Figures = Record<string, string | number | null>;
const KEYS = ['ws', 'status', 'project', 'cls', 'month'];
async function rows(sql: string): Promise<Figures[]> {
  const r = await database.client.execute(sql);
  // The figures as numbers: scores summed over no scored review are NULL afresh and 0 in the rollups.
  return r.rows.map((row) => Object.fromEntries(r.columns.map((c) => [c, KEYS.includes(c) ? (row[c] as string) : Number(row[c] ?? 0)])));
}

function expectSame(actual: Figures[], expected: Figures[]) {
  expect(actual.map((r) => [r.ws, r.status, r.project, r.cls, r.month])).toEqual(expected.map((r) => [r.ws, r.status, r.project, r.cls, r.month]));
  actual.forEach((r, i) => {
    for (const [k, v] of Object.entries(expected[i]!)) if (typeof v === 'number') expect(r[k], `${k} of ${JSON.stringify(expected[i])}`).toBeCloseTo(v, 6);
  });
}

const STATUSES = ['draft', 'submitted', 'manager_approved', 'verified', 'changes_requested', 'rejected'];
const PROJECTS = ["'pr-a'", "'pr-a2'", 'NULL'];
const CLASSES = ["'process'", "'output'", "'impact'", 'NULL'];

describe('outcome_rollups', () => {
  it('holds after the world is built: the same figures as aggregated afresh', async () => {
    expectSame(await rows(ROLLED), await rows(FRESH));
  });

  it('holds after 400 random writes of every kind, straight in SQL', async () => {
    const rnd = random(11);
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
    const ids: string[] = ['o-mem', 'o-peer', 'o-other'];
    const score = () => (rnd() < 0.2 ? 'NULL' : String(1 + Math.floor(rnd() * 5)));
    for (let i = 0; i < 400; i++) {
      const id = pick(ids);
      const at = NOW.getTime() - Math.floor(rnd() * 400) * 86_400_000;
      const statements: Record<string, () => string> = {
        insert: () => {
          const nid = `r${i}`;
          ids.push(nid);
          const status = pick(STATUSES);
          return `INSERT INTO outcomes (id, workspace_id, project_id, title, indicator_class, status, submitter_id, round, cost, benefit, created_at, verified_at)
            VALUES ('${nid}', 'ws-a', ${pick(PROJECTS)}, 'R ${i}', ${pick(CLASSES)}, '${status}', 'p-mem', 1, ${pick(['NULL', '0', '120', '-5'])}, ${pick(['NULL', '300', '40'])}, ${at}, ${status === 'verified' ? at : 'NULL'})`;
        },
        status: () => `UPDATE outcomes SET status = '${pick(STATUSES)}', verified_at = ${rnd() < 0.5 ? at : 'NULL'} WHERE id = '${id}'`,
        project: () => `UPDATE outcomes SET project_id = ${pick(PROJECTS)}, indicator_class = ${pick(CLASSES)} WHERE id = '${id}'`,
        money: () => `UPDATE outcomes SET cost = ${pick(['NULL', '0', '80', '1000'])}, benefit = ${pick(['NULL', '10', '5000'])} WHERE id = '${id}'`,
        untouched: () => `UPDATE outcomes SET updated_at = ${at}, title = 'touched' WHERE id = '${id}'`,
        metric: () => `INSERT INTO metrics (id, workspace_id, outcome_id, name, direction, baseline, target, actual, position, created_at) VALUES ('m${i}', 'ws-a', '${id}', 'M', 'increase', 0, 10, ${pick(['NULL', '4', '12', '0'])}, ${i}, ${at})`,
        actual: () => `UPDATE metrics SET actual = ${pick(['NULL', '3', '9', '15'])} WHERE outcome_id = '${id}'`,
        review: () => `INSERT OR IGNORE INTO reviews (id, workspace_id, outcome_id, round, stage, reviewer_id, decision, impact, difficulty, innovation, decided_at)
            VALUES ('v${i}', 'ws-a', '${id}', ${1 + Math.floor(rnd() * 3)}, '${pick(['manager', 'pmo'])}', 'p-mgr', 'approve', ${score()}, ${score()}, ${score()}, ${at})`,
        rescore: () => `UPDATE reviews SET impact = ${score()} WHERE outcome_id = '${id}'`,
        unreview: () => `DELETE FROM reviews WHERE id IN (SELECT id FROM reviews WHERE outcome_id = '${id}' LIMIT 1)`,
        remove: () => {
          ids.splice(ids.indexOf(id), 1);
          return `DELETE FROM outcomes WHERE id = '${id}'`;
        },
      };
      const kind = pick(Object.keys(statements).filter((k) => k !== 'remove' || ids.length > 5));
      await database.client.execute(statements[kind]!());
    }
    // The last writes verify a third of them, so the pages below have verified outcomes to show.
    await database.client.execute(`UPDATE outcomes SET status = 'verified', verified_at = ${NOW.getTime() - 30 * 86_400_000} WHERE id IN (${ids.filter((_, i) => i % 3 === 0).map((id) => `'${id}'`).join(', ')})`);
    expect(ids.length).toBeGreaterThan(20);
    expectSame(await rows(ROLLED), await rows(FRESH));
    const scores = await database.client.execute(`SELECT count(*) AS n FROM outcomes o WHERE o.scored_reviews <> (SELECT count(*) FROM reviews r WHERE r.outcome_id = o.id AND impact IS NOT NULL AND difficulty IS NOT NULL AND innovation IS NOT NULL)
      OR o.impact_sum <> (SELECT coalesce(sum(impact), 0) FROM reviews r WHERE r.outcome_id = o.id AND impact IS NOT NULL AND difficulty IS NOT NULL AND innovation IS NOT NULL)`);
    expect(Number(scores.rows[0]!.n)).toBe(0);
  });

  it('the portfolio over all periods (rollups) equals the portfolio over a period holding everything (live)', async () => {
    const v = (await loadViewer(database.db, { workspaceId: W.a, personId: P.pmo, via: 'slack', exp: NOW.getTime() + 1000 }))!;
    const none = { project: null, status: null, from: null, to: null, fromAt: null, toAt: null };
    const everything = { ...none, from: '2000-01-01', to: '2100-01-01', fromAt: new Date('2000-01-01T00:00:00Z'), toAt: new Date('2100-01-01T00:00:00Z') };
    for (const project of [null, 'pr-a']) {
      const [rolled, live] = await Promise.all([loadPortfolio(database.db, v, { ...none, project }, NOW), loadPortfolio(database.db, v, { ...everything, project }, NOW)]);
      const figures = (d: typeof rolled) => JSON.parse(JSON.stringify({ matrix: d.matrix, classTotals: d.classTotals, heat: d.heat, counts: d.counts }), (_k, x) => (typeof x === 'number' ? Math.round(x * 1e9) / 1e9 : x));
      expect(figures(rolled)).toEqual(figures(live));
      expect(rolled.counts.find((c) => c.group === 'verified')!.count).toBeGreaterThan(0);
    }
  });

  it('the value page of the PMO (rollups) has the score means of the verified outcomes', async () => {
    const v = (await loadViewer(database.db, { workspaceId: W.a, personId: P.pmo, via: 'slack', exp: NOW.getTime() + 1000 }))!;
    const d = await loadValue(database.db, v);
    const fresh = await database.client.execute(`SELECT count(*) AS n, avg(impact) AS impact FROM reviews r JOIN outcomes o ON o.id = r.outcome_id
      WHERE o.workspace_id = 'ws-a' AND o.status = 'verified' AND impact IS NOT NULL AND difficulty IS NOT NULL AND innovation IS NOT NULL`);
    expect(d.scores.n).toBe(Number(fresh.rows[0]!.n));
    expect(d.scores.n).toBeGreaterThan(0);
    expect(d.scores.overall!.impact).toBeCloseTo(Number(fresh.rows[0]!.impact), 9);
  });
});

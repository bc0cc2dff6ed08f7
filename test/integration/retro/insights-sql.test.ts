/**
 * The insights' numbers from SQL on a real migrated libsql database: n, median, quartiles and
 * range per indicator class, template, project type and project, over verified outcomes of
 * the last months that the reader may see; then the claims made from them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInsightGroups } from '../../../src/db/queries/insights.ts';
import { loadInsights } from '../../../src/views/insights.ts';
import { ago, P, seedInsights, W } from '../../fixtures/insights.ts';
import { NOW } from '../../fixtures/web/world.ts';
import { freshDb } from '../../helpers/db.ts';


describe('insights over SQL', () => {
  let database: Awaited<ReturnType<typeof freshDb>>;
  beforeAll(async () => {
    database = await freshDb();
    await seedInsights(database.db);
  });
  afterAll(() => database.close());

  const pmo = { personId: P.pmo, seesAll: true };
  const group = async (dimension: string, key: string, measure: string, reader = pmo) =>
    (await readInsightGroups(database.db, W.a, reader, ago(180))).find((g) => g.dimension === dimension && g.key === key && g.measure === measure);

  it('computes n, mean, median, nearest-rank quartiles and range per group in SQL', async () => {
    // Impact attainment: 0.7, 0.8, 0.9, 1.0 → median 0.85, Q1 0.7, Q3 0.9 (nearest rank), range 0.7–1.0.
    const impact = (await group('class', 'impact', 'attainment'))!;
    expect(impact).toMatchObject({ n: 4, q1: 0.7, q3: 0.9, min: 0.7, max: 1 });
    expect(impact.median).toBeCloseTo(0.85);
    expect(impact.mean).toBeCloseTo(0.85);
    // Impact ROI: only the three with cost and benefit: 1, 2, 3.
    expect(await group('class', 'impact', 'roi')).toMatchObject({ n: 3, median: 2, q1: 1, q3: 3, min: 1, max: 3 });
    expect(await group('class', 'output', 'attainment')).toMatchObject({ n: 3, median: 0.5, q1: 0.4, q3: 0.6, min: 0.4, max: 0.6 });
    // The old process outcome is outside the six months; the draft is not verified.
    expect(await group('class', 'process', 'attainment')).toMatchObject({ n: 1 });
    expect(await group('project_kind', 'growth', 'attainment')).toMatchObject({ n: 4, label: 'growth' });
    expect(await group('project', 'pr-pl', 'attainment')).toMatchObject({ n: 4, label: 'Platform' });
    expect(await group('template', 'builtin.nps', 'attainment')).toMatchObject({ n: 3, median: 0.9 });
  });

  it('counts only the outcomes the reader may see', async () => {
    expect(await group('class', 'impact', 'attainment', { personId: P.member, seesAll: false })).toBeUndefined();
  });

  it('ranks groups of at least 3 and says so in both languages; the single process outcome is never ranked', async () => {
    const v = await loadInsights(database.db, W.a, pmo, NOW, 6, 'Asia/Shanghai');
    const classes = v.claims.filter((c) => c.dimension === 'class');
    expect(classes.map((c) => [c.measure, c.kind, c.kind === 'best' ? c.best.key : null])).toEqual([
      ['attainment', 'best', 'impact'],
      ['roi', 'best', 'impact'],
    ]);
    expect(v.sentences.en).toContain(
      'Over the last 6 months, by indicator class, Impact had the highest verified attainment: median 85% (middle half 70%–90%, range 70%–100%, n = 4), ahead of Output (median 50%, n = 3). 1 group with fewer than 3 outcomes is not compared.',
    );
    expect(v.sentences.en.some((s) => s.includes('by template, only Net Promoter Score has enough verified outcomes'))).toBe(true);
    expect(v.sentences['zh-CN'].some((s) => s.includes('按指标类别看，“成效指标”的已验证达成率最高'))).toBe(true);
    expect(v.sentences.en.join(' ')).not.toContain('Process had');
  });

  it('reuses the whole-workspace groups while no verified outcome changed (for an hour at most), and recomputes after a change', async () => {
    const at = (ms: number) => loadInsights(database.db, W.a, pmo, new Date(NOW.getTime() + ms), 6, 'Asia/Shanghai');
    const templateN = (v: Awaited<ReturnType<typeof at>>) => v.sentences.en.find((s) => s.includes('by template'));
    const first = await at(0);
    // A change the fingerprint does not see (a template key; no verified figure moved): the groups are reused...
    await database.client.execute("UPDATE metrics SET template_key = 'builtin.nps' WHERE outcome_id = 'i4'");
    expect(templateN(await at(60_000))).toBe(templateN(first));
    // ...for an hour at most.
    const later = await at(2 * 3_600_000);
    expect(templateN(later)).not.toBe(templateN(first));
    // A verified outcome's actual moves: its attainment, so the rollups' fingerprint, changes and the groups follow at once.
    await database.client.execute("UPDATE metrics SET actual = 10 WHERE outcome_id = 'i1'");
    const moved = await at(2 * 3_600_000 + 60_000);
    expect(moved.claims).not.toEqual(later.claims);
    await database.client.execute("UPDATE metrics SET actual = 90, template_key = 'builtin.nps' WHERE outcome_id = 'i1'");
    await database.client.execute("UPDATE metrics SET template_key = NULL WHERE outcome_id = 'i4'");
  });
});

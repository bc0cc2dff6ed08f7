import { describe, expect, it } from 'vitest';
import { insightSentences } from './insight-text.ts';
import { INSIGHT_MIN_N, judgeInsights, type InsightGroup } from './insights.ts';

const g = (key: string, n: number, median: number, over: Partial<InsightGroup> = {}): InsightGroup => ({
  dimension: 'class',
  measure: 'attainment',
  key,
  label: key,
  n,
  mean: median,
  median,
  q1: median - 0.1,
  q3: median + 0.05,
  min: median - 0.2,
  max: median + 0.1,
  ...over,
});

describe('judgeInsights', () => {
  it('claims nothing from a group of fewer than 3, however high its numbers', () => {
    expect(INSIGHT_MIN_N).toBe(3);
    const claims = judgeInsights([g('impact', 2, 1), g('output', 2, 0.9), g('process', 1, 0.95)]);
    expect(claims).toEqual([{ kind: 'too_few', dimension: 'class', measure: 'attainment', outcomes: 5, groups: 3 }]);
  });

  it('ranks only the groups with enough outcomes: a better group of 2 is left out, not ranked above', () => {
    const claims = judgeInsights([g('impact', 2, 1), g('output', 3, 0.6), g('process', 4, 0.8)]);
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatchObject({ kind: 'best', best: { key: 'process' }, next: { key: 'output' }, compared: 2, leftOut: 1 });
  });

  it('with one group of enough outcomes gives its numbers but no ranking', () => {
    expect(judgeInsights([g('impact', 3, 0.7), g('output', 1, 0.9)])).toEqual([{ kind: 'only', dimension: 'class', measure: 'attainment', group: g('impact', 3, 0.7), leftOut: 1 }]);
  });

  it('breaks a tie on the median by the mean, then by n', () => {
    const claims = judgeInsights([g('a', 3, 0.8, { mean: 0.7 }), g('b', 3, 0.8, { mean: 0.75 }), g('c', 5, 0.8, { mean: 0.75 })]);
    expect(claims[0]).toMatchObject({ best: { key: 'c' }, next: { key: 'b' } });
  });

  it('judges each dimension and measure apart, and says nothing where there is no group', () => {
    const claims = judgeInsights([g('impact', 3, 0.7), g('output', 3, 0.5), g('p1', 3, 1.5, { dimension: 'project', measure: 'roi' }), g('p2', 2, 0.2, { dimension: 'project', measure: 'roi' })]);
    expect(claims.map((c) => [c.dimension, c.measure, c.kind])).toEqual([
      ['class', 'attainment', 'best'],
      ['project', 'roi', 'only'],
    ]);
  });
});

describe('insightSentences', () => {
  it('states the winner with n and the spread, in English with plurals and in Chinese', () => {
    const claims = judgeInsights([g('impact', 4, 0.85), g('output', 3, 0.6), g('process', 1, 1)]);
    expect(insightSentences(claims, 6, 'en')).toEqual([
      'Over the last 6 months, by indicator class, Impact had the highest verified attainment: median 85% (middle half 75%–90%, range 65%–95%, n = 4), ahead of Output (median 60%, n = 3). 1 group with fewer than 3 outcomes is not compared.',
    ]);
    expect(insightSentences(claims, 1, 'zh-CN')[0]).toBe(
      '最近 1 个月，按指标类别看，“成效指标”的已验证达成率最高：中位数 85%（中间一半 75%–90%，范围 65%–95%，n = 4），高于“产出指标”（中位数 60%，n = 3）。 另有 1 个少于 3 项成果的分组未参与比较。',
    );
    expect(insightSentences(claims, 1, 'en')[0]).toMatch(/^Over the last 1 month, /);
  });

  it('says why nothing is claimed when every group is too small, and names templates in the reader’s language', () => {
    const template = g('builtin.nps', 2, 0.9, { dimension: 'template', names: { en: 'Net Promoter Score', 'zh-CN': '净推荐值（NPS）' } });
    const only = g('builtin.nps', 3, 0.9, { dimension: 'template', names: { en: 'Net Promoter Score', 'zh-CN': '净推荐值（NPS）' } });
    expect(insightSentences(judgeInsights([template]), 6, 'en')).toEqual([
      'Over the last 6 months, by template: 2 verified outcomes in 1 group, too few to say anything about attainment (each group needs at least 3).',
    ]);
    expect(insightSentences(judgeInsights([only]), 6, 'zh-CN')[0]).toContain('只有“净推荐值（NPS）”');
  });
});

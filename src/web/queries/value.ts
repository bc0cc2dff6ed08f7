import type { Db } from '../../db/client.ts';
import { readValueRows } from '../../db/queries/value.ts';
import { changePct } from '../../domain/metrics.ts';
import { roi } from '../../domain/roi.ts';
import { meanScores } from '../../domain/scores.ts';
import type { IndicatorClass, ScoreCard } from '../../domain/types.ts';
import { readerOf } from '../context/viewer.ts';
import { loadInsights, type InsightsView } from '../../views/insights.ts';
import type { Viewer } from '../env.ts';
import { improvement } from './improvement.ts';

export interface ValueData {
  /** Metrics with a measured actual, largest improvement first. */
  improvements: { outcomeId: string; title: string; projectName: string | null; metric: string; unit: string; baseline: number; actual: number; changePct: number | null; improvement: number | null }[];
  roi: { outcomeId: string; title: string; projectName: string | null; cost: number; benefit: number; roi: number | null }[];
  /** Σbenefit and Σcost over the listed outcomes, and their ROI. */
  roiTotal: { cost: number; benefit: number; roi: number | null } | null;
  scores: { overall: ScoreCard | null; n: number; byProject: { name: string; scores: ScoreCard | null; n: number }[]; byClass: { indicatorClass: IndicatorClass; scores: ScoreCard | null; n: number }[] };
  /** What created value (src/domain/insights.ts), when asked for. */
  insights?: InsightsView;
}

/** The value page, over the outcomes this viewer may see (members: their own). */
export async function loadValue(db: Db, v: Viewer, limit = 15, insights?: { now: Date; months: number }): Promise<ValueData> {
  const { measured, costed, scored } = await readValueRows(db, v.workspace.id, readerOf(v));
  const insightsView = insights ? await loadInsights(db, v.workspace.id, readerOf(v), insights.now, insights.months, v.timeZone) : undefined;

  const improvements = measured
    .map((m) => ({ ...m, actual: m.actual!, changePct: changePct(m.baseline, m.actual!), improvement: improvement(m) }))
    .sort((a, b) => (b.improvement ?? -Infinity) - (a.improvement ?? -Infinity))
    .slice(0, limit)
    .map(({ direction: _d, ...rest }) => rest);

  const roiRows = costed.map((o) => ({ ...o, cost: o.cost!, benefit: o.benefit!, roi: roi(o.cost, o.benefit) })).sort((a, b) => (b.roi ?? -Infinity) - (a.roi ?? -Infinity));
  const sum = (k: 'cost' | 'benefit') => roiRows.reduce((s, r) => s + r[k], 0);
  const roiTotal = roiRows.length ? { cost: sum('cost'), benefit: sum('benefit'), roi: roi(sum('cost'), sum('benefit')) } : null;

  const cards = scored.map((r) => ({ ...r, card: { impact: r.impact!, difficulty: r.difficulty!, innovation: r.innovation! } }));
  const groupBy = <K extends string>(key: (r: (typeof cards)[number]) => K | null) => {
    const groups = new Map<K, ScoreCard[]>();
    for (const r of cards) {
      const k = key(r);
      if (k !== null) groups.set(k, [...(groups.get(k) ?? []), r.card]);
    }
    return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
  };
  return {
    improvements,
    roi: roiRows.slice(0, limit),
    roiTotal,
    scores: {
      overall: meanScores(cards.map((c) => c.card)),
      n: cards.length,
      byProject: groupBy((r) => r.projectName).map(([name, cs]) => ({ name, scores: meanScores(cs), n: cs.length })),
      byClass: groupBy((r) => r.indicatorClass).map(([indicatorClass, cs]) => ({ indicatorClass, scores: meanScores(cs), n: cs.length })),
    },
    ...(insightsView ? { insights: insightsView } : {}),
  };
}

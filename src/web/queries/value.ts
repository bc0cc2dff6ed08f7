import type { Db } from '../../db/client.ts';
import { readValueRows } from '../../db/queries/value.ts';
import { changePct, progress } from '../../domain/metrics.ts';
import { roi } from '../../domain/roi.ts';
import type { IndicatorClass, ScoreCard } from '../../domain/types.ts';
import { readerOf } from '../context/viewer.ts';
import { loadInsights, type InsightsView } from '../../views/insights.ts';
import type { Viewer } from '../env.ts';
import { improvement } from './improvement.ts';

export interface ValueData {
  /** The measured metrics of the verified outcomes of highest attainment, highest first. */
  improvements: { outcomeId: string; title: string; projectName: string | null; attainment: number | null; metric: string; unit: string; baseline: number; target: number; actual: number; changePct: number | null; improvement: number | null; progress: number | null }[];
  /** Measured outcomes not verified yet: not ranked here. */
  unverified: number;
  roi: { outcomeId: string; title: string; projectName: string | null; cost: number; benefit: number; roi: number | null }[];
  /** Σbenefit and Σcost over the verified outcomes with both, and their ROI. */
  roiTotal: { cost: number; benefit: number; roi: number | null } | null;
  /** The workspace's currency (ISO 4217) the cost and benefit are in. */
  currency: string;
  scores: { overall: ScoreCard | null; n: number; byProject: { name: string; scores: ScoreCard | null; n: number }[]; byClass: { indicatorClass: IndicatorClass; scores: ScoreCard | null; n: number }[] };
  /** What created value (src/domain/insights.ts), when asked for. */
  insights?: InsightsView;
}

type Sums = { n: number; impact: number; difficulty: number; innovation: number };
const zero = (): Sums => ({ n: 0, impact: 0, difficulty: 0, innovation: 0 });
const add = (a: Sums, r: Sums) => ((a.n += r.n), (a.impact += Number(r.impact)), (a.difficulty += Number(r.difficulty)), (a.innovation += Number(r.innovation)), a);
const card = (s: Sums): ScoreCard | null => (s.n ? { impact: s.impact / s.n, difficulty: s.difficulty / s.n, innovation: s.innovation / s.n } : null);

/** Score means overall, per project (by name) and per indicator class, from the per project × class sums. */
function scoreMeans(rows: readonly (Sums & { projectId: string | null; indicatorClass: IndicatorClass | null })[], names: Map<string, string>): ValueData['scores'] {
  const overall = zero();
  const byProject = new Map<string, Sums>();
  const byClass = new Map<IndicatorClass, Sums>();
  for (const r of rows) {
    add(overall, r);
    const name = r.projectId ? names.get(r.projectId) : undefined;
    if (name) byProject.set(name, add(byProject.get(name) ?? zero(), r));
    if (r.indicatorClass) byClass.set(r.indicatorClass, add(byClass.get(r.indicatorClass) ?? zero(), r));
  }
  return {
    overall: card(overall),
    n: overall.n,
    byProject: [...byProject].sort(([a], [b]) => a.localeCompare(b)).map(([name, s]) => ({ name, scores: card(s), n: s.n })),
    byClass: [...byClass].sort(([a], [b]) => a.localeCompare(b)).map(([indicatorClass, s]) => ({ indicatorClass, scores: card(s), n: s.n })),
  };
}

/** The value page, over the verified outcomes this viewer may see (members: their own). */
export async function loadValue(db: Db, v: Viewer, limit = 15, insights?: { now: Date; months: number }): Promise<ValueData> {
  const d = await readValueRows(db, v.workspace.id, readerOf(v), limit);
  const insightsView = insights ? await loadInsights(db, v.workspace.id, readerOf(v), insights.now, insights.months, v.timeZone) : undefined;
  const byOutcome = new Map(d.top.map((o, i) => [o.id, { ...o, rank: i }]));
  const improvements = d.measured
    .map((m) => ({ m, o: byOutcome.get(m.outcomeId)! }))
    .sort((a, b) => a.o.rank - b.o.rank)
    .map(({ m, o }) => ({
      outcomeId: o.id,
      title: o.title,
      projectName: o.projectName,
      attainment: o.attainment,
      metric: m.metric,
      unit: m.unit,
      baseline: m.baseline,
      target: m.target,
      actual: m.actual,
      changePct: changePct(m.baseline, m.actual),
      improvement: improvement(m),
      progress: progress(m.baseline, m.target, m.actual),
    }));
  return {
    improvements,
    unverified: d.unverified,
    roi: d.roiRows.map((r) => ({ ...r, roi: roi(r.cost, r.benefit) })),
    roiTotal: d.roiTotal ? { cost: Number(d.roiTotal.cost), benefit: Number(d.roiTotal.benefit), roi: roi(d.roiTotal.cost, d.roiTotal.benefit) } : null,
    currency: v.workspace.settings.currency,
    scores: scoreMeans(d.scores, d.projectNames),
    ...(insightsView ? { insights: insightsView } : {}),
  };
}

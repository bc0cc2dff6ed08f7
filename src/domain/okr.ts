/** OKR link: key-result scores 0.0–1.0 and the objective score as their mean. */
import { assertNoFieldErrors, type FieldError } from './errors.ts';
import { clippedProgress, progress } from './metrics.ts';
import { roi } from './roi.ts';

export const KR_SCORE_MIN = 0;
export const KR_SCORE_MAX = 1;

/** Field problems of a key-result score (empty when it is a finite number in [0, 1]). */
export function validateKrScore(score: number, field = 'score'): FieldError[] {
  if (Number.isFinite(score) && score >= KR_SCORE_MIN && score <= KR_SCORE_MAX) return [];
  return [{ field, key: 'okr.score_out_of_range', params: { min: '0.0', max: '1.0' } }];
}

/** Returns `score` when valid; throws `validation_failed` otherwise. */
export function krScore(score: number): number {
  assertNoFieldErrors(validateKrScore(score));
  return score;
}

/**
 * Objective score = mean of its key-result scores; null when it has none.
 * Throws `validation_failed` (fields `krScores.<i>`) if any score is out of range.
 */
export function objectiveScore(krScores: readonly number[]): number | null {
  if (krScores.length === 0) return null;
  assertNoFieldErrors(krScores.flatMap((s, i) => validateKrScore(s, `krScores.${i}`)));
  return krScores.reduce((sum, s) => sum + s, 0) / krScores.length;
}

const GREEN_FROM = 0.7;
const YELLOW_FROM = 0.4;
// 0.1 + 0.6 = 0.7000000000000001 and (0.5 + 0.9) / 2 = 0.7: a mean that is 0.7 on paper is green.
const EPSILON = 1e-9;

/** Colour band of a score: 0.7 and above green, 0.4 up to (not including) 0.7 yellow, below 0.4 red. */
export type ScoreBand = 'green' | 'yellow' | 'red';

/**
 * The band of a score, null when there is none. The issue names "0.4–0.6 yellow" and "0.7
 * and above green"; a score between 0.6 and 0.7 is yellow (green starts at 0.7 exactly), so
 * the bands leave no gap.
 */
export function scoreBand(score: number | null): ScoreBand | null {
  if (score === null || !Number.isFinite(score)) return null;
  if (score >= GREEN_FROM - EPSILON) return 'green';
  return score >= YELLOW_FROM - EPSILON ? 'yellow' : 'red';
}

/** A metric as attainment needs it: its baseline, target and latest actual (null when unmeasured). */
export interface AttainmentMetric {
  baseline: number;
  target: number;
  actual: number | null;
}

/**
 * How far an outcome got: the mean over its measured metrics of the progress towards each
 * target, (actual − baseline) / (target − baseline) from src/domain/metrics.ts — which is
 * direction-aware by itself, since a "decrease" target lies below its baseline — clamped to
 * [0, 1] per metric, so one over-achieved metric cannot hide another that fell short.
 * Null when no metric is measured (nothing to derive from).
 */
export function outcomeAttainment(metrics: readonly AttainmentMetric[]): number | null {
  const ps = metrics.flatMap((m) => {
    const p = m.actual === null ? null : progress(m.baseline, m.target, m.actual);
    return p === null ? [] : [clippedProgress(p)];
  });
  return ps.length ? ps.reduce((a, b) => a + b, 0) / ps.length : null;
}

/** Where a key result's score comes from. */
export type KrScoreSource = 'manual' | 'derived' | 'none';

/** A key result's score with its source and how many linked outcomes it was derived from. */
export interface KrScoreResult {
  score: number | null;
  source: KrScoreSource;
  /** Linked outcomes with a measured attainment (the derivation's n; 0 for a manual score). */
  outcomes: number;
}

/**
 * A key result's score: set by hand when `manual` is a number (it wins), else the mean of
 * its linked outcomes' attainments (those with none measured are left out), clamped to
 * [0, 1]; no score when neither exists.
 */
export function keyResultScore(manual: number | null, attainments: readonly (number | null)[]): KrScoreResult {
  if (manual !== null) return { score: krScore(manual), source: 'manual', outcomes: 0 };
  const measured = attainments.filter((a): a is number => a !== null && Number.isFinite(a));
  if (!measured.length) return { score: null, source: 'none', outcomes: 0 };
  const mean = measured.reduce((a, b) => a + b, 0) / measured.length;
  return { score: clippedProgress(mean), source: 'derived', outcomes: measured.length };
}

/**
 * An objective's score from its key results' scores: the mean of those that have one
 * ({@link objectiveScore}); null when none has.
 */
export function objectiveScoreOf(krs: readonly { score: number | null }[]): number | null {
  return objectiveScore(krs.flatMap((k) => (k.score === null ? [] : [k.score])));
}

/** ROI rolled up over outcomes: totals of those with both cost and benefit recorded. */
export interface RoiRollup {
  cost: number;
  benefit: number;
  /** (benefit − cost) / cost of the totals; null without a positive total cost. */
  roi: number | null;
  /** Outcomes that counted. */
  outcomes: number;
}

/**
 * ROI of a set of outcomes: the totals' ratio (not the mean of ratios, which a small
 * outcome with a large ratio would dominate), over outcomes that record both values.
 */
export function rollupRoi(items: readonly { cost: number | null; benefit: number | null }[]): RoiRollup {
  const counted = items.filter((i) => roi(i.cost, i.benefit) !== null);
  const cost = counted.reduce((s, i) => s + i.cost!, 0);
  const benefit = counted.reduce((s, i) => s + i.benefit!, 0);
  return { cost, benefit, roi: roi(cost, benefit), outcomes: counted.length };
}

export const CYCLE_KINDS = ['quarter', 'half', 'year'] as const;
export type CycleKind = (typeof CYCLE_KINDS)[number];

/** Field problems of a cycle: a name, a known kind, and an end not before its start. */
export function validateCycle(c: { name: string; kind: string; startsAt: Date | null; endsAt: Date | null }): FieldError[] {
  const problems: FieldError[] = [];
  if (!c.name.trim() || c.name.length > 200) problems.push({ field: 'name', key: 'okr.name_required' });
  if (!(CYCLE_KINDS as readonly string[]).includes(c.kind)) problems.push({ field: 'kind', key: 'okr.cycle_kind_invalid' });
  if (!c.startsAt || Number.isNaN(c.startsAt.getTime())) problems.push({ field: 'startsAt', key: 'okr.date_invalid' });
  if (!c.endsAt || Number.isNaN(c.endsAt.getTime())) problems.push({ field: 'endsAt', key: 'okr.date_invalid' });
  else if (c.startsAt && c.endsAt < c.startsAt) problems.push({ field: 'endsAt', key: 'okr.end_before_start' });
  return problems;
}

/** A cycle's kind from its length, for periods imported without one: up to ~4 months a quarter, ~7 a half, else a year. */
export function cycleKindOf(startsAt: Date, endsAt: Date): CycleKind {
  const days = (endsAt.getTime() - startsAt.getTime()) / 86_400_000;
  return days <= 120 ? 'quarter' : days <= 210 ? 'half' : 'year';
}

/**
 * Whether making `parentId` the parent of `id` would close a loop (an objective its own
 * ancestor); `parentOf` maps each objective to its current parent.
 */
export function wouldLoop(id: string, parentId: string | null, parentOf: ReadonlyMap<string, string | null>): boolean {
  const seen = new Set<string>();
  for (let p = parentId; p !== null && p !== undefined; p = parentOf.get(p) ?? null) {
    if (p === id) return true;
    if (seen.has(p)) return true;
    seen.add(p);
  }
  return false;
}

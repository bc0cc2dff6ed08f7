/**
 * Results per question, each with its own statistic: NPS with its interval (nps.ts), the
 * mean of a rating with a 95 % t interval, counts for a choice, and the comments. Every
 * number is hidden below NPS_MIN_RESPONSES answers (anonymity), like the NPS itself.
 */
import { NPS_MIN_RESPONSES, summarizeNps, type NpsSummary } from './nps.ts';
import type { AnswerValue, SurveyQuestion } from './survey-questions.ts';

export interface RatingSummary {
  n: number;
  hidden: boolean;
  /** Rounded to 2 decimals. */
  mean: number | null;
  /** 95 % interval of the mean, clamped to [1, 5]. */
  interval: { low: number; high: number } | null;
  /** Answers per score 1..5 (index 0 = score 1). */
  distribution: number[] | null;
}

export interface ChoiceSummary {
  n: number;
  hidden: boolean;
  /** Answers per option, in the options' order. */
  counts: number[] | null;
}

export interface TextSummary {
  n: number;
  hidden: boolean;
  /** Sorted, so that the list keeps no trace of who answered first. */
  comments: string[] | null;
}

export type QuestionResult =
  | { type: 'nps'; summary: NpsSummary }
  | { type: 'rating'; summary: RatingSummary }
  | { type: 'choice'; summary: ChoiceSummary }
  | { type: 'text'; summary: TextSummary };

// Two-sided 95 % Student t quantiles for 1..30 degrees of freedom.
const T95 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];

/** The 95 % t quantile; past 30 degrees of freedom the Cornish–Fisher expansion (error < 0.001). */
export function t95(df: number): number {
  if (df < 1) return Number.NaN;
  if (df <= 30) return T95[df - 1]!;
  const z = 1.959964;
  return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df ** 2);
}

const round2 = (x: number): number => Math.round(x * 100) / 100;
const clampRating = (x: number): number => Math.min(5, Math.max(1, x));

/**
 * Mean of 1–5 ratings with its 95 % interval mean ± t(n−1)·s/√n (s the sample standard
 * deviation). Hidden below `minResponses`. Like the NPS interval it collapses to a point
 * when everyone answers alike.
 */
export function summarizeRating(values: readonly number[], minResponses = NPS_MIN_RESPONSES): RatingSummary {
  const n = values.length;
  if (n === 0 || n < minResponses) return { n, hidden: true, mean: null, interval: null, distribution: null };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const s = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1));
  const half = t95(n - 1) * (s / Math.sqrt(n));
  const distribution = [0, 0, 0, 0, 0];
  for (const v of values) distribution[v - 1]! += 1;
  return { n, hidden: false, mean: round2(mean), interval: { low: round2(clampRating(mean - half)), high: round2(clampRating(mean + half)) }, distribution };
}

/** Answers per option; hidden below `minResponses`. */
export function summarizeChoice(indices: readonly number[], options: number, minResponses = NPS_MIN_RESPONSES): ChoiceSummary {
  const n = indices.length;
  if (n === 0 || n < minResponses) return { n, hidden: true, counts: null };
  const counts = Array.from({ length: options }, () => 0);
  for (const i of indices) counts[i]! += 1;
  return { n, hidden: false, counts };
}

/** The comments, listed once there are `minResponses` responses to the survey (not just comments). */
export function summarizeText(texts: readonly string[], responses: number, minResponses = NPS_MIN_RESPONSES): TextSummary {
  const hidden = responses === 0 || responses < minResponses;
  return { n: texts.length, hidden, comments: hidden ? null : [...texts].sort((a, b) => a.localeCompare(b)) };
}

/** Results of every question from the responses (each an array of answers in question order). */
export function summarizeQuestions(questions: readonly SurveyQuestion[], responses: readonly (readonly AnswerValue[])[], minResponses = NPS_MIN_RESPONSES): QuestionResult[] {
  return questions.map((q, i): QuestionResult => {
    const values = responses.map((r) => r[i]).filter((v): v is AnswerValue => v !== undefined && v !== null);
    const nums = values.filter((v): v is number => typeof v === 'number');
    if (q.type === 'nps') return { type: 'nps', summary: summarizeNps(nums, { minResponses }) };
    if (q.type === 'rating') return { type: 'rating', summary: summarizeRating(nums, minResponses) };
    if (q.type === 'choice') return { type: 'choice', summary: summarizeChoice(nums, q.choices?.length ?? 0, minResponses) };
    return { type: 'text', summary: summarizeText(values.filter((v): v is string => typeof v === 'string'), responses.length, minResponses) };
  });
}

/** The headline number of a result for a trend: the NPS, or a rating's mean; null when hidden or not numeric. */
export function headline(r: QuestionResult): number | null {
  if (r.type === 'nps') return r.summary.nps;
  if (r.type === 'rating') return r.summary.mean;
  return null;
}

export interface WaveTrendPoint {
  wave: number;
  n: number;
  /** Headline per question (NPS or mean), null while hidden. */
  values: (number | null)[];
}

/** The trend of a recurring pulse: each wave's response count and headline numbers, oldest first. */
export function pulseTrend(questions: readonly SurveyQuestion[], waves: readonly { wave: number; responses: readonly (readonly AnswerValue[])[] }[], minResponses = NPS_MIN_RESPONSES): WaveTrendPoint[] {
  return [...waves]
    .sort((a, b) => a.wave - b.wave)
    .map((w) => ({ wave: w.wave, n: w.responses.length, values: summarizeQuestions(questions, w.responses, minResponses).map(headline) }));
}

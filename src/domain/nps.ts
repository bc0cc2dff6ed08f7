/** Net Promoter Score: buckets, score, 95 % interval and the anonymity threshold. */
import { DomainError, type FieldError } from './errors.ts';

export type NpsBucket = 'promoter' | 'passive' | 'detractor';

/** Results with fewer responses than this are hidden (anonymity), unless a caller asks otherwise. */
export const NPS_MIN_RESPONSES = 3;

const outOfRange = (field: string): FieldError => ({ field, key: 'score.out_of_range', params: { min: 0, max: 10 } });

/**
 * Bucket of one answer: promoter 9–10, passive 7–8, detractor 0–6.
 * Throws `validation_failed` for anything but an integer 0–10.
 */
export function npsBucket(score: number): NpsBucket {
  if (!Number.isInteger(score) || score < 0 || score > 10) {
    throw new DomainError('validation_failed', 'error.validation_failed', { count: 1 }, [outOfRange('score')]);
  }
  if (score >= 9) return 'promoter';
  if (score >= 7) return 'passive';
  return 'detractor';
}

export interface NpsSummary {
  /** Number of answers; always shown. */
  n: number;
  // Counts, score, interval and distribution are null while hidden: with two answers,
  // any of them (even the counts) would tell each respondent what the other said.
  promoters: number | null;
  passives: number | null;
  detractors: number | null;
  /** %promoters − %detractors, integer in [−100, 100]. */
  nps: number | null;
  /** 95 % interval, integers clamped to [−100, 100]. */
  interval: { low: number; high: number } | null;
  /** Count of answers per score 0..10 (index = score). */
  distribution: number[] | null;
  hidden: boolean;
}

/**
 * Summarises a survey's answers. Throws `validation_failed` (fields `scores.<i>`) if any
 * answer is not an integer 0–10. Hidden when n < minResponses, and always when n = 0.
 *
 * Interval: each answer is a trinomial draw scoring +1 (promoter), 0 (passive) or −1
 * (detractor); with p, d the promoter and detractor shares, NPS/100 = p − d and its
 * variance is (p + d − (p − d)²) / n. The 95 % interval is nps ± 1.96·√var·100 (Wald).
 * Like any Wald interval it collapses to a point when everyone answers alike
 * (all promoters → [100, 100]) and is rough for small n; it is a guide, not a test.
 */
export function summarizeNps(scores: readonly number[], { minResponses = NPS_MIN_RESPONSES }: { minResponses?: number } = {}): NpsSummary {
  const errors = scores.flatMap((s, i) => (Number.isInteger(s) && s >= 0 && s <= 10 ? [] : [outOfRange(`scores.${i}`)]));
  if (errors.length > 0) throw new DomainError('validation_failed', 'error.validation_failed', { count: errors.length }, errors);

  const n = scores.length;
  if (n === 0 || n < minResponses) {
    return { n, promoters: null, passives: null, detractors: null, nps: null, interval: null, distribution: null, hidden: true };
  }

  const distribution = Array.from({ length: 11 }, () => 0);
  const counts = { promoter: 0, passive: 0, detractor: 0 };
  for (const s of scores) {
    distribution[s] = (distribution[s] ?? 0) + 1;
    counts[npsBucket(s)] += 1;
  }
  const p = counts.promoter / n;
  const d = counts.detractor / n;
  const se = Math.sqrt(Math.max(0, (p + d - (p - d) ** 2) / n));
  // Multiply before dividing so exact halves (e.g. 1/8 → 12.5) are not blurred by float error.
  const raw = ((counts.promoter - counts.detractor) * 100) / n;
  return {
    n,
    promoters: counts.promoter,
    passives: counts.passive,
    detractors: counts.detractor,
    nps: roundHalfAway(raw),
    interval: { low: clamp(roundHalfAway(raw - 196 * se)), high: clamp(roundHalfAway(raw + 196 * se)) },
    distribution,
    hidden: false,
  };
}

// Symmetric rounding so that NPS −12.5 and +12.5 round to −13 and 13 (Math.round would give −12),
// and no −0 leaks into the output.
function roundHalfAway(x: number): number {
  const r = Math.sign(x) * Math.round(Math.abs(x));
  return r === 0 ? 0 : r;
}

const clamp = (x: number): number => Math.min(100, Math.max(-100, x));

/** OKR link: key-result scores 0.0–1.0 and the objective score as their mean. */
import { assertNoFieldErrors, type FieldError } from './errors.ts';

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

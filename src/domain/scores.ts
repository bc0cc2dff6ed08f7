/** Reviewer score cards: impact, difficulty and innovation, integers 1–5. */
import { assertNoFieldErrors, type FieldError } from './errors.ts';
import type { ScoreCard } from './types.ts';

export const SCORE_MIN = 1;
export const SCORE_MAX = 5;
export const SCORE_DIMENSIONS = ['impact', 'difficulty', 'innovation'] as const satisfies readonly (keyof ScoreCard)[];

/**
 * Field problems of one card (empty when valid). `prefix` namespaces the field names when
 * several cards are checked together, e.g. `"2."` → `"2.impact"`.
 */
export function validateScoreCard(card: ScoreCard, prefix = ''): FieldError[] {
  const errors: FieldError[] = [];
  for (const dim of SCORE_DIMENSIONS) {
    const v = card[dim];
    // Values come from select menus, but a forged payload can carry anything.
    if (!Number.isInteger(v) || v < SCORE_MIN || v > SCORE_MAX) {
      errors.push({ field: `${prefix}${dim}`, key: 'score.out_of_range', params: { min: SCORE_MIN, max: SCORE_MAX } });
    }
  }
  return errors;
}

/**
 * Per-dimension mean over reviewers' cards (unrounded); null when there is no card.
 * Throws `validation_failed` if any card is invalid, so a bad card can't skew the mean.
 */
export function meanScores(cards: readonly ScoreCard[]): ScoreCard | null {
  if (cards.length === 0) return null;
  assertNoFieldErrors(cards.flatMap((c, i) => validateScoreCard(c, `${i}.`)));
  const mean = (dim: keyof ScoreCard): number => cards.reduce((sum, c) => sum + c[dim], 0) / cards.length;
  return { impact: mean('impact'), difficulty: mean('difficulty'), innovation: mean('innovation') };
}

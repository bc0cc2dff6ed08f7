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
 * One score as a person picked or typed it: a whole number 1–5 (full-width digits too,
 * spaces around ignored). Anything else is NaN, which validateScoreCard reports with the one
 * score error on that dimension. Empty is null: nothing picked.
 */
export function parseScore(text: string | null | undefined): number | null {
  const s = (text ?? '').trim().replace(/[\uFF10-\uFF19]/g, (d) => String(d.charCodeAt(0) - 0xff10));
  if (s === '') return null;
  return /^\d+$/.test(s) ? Number(s) : Number.NaN;
}

/**
 * The reviewer's three picks as a card, the same on every platform: null when none was
 * picked (approving then asks for scores); otherwise every dimension, a missing or bad one
 * as NaN so the verb refuses it with the one score error on its field.
 */
export function parseScoreCard(pick: (dimension: keyof ScoreCard) => string | null | undefined): ScoreCard | null {
  const [impact, difficulty, innovation] = SCORE_DIMENSIONS.map((d) => parseScore(pick(d))) as [number | null, number | null, number | null];
  if (impact === null && difficulty === null && innovation === null) return null;
  return { impact: impact ?? Number.NaN, difficulty: difficulty ?? Number.NaN, innovation: innovation ?? Number.NaN };
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

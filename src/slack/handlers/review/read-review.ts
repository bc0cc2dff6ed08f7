import { REVIEW_BLOCKS } from '../../../../cards/slack/review-modal.ts';
import { INPUT_ACTION } from '../../../../cards/slack/submit-modal.ts';
import { parseDecimal } from '../../../domain/metrics.ts';
import type { StateValues } from '../submit/read-submission.ts';

const ACTUAL_PREFIX = REVIEW_BLOCKS.actual('');

/** What the owner typed into the review form, parsed but not yet judged (recordReview does that). */
export interface ParsedReview {
  /** Actual value per metric id (the domain's parseDecimal): '' is missing (null), anything unparsable NaN, so the verb names it. */
  values: Record<string, number | null>;
  evidenceUrl: string;
  comment: string;
}

/** Reads the review form's state (untrusted). */
export function readReview(values: StateValues): ParsedReview {
  const text = (block: string) => (values[block]?.[INPUT_ACTION]?.value ?? '').trim();
  const actuals: Record<string, number | null> = {};
  for (const block of Object.keys(values)) {
    if (!block.startsWith(ACTUAL_PREFIX)) continue;
    actuals[block.slice(ACTUAL_PREFIX.length)] = parseDecimal(text(block));
  }
  return { values: actuals, evidenceUrl: text(REVIEW_BLOCKS.evidence), comment: text(REVIEW_BLOCKS.comment) };
}

/**
 * The form block that shows a recordReview field problem (`values.<metric>`, `evidenceUrl`);
 * anything else, or a metric the form does not show, lands on the first input.
 */
export function reviewBlockFor(field: string, blocks: string[]): string {
  const block = field.startsWith('values.') ? REVIEW_BLOCKS.actual(field.slice('values.'.length)) : field === 'evidenceUrl' ? REVIEW_BLOCKS.evidence : '';
  return blocks.includes(block) ? block : (blocks[0] ?? REVIEW_BLOCKS.evidence);
}

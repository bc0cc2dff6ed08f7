import type { CardContext, ReviewDueView } from '../view.ts';
import { clip, esc, modal, section, type SlackBlock } from './blocks.ts';
import { input } from './submit-modal.ts';

/** callback_id of the review form. */
export const REVIEW_CALLBACK = 'review_record';
/** Block ids: one number input per metric, then the evidence link and the comment. */
export const REVIEW_BLOCKS = {
  actual: (metricId: string) => `actual:${metricId}`,
  evidence: 'evidence',
  comment: 'comment',
} as const;
/** Metrics the form shows at most: one block each, far below a modal’s 100 blocks. */
export const REVIEW_MAX_METRICS = 30;

/**
 * The form behind "record actual values": one number per metric (with its baseline and
 * target as the hint), an evidence link and a comment. `privateMetadata` names the schedule.
 */
export function renderReviewModal(ctx: CardContext, p: { view: ReviewDueView; privateMetadata: string }): SlackBlock {
  const metrics = p.view.metrics.slice(0, REVIEW_MAX_METRICS).map((m) =>
    input(REVIEW_BLOCKS.actual(m.id), ctx.t('slack.review.actual_label', { name: clip(m.name, 100), unit: clip(m.unit, 30) }), { type: 'number_input', is_decimal_allowed: true }, {
      hint: ctx.t('slack.review.actual_hint', { baseline: ctx.num(m.baseline), target: ctx.num(m.target) }),
    }),
  );
  return modal({
    callbackId: REVIEW_CALLBACK,
    privateMetadata: p.privateMetadata,
    title: ctx.t('slack.review.modal_title'),
    submit: ctx.t('slack.review.save'),
    close: ctx.t('slack.modal.cancel'),
    blocks: [
      section(`*${esc(clip(p.view.title, 150))}*`),
      ...metrics,
      input(REVIEW_BLOCKS.evidence, ctx.t('slack.review.evidence_label'), { type: 'url_text_input' }, { optional: true }),
      input(REVIEW_BLOCKS.comment, ctx.t('slack.review.comment_label'), { type: 'plain_text_input', multiline: true, max_length: 2000 }, { optional: true }),
    ],
  });
}

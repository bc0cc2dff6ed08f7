import type { CardContext } from '../view.ts';
import { esc, modal, plain, section, type SlackBlock } from './blocks.ts';
import { INPUT_ACTION } from './submit-modal.ts';

/** callback_id and input block of the "why?" modal behind Request changes and Reject. */
export const COMMENT_CALLBACK = 'outcome_comment';
export const COMMENT_BLOCK = 'comment';

/** Asks the reviewer for the comment that "request changes" and "reject" require. */
export function renderCommentModal(ctx: CardContext, p: { decision: 'request_changes' | 'reject'; title: string; privateMetadata: string }): SlackBlock {
  return modal({
    callbackId: COMMENT_CALLBACK,
    privateMetadata: p.privateMetadata,
    title: ctx.t(`decision.${p.decision}`),
    submit: ctx.t(`decision.${p.decision}`),
    close: ctx.t('slack.modal.cancel'),
    blocks: [
      section(`*${esc(p.title)}*`),
      {
        type: 'input',
        block_id: COMMENT_BLOCK,
        label: plain(ctx.t('card.comment')),
        element: { type: 'plain_text_input', action_id: INPUT_ACTION, multiline: true, max_length: 2000, placeholder: plain(ctx.t('card.comment_placeholder'), 150) },
      },
    ],
  });
}

/** A one-message modal: how a Home-tab click (which has no channel) is answered. */
export function renderInfoModal(ctx: CardContext, message: string): SlackBlock {
  return modal({ title: ctx.t('slack.app_name'), close: ctx.t('slack.modal.close'), blocks: [section(message)] });
}

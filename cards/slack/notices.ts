import { encodeAction } from '../actions.ts';
import type { CardContext, DueView, OutcomeView } from '../view.ts';
import { actions, button, context, esc, header, mention, section, type SlackMessage } from './blocks.ts';
import { metricLines } from './outcome-summary.ts';

/** action_id of the Edit button on a "changes requested" notice. */
export const EDIT_ACTION = 'outcome_edit';

const link = (ctx: CardContext, view: OutcomeView) => context([`<${view.url}|${esc(ctx.t('card.open_dashboard'))}>`]);

/** The member's confirmation after submitting: what was stored and who reviews it. */
export function renderReceipt(ctx: CardContext, view: OutcomeView): SlackMessage {
  const reviewer = view.reviewer ? mention(view.reviewer) : '—';
  const body = ctx.t('card.receipt.body', { title: esc(view.title), reviewer });
  return {
    text: ctx.t('card.receipt.body', { title: view.title, reviewer: view.reviewer?.name ?? '—' }),
    blocks: [header(ctx.t('card.receipt.title')), section(body), section(`*${ctx.t('card.metrics')}*\n${metricLines(ctx, view)}`), link(ctx, view)],
  };
}

export interface DecisionNoticeProps {
  view: OutcomeView;
  stage: 'manager' | 'pmo';
  round: number;
  decision: 'approve' | 'request_changes' | 'reject';
  comment: string | null;
  by: { address: string; name: string };
  /** The first follow-up review's due date, when the outcome was just verified. */
  reviewDue: DueView | null;
}

/** Tells the member what a reviewer decided; "request changes" carries the Edit button. */
export function renderDecisionNotice(ctx: CardContext, p: DecisionNoticeProps): SlackMessage {
  const params = { name: mention(p.by), title: esc(p.view.title), comment: esc(p.comment ?? ''), due: p.reviewDue?.text ?? '' };
  const key =
    p.decision === 'approve'
      ? p.stage === 'manager'
        ? 'card.notice.approve.manager'
        : p.reviewDue
          ? p.reviewDue.overdue
            ? 'card.notice.approve.pmo_overdue'
            : 'card.notice.approve.pmo'
          : 'card.notice.approve.pmo_no_schedule'
      : `card.notice.${p.decision}`;
  const blocks = [section(ctx.t(key, params))];
  const editable = p.decision === 'request_changes' && p.view.status === 'changes_requested' && p.view.round === p.round;
  if (editable) blocks.push(actions(`edit:${p.view.id}`, [button(EDIT_ACTION, ctx.t('card.edit'), { value: encodeAction({ a: 'edit', o: p.view.id, r: p.round }), style: 'primary' })]));
  blocks.push(link(ctx, p.view));
  return { text: ctx.t(key, { ...params, name: p.by.name, title: p.view.title, comment: p.comment ?? '' }), blocks };
}

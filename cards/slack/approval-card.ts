import { encodeAction } from '../actions.ts';
import { approvalTitle } from '../approval-title.ts';
import type { CardContext, OutcomeView, PersonView, ReviewView } from '../view.ts';
import { actions, button, context, divider, esc, header, mention, option, section, type SlackBlock, type SlackMessage } from './blocks.ts';
import { decisionLine, outcomeSummaryBlocks } from './outcome-summary.ts';

/** action_ids of the card's controls (the listeners match on these). */
export const APPROVAL_ACTIONS = {
  approve: 'outcome_approve',
  request_changes: 'outcome_request_changes',
  reject: 'outcome_reject',
  score: 'outcome_score',
} as const;

export const SCORE_DIMENSIONS = ['impact', 'difficulty', 'innovation'] as const;
export type ScoreDimension = (typeof SCORE_DIMENSIONS)[number];

/** block_id of the score selects for one outcome (unique on a Home tab listing several). */
export const scoresBlockId = (outcomeId: string) => `scores:${outcomeId}`;

export interface ApprovalCardProps {
  view: OutcomeView;
  stage: 'manager' | 'pmo';
  round: number;
  /** True while this stage of this round still awaits a decision: show the controls. */
  open: boolean;
  /** The decision taken on this stage of this round, once there is one. */
  decision: ReviewView | null;
  /** Working days the open stage has waited. */
  waitedDays?: number | null;
  /** This reader handed the review over: to whom (the card has no controls then). */
  handedOverTo?: PersonView | null;
}

/** The three 1–5 score selects; their values travel in the click's `state.values`. */
export function scoreSelects(ctx: CardContext): SlackBlock[] {
  return SCORE_DIMENSIONS.map((dim) => ({
    type: 'static_select',
    action_id: `${APPROVAL_ACTIONS.score}:${dim}`,
    placeholder: { type: 'plain_text', text: `${ctx.t(`card.score.${dim}`)} ${ctx.t('card.score.placeholder')}`.slice(0, 150) },
    options: [1, 2, 3, 4, 5].map((n) => option(`${ctx.t(`card.score.${dim}`)}: ${n}${n === 1 || n === 5 ? ` (${ctx.t(`card.score.${n === 1 ? 'low' : 'high'}.${dim}`)})` : ''}`, String(n))),
  }));
}

/** What 1 and 5 mean on each score, one line per dimension (shown above the selects). */
export function scoreAnchors(ctx: CardContext): string[] {
  return SCORE_DIMENSIONS.map((dim) => `*${ctx.t(`card.score.${dim}`)}*: ${ctx.t('card.score.anchors', { low: ctx.t(`card.score.low.${dim}`), high: ctx.t(`card.score.high.${dim}`) })}`);
}

/** Approve / Request changes / Reject for one stage of one round. */
export function decisionButtons(ctx: CardContext, outcomeId: string, round: number, stage: 'manager' | 'pmo'): SlackBlock[] {
  const value = (a: 'approve' | 'request_changes' | 'reject') => encodeAction({ a, o: outcomeId, r: round, s: stage });
  return [
    button(APPROVAL_ACTIONS.approve, ctx.t('decision.approve'), { value: value('approve'), style: 'primary' }),
    button(APPROVAL_ACTIONS.request_changes, ctx.t('decision.request_changes'), { value: value('request_changes') }),
    button(APPROVAL_ACTIONS.reject, ctx.t('decision.reject'), { value: value('reject'), style: 'danger' }),
  ];
}

/**
 * The approval request a reviewer gets. While open it carries the score card and the
 * three decision buttons; once decided (or moved on) the same message is updated in place
 * to show who decided what and when, with no controls left.
 */
export function renderApprovalCard(ctx: CardContext, p: ApprovalCardProps): SlackMessage {
  const { view } = p;
  const stageName = ctx.t(`stage.${p.stage}`);
  // The PMO sees the manager's decision of this round: the latest manager review.
  const earlier = p.stage === 'pmo' ? view.reviews.filter((r) => r.stage === 'manager').slice(-1) : [];
  // Once decided the card no longer asks for a review: its header says what was decided, by whom.
  const title = p.decision || p.open ? approvalTitle(ctx, p.stage, p.decision) : stageName;
  const blocks: SlackBlock[] = [header(title), ...outcomeSummaryBlocks(ctx, view)];
  if (earlier.length) blocks.push(context([`*${ctx.t('card.review_trail')}*`, ...earlier.map((r) => decisionLine(ctx, r))]));
  blocks.push(divider());
  if (p.decision) blocks.push(section(decisionLine(ctx, p.decision)));
  else if (p.handedOverTo) blocks.push(section(ctx.t('approval.card.handed_over', { name: mention(p.handedOverTo) })));
  else if (p.open) {
    if (p.waitedDays) blocks.push(context([ctx.t('approval.card.waited', { days: p.waitedDays })]));
    blocks.push(section(`*${ctx.t('card.scores')}*`), context(scoreAnchors(ctx)), actions(scoresBlockId(view.id), scoreSelects(ctx)), actions(`decide:${view.id}`, decisionButtons(ctx, view.id, p.round, p.stage)));
  } else blocks.push(section(ctx.t('slack.card_closed', { status: ctx.t(`status.${view.status}`) })));
  blocks.push(context([`<${view.url}|${esc(ctx.t('card.open_dashboard'))}>`]));
  const text = `${title}: ${view.title}`;
  return { text, blocks };
}

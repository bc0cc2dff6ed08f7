/**
 * The reviewer's card (manager, then PMO): the outcome, a score card and the three
 * decisions in a form (so scores and comment arrive with the click), or — once this
 * stage is decided — who decided what and when, with no buttons left.
 */
import { encodeAction } from '../actions.ts';
import { approvalTitle } from '../approval-title.ts';
import type { CardContext, OutcomeView, PersonView, ReviewView } from '../view.ts';
import { button, card, clip, columns, div, header, hr, md, mention, plain, type HeaderTemplate, type Json } from './kit.ts';
import { outcomeSection, type Trim } from './outcome-section.ts';

export interface ApprovalCardProps {
  outcome: OutcomeView;
  stage: 'manager' | 'pmo';
  /** The round the card belongs to (a stale round cannot decide). */
  round: number;
  /** This stage's decision in this round, once made. */
  decision: ReviewView | null;
  /** Working days the open stage has waited. */
  waitedDays?: number | null;
  /** This reader handed the review over: to whom (the card has no form then). */
  handedOverTo?: PersonView | null;
}

const DECISION_COLOUR: Record<ReviewView['decision'], HeaderTemplate> = { approve: 'green', request_changes: 'orange', reject: 'red' };
const SCORE_FIELDS = [
  ['score_impact', 'card.score.impact'],
  ['score_difficulty', 'card.score.difficulty'],
  ['score_innovation', 'card.score.innovation'],
] as const;

/** Names of the form fields the callback reads. */
export const APPROVAL_FIELDS = { impact: 'score_impact', difficulty: 'score_difficulty', innovation: 'score_innovation', comment: 'comment' } as const;

function scoreSelect(name: string, label: string, ctx: CardContext): Json[] {
  return [
    md(`**${label}**`),
    {
      tag: 'select_static',
      name,
      placeholder: plain(ctx.t('card.score.placeholder')),
      options: [1, 2, 3, 4, 5].map((n) => ({ text: plain(String(n)), value: String(n) })),
    },
  ];
}

function decisionForm(p: ApprovalCardProps, ctx: CardContext): Json {
  const { t } = ctx;
  const value = (a: 'approve' | 'request_changes' | 'reject') => encodeAction({ a, o: p.outcome.id, r: p.round, s: p.stage });
  return {
    tag: 'form',
    name: 'decision',
    elements: [
      md(`**${t('card.scores')}**`),
      columns(SCORE_FIELDS.map(([name, key]) => scoreSelect(name, t(key), ctx))),
      { tag: 'input', name: APPROVAL_FIELDS.comment, input_type: 'multiline_text', rows: 2, max_length: 1000, label: plain(t('card.comment')), label_position: 'top', placeholder: plain(t('card.comment_placeholder')) },
      columns([
        [button({ name: 'approve', label: t('decision.approve'), type: 'primary_filled', submit: true, value: value('approve') })],
        [button({ name: 'request_changes', label: t('decision.request_changes'), type: 'default', submit: true, value: value('request_changes') })],
        [button({ name: 'reject', label: t('decision.reject'), type: 'danger', submit: true, value: value('reject') })],
      ]),
    ],
  };
}

function decisionBlock(d: ReviewView, ctx: CardContext): Json[] {
  const { t } = ctx;
  const scores = d.scores
    ? ` · ${t('card.score.impact')} ${d.scores.impact} · ${t('card.score.difficulty')} ${d.scores.difficulty} · ${t('card.score.innovation')} ${d.scores.innovation}`
    : '';
  return [
    md(`**${t('card.decided', { decision: t(`decision.${d.decision}`), name: mention(d.reviewer), time: d.decidedAtText })}**${scores}`),
    ...(d.comment ? [div(`${t('card.comment')}: ${clip(d.comment, 1000)}`)] : []),
  ];
}

/** The approval card, trimmed to `trim`. */
export function approvalCard(p: ApprovalCardProps, ctx: CardContext, trim: Trim): Json {
  const { t } = ctx;
  const head = header(approvalTitle(ctx, p.stage, p.decision), p.decision ? DECISION_COLOUR[p.decision.decision] : 'blue', clip(p.outcome.title, 100));
  const waited = p.waitedDays ? [md(t('approval.card.waited', { days: p.waitedDays }))] : [];
  const tail = p.decision ? decisionBlock(p.decision, ctx) : p.handedOverTo ? [md(t('approval.card.handed_over', { name: mention(p.handedOverTo) }))] : [...waited, decisionForm(p, ctx)];
  return card(head, [...outcomeSection(p.outcome, ctx, trim), hr(), ...tail, button({ label: t('card.open_dashboard'), url: p.outcome.url })], p.outcome.title);
}

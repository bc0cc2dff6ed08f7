/**
 * Cards for the member: the read-only summary that replaces the submit form, and the
 * notice of each reviewer decision (with an Edit button when changes were requested).
 */
import { encodeAction } from '../actions.ts';
import type { CardContext, DueView, OutcomeView, ReviewView } from '../view.ts';
import { button, card, clip, div, escapeMd, header, hr, md, mention, type HeaderTemplate, type Json } from './kit.ts';
import { outcomeSection, type Trim } from './outcome-section.ts';

/** What replaces the form once the outcome is stored. */
export function summaryCard(o: OutcomeView, ctx: CardContext, trim: Trim): Json {
  const { t } = ctx;
  const reviewer = o.reviewer ? mention(o.reviewer) : '—';
  return card(header(t('card.receipt.title'), 'green', clip(o.title, 100)), [
    md(t('card.receipt.body', { title: escapeMd(clip(o.title, 100)), reviewer })),
    md(t('feishu.summary.evidence_hint')),
    hr(),
    ...outcomeSection(o, ctx, trim),
    button({ label: t('card.open_dashboard'), url: o.url }),
  ]);
}

export interface NoticeProps {
  outcome: OutcomeView;
  decision: ReviewView;
  round: number;
  /** The follow-up review date (after the PMO verified), formatted. */
  due: DueView | null;
}

const COLOUR: Record<ReviewView['decision'], HeaderTemplate> = { approve: 'green', request_changes: 'orange', reject: 'red' };

function noticeText(p: NoticeProps, ctx: CardContext): string {
  const { t } = ctx;
  const name = mention(p.decision.reviewer);
  const title = escapeMd(clip(p.outcome.title, 100));
  if (p.decision.decision === 'approve') {
    if (p.decision.stage === 'manager') return t('card.notice.approve.manager', { name, title });
    if (!p.due) return t('card.notice.approve.pmo_no_schedule', { name, title });
    return t(p.due.overdue ? 'card.notice.approve.pmo_overdue' : 'card.notice.approve.pmo', { name, title, due: p.due.text });
  }
  return t(`card.notice.${p.decision.decision}`, { name, title, comment: escapeMd(clip(p.decision.comment ?? '', 1000)) });
}

/** The member's notice of a decision. */
export function noticeCard(p: NoticeProps, ctx: CardContext): Json {
  const { t } = ctx;
  const d = p.decision;
  const elements: Json[] = [md(noticeText(p, ctx))];
  if (d.decision === 'approve' && d.comment) elements.push(div(`${t('card.comment')}: ${clip(d.comment, 1000)}`));
  if (d.decision === 'request_changes' && p.outcome.status === 'changes_requested' && p.outcome.round === p.round)
    elements.push(button({ label: t('card.edit'), type: 'primary_filled', value: encodeAction({ a: 'edit', o: p.outcome.id, r: p.round }) }));
  elements.push(button({ label: t('card.open_dashboard'), url: p.outcome.url }));
  return card(header(`${t(`decision.${d.decision}`)} · ${t(`stage.${d.stage}`)}`, COLOUR[d.decision], clip(p.outcome.title, 100)), elements);
}

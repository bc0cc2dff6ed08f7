import { approvalNoticeKey, type ApprovalNoticeProps } from '../approval-notice-view.ts';
import type { CardContext, PersonView } from '../view.ts';
import { button, card, clip, escapeMd, header, md, mention, type HeaderTemplate, type Json } from './kit.ts';

const COLOUR: Record<ApprovalNoticeProps['variant'], HeaderTemplate> = { reminder: 'blue', nudge: 'blue', escalation: 'orange', delegated: 'turquoise' };

/** A pending approval chased or handed over (催办 / 上报 / 转交), with a link to the outcome. */
export function approvalNoticeCard(p: ApprovalNoticeProps, ctx: CardContext): Json {
  const { t } = ctx;
  const who = (v: PersonView | null) => (v ? mention(v) : '—');
  const params = { title: escapeMd(clip(p.title, 100)), submitter: who(p.submitter), reviewer: who(p.reviewer), by: who(p.by), from: who(p.from), reason: escapeMd(clip(p.reason ?? '', 500)), days: p.days };
  return card(header(t(`approval.notice.title.${p.variant}`), COLOUR[p.variant], clip(p.title, 100)), [md(t(approvalNoticeKey(p), params)), button({ label: t('card.open_dashboard'), url: p.url })], p.title);
}

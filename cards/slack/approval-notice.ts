import { approvalNoticeKey, type ApprovalNoticeProps } from '../approval-notice-view.ts';
import type { CardContext, PersonView } from '../view.ts';
import { clip, context, esc, header, mention, section, type SlackMessage } from './blocks.ts';

/** A pending approval chased or handed over, with the way to the card (above, or on the web). */
export function renderApprovalNotice(ctx: CardContext, p: ApprovalNoticeProps): SlackMessage {
  const who = (v: PersonView | null) => (v ? mention(v) : '—');
  const params = { title: esc(clip(p.title, 150)), submitter: who(p.submitter), reviewer: who(p.reviewer), by: who(p.by), from: who(p.from), reason: esc(clip(p.reason ?? '', 500)), days: p.days };
  const key = approvalNoticeKey(p);
  const heading = ctx.t(`approval.notice.title.${p.variant}`);
  return {
    text: `${heading}: ${p.title}`,
    blocks: [header(heading), section(ctx.t(key, params)), context([`<${p.url}|${esc(ctx.t('card.open_dashboard'))}>`])],
  };
}

import type { PersonView } from './view.ts';

/** What an approval notice shows (src/delivery/kinds/views.ts ApprovalNoticeView). */
export interface ApprovalNoticeProps {
  variant: 'reminder' | 'escalation' | 'nudge' | 'delegated';
  title: string;
  stage: 'manager' | 'pmo';
  submitter: PersonView;
  reviewer: PersonView | null;
  by: PersonView | null;
  from: PersonView | null;
  reason: string | null;
  days: number;
  url: string;
}

/** The message key of a notice: an escalation names the reviewer when there is one (manager stage). */
export const approvalNoticeKey = (p: Pick<ApprovalNoticeProps, 'variant' | 'reviewer'>) =>
  p.variant === 'escalation' && !p.reviewer ? 'approval.notice.escalation_pmo' : `approval.notice.${p.variant}`;

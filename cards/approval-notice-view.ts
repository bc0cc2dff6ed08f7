import type { PersonView } from './view.ts';

/** What an approval notice shows, on both platforms (the approval_notice kind's view model). */
export interface ApprovalNoticeProps {
  variant: 'reminder' | 'escalation' | 'nudge' | 'delegated';
  title: string;
  stage: 'manager' | 'pmo';
  submitter: PersonView;
  /** The current reviewer (manager stage); null at the PMO stage. */
  reviewer: PersonView | null;
  /** Who nudged or handed it over; null for the scheduler's own reminders. */
  by: PersonView | null;
  /** The reviewer it was handed over from. */
  from: PersonView | null;
  reason: string | null;
  /** Working days the stage has waited (on the workspace's calendar). */
  days: number;
  url: string;
}

/** The message key of a notice: an escalation names the reviewer when there is one (manager stage). */
export const approvalNoticeKey = (p: Pick<ApprovalNoticeProps, 'variant' | 'reviewer'>) =>
  p.variant === 'escalation' && !p.reviewer ? 'approval.notice.escalation_pmo' : `approval.notice.${p.variant}`;

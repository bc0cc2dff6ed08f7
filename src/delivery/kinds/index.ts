/**
 * The notification kinds, once for every platform: a feature with a new kind adds its
 * module here, and both adapters deliver it (they only render the view model).
 */
import { approvalNotice } from './approval-notice.ts';
import { atRiskAlert } from './at-risk-alert.ts';
import { approvalRequest } from './approval-request.ts';
import { cardDecided } from './card-decided.ts';
import { commandReply } from './command-reply.ts';
import { commentAdded } from './comment-added.ts';
import { decisionNotice } from './decision-notice.ts';
import { digest } from './digest.ts';
import { evidenceAdded } from './evidence-added.ts';
import { reviewDue } from './review-due.ts';
import { reviewEscalation } from './review-escalation.ts';
import { reviewRecorded } from './review-recorded.ts';
import { reviewReminder } from './review-reminder.ts';
import { shortfallAlert } from './shortfall-alert.ts';
import { sourceFailing } from './source-failing.ts';
import { okrSyncBlocked } from './okr-sync-blocked.ts';
import { submissionReceipt } from './submission-receipt.ts';
import { surveyInvite } from './survey-invite.ts';
import { surveyReminder } from './survey-reminder.ts';
import { surveyResults } from './survey-results.ts';
import { lessonsPrompt } from './lessons-prompt.ts';
import { retroActionReminder } from './retro-action-reminder.ts';
import { retroPack } from './retro-pack.ts';
import type { NotificationKind } from './types.ts';

const ALL = [
  approvalRequest,
  approvalNotice,
  cardDecided,
  evidenceAdded,
  decisionNotice,
  submissionReceipt,
  reviewDue,
  reviewReminder,
  reviewEscalation,
  reviewRecorded,
  shortfallAlert,
  sourceFailing,
  okrSyncBlocked,
  atRiskAlert,
  commentAdded,
  surveyInvite,
  surveyReminder,
  surveyResults,
  digest,
  commandReply,
  lessonsPrompt,
  retroPack,
  retroActionReminder,
];

/** Every outbox kind by name. */
export const KINDS: Readonly<Record<string, NotificationKind>> = Object.fromEntries(ALL.map((k) => [k.kind, k]));

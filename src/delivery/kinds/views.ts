/**
 * The platform-neutral view models of the notification kinds: what a message shows, read
 * from current data for one recipient. The cards' own shapes (cards/view.ts) are the parts;
 * each platform adapter renders these with its cards/ renderers.
 */
import type { AtRiskView, DueView, OutcomeView, PersonView, ReviewDueView, ReviewView, ShortfallView, SurveyResultsView, SurveyView } from '../../../cards/view.ts';
import type { ApprovalNoticeProps } from '../../../cards/approval-notice-view.ts';
import type { CommentAddedProps } from '../../../cards/comment-added.ts';
import type { SourceFailingProps } from '../../../cards/source-failing.ts';
import type { OkrBlockedProps } from '../../../cards/okr-blocked.ts';
import type { OutcomeListItem } from '../../db/queries/outcomes.ts';
import type { Locale } from '../../domain/types.ts';
import type { RetroNotificationView } from './retro-views.ts';

/** Texts that depend on the reader's language, in both (a Feishu card carries both; Slack shows one). */
export type Localized<T> = Record<Locale, T>;

/** One line of a text reply: a message key and its parameters (`{ at }` are people to mention). */
export interface TextLine {
  key: string;
  params?: Record<string, string | number | { at: string | string[] }>;
}

/** How a text reply is coloured where the platform colours headers. */
export type Tone = 'blue' | 'green' | 'orange' | 'red' | 'grey' | 'turquoise';

export interface ApprovalView {
  type: 'approval';
  outcome: OutcomeView;
  stage: 'manager' | 'pmo';
  round: number;
  /** True while this stage of this round still awaits a decision: the card shows the controls. */
  open: boolean;
  decision: ReviewView | null;
  /** Working days this stage has waited, while it is open (the card says so). */
  waitedDays?: number | null;
  /** This reader's card after they handed the review over: to whom (no controls). */
  handedOverTo?: PersonView | null;
}

/** A pending approval chased: the reviewer reminded or nudged, the escalation, or the notice of a hand-over (转交). */
export interface ApprovalNoticeView extends ApprovalNoticeProps {
  type: 'approval_notice';
  /** Still waiting, and (for the reviewer's own notices) still theirs to decide. */
  open: boolean;
}

export interface DecisionNoticeView {
  type: 'decision_notice';
  outcome: OutcomeView;
  stage: 'manager' | 'pmo';
  round: number;
  decision: ReviewView;
  /** The first follow-up review's due date (and whether it is already overdue), when the PMO just verified. */
  reviewDue: DueView | null;
}

export interface ReceiptView {
  type: 'receipt';
  outcome: OutcomeView;
}

/** What a recorded review shows: each metric's progress (metrics order) and the shortfalls. */
export interface RecordedView {
  progress: (number | null)[];
  alerts: ShortfallView[];
}

export interface ReviewCardView {
  type: 'review';
  review: ReviewDueView;
  reminder: boolean;
  recorded: RecordedView | null;
  threshold: number;
}

export interface EscalationView {
  type: 'escalation';
  title: string;
  owner: PersonView;
  status: ReviewDueView['status'];
  days: number;
  dueText: string;
  url: string;
}

export interface ReviewRecordedView {
  type: 'review_recorded';
  title: string;
  alerts: number;
  threshold: number;
  url: string;
}

export interface ShortfallAlertView {
  type: 'shortfall';
  title: string;
  metrics: ShortfallView[];
  threshold: number;
  url: string;
}

/** source_failing: what the owner is told about a pull source that keeps failing. */
export interface SourceFailingView extends SourceFailingProps {
  type: 'source_failing';
}

/** comment_added: a comment on an outcome, for its other participants. */
export interface CommentAddedView extends CommentAddedProps {
  type: 'comment_added';
}

/** okr_sync_blocked: what the admins are told when Feishu refuses OKR sync for want of a permission. */
export interface OkrSyncBlockedView extends OkrBlockedProps {
  type: 'okr_sync_blocked';
}

export interface AtRiskAlertView {
  type: 'at_risk';
  alert: AtRiskView;
}

export interface SurveyCardView {
  type: 'survey';
  /** Past its closing time a survey shows as closed, even before the job closes it. */
  survey: Localized<SurveyView>;
  comment: string | null;
  reminder: boolean;
  answered: boolean;
}

export interface SurveyResultsCardView {
  type: 'survey_results';
  results: Localized<SurveyResultsView>;
}

export interface DigestView {
  type: 'digest';
  /** The digest's sentences per language. */
  lines: Localized<string[]>;
  url: string;
}

/** The bot's answer to a command or menu click. Forms are the platform's own (built by the adapter). */
export type ReplyView =
  | { view: 'help'; unknown: string | null }
  | { view: 'list'; mine: OutcomeListItem[]; awaiting: OutcomeListItem[]; dashboardUrl: string }
  | { view: 'message'; title: TextLine; template: Tone; lines: TextLine[] }
  | { view: 'nps_results'; results: Localized<SurveyResultsView> | null }
  | { view: 'report'; digest: DigestView }
  | { view: 'form' | 'nps_form'; form: unknown };

export interface CommandReplyView {
  type: 'reply';
  reply: ReplyView;
}

export type NotificationView =
  | ApprovalView
  | ApprovalNoticeView
  | DecisionNoticeView
  | ReceiptView
  | ReviewCardView
  | EscalationView
  | ReviewRecordedView
  | ShortfallAlertView
  | SourceFailingView
  | OkrSyncBlockedView
  | AtRiskAlertView
  | CommentAddedView
  | SurveyCardView
  | SurveyResultsCardView
  | DigestView
  | CommandReplyView
  | RetroNotificationView;

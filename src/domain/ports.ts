import type { WorkspaceSettingsShape } from './settings.ts';
import type { Decision, EvidenceInput, MetricInput, OutcomeDraft, OutcomeStatus, Platform, ReviewStage, ScoreCard } from './types.ts';
import type { AnswerValue, SurveyQuestion } from './survey-questions.ts';

/**
 * The ports the domain verbs need. src/db/repos implements them on drizzle; the
 * in-memory twins in src/domain/testing are used by unit tests.
 */

export interface Clock {
  now(): Date;
}

/** Where a notification goes: a person (DM) or a channel/chat, by platform address. */
export interface Recipient {
  personId: string | null;
  /** Slack user/channel id or Feishu open_id/chat_id. */
  address: string;
}

export type NotificationKind =
  | 'approval_request'
  | 'approval_notice'
  | 'card_decided'
  | 'evidence_added'
  | 'decision_notice'
  | 'submission_receipt'
  | 'survey_invite'
  | 'survey_reminder'
  | 'survey_results'
  | 'review_due'
  | 'review_reminder'
  | 'review_escalation'
  | 'review_recorded'
  | 'shortfall_alert'
  | 'source_failing'
  | 'at_risk_alert'
  | 'okr_sync_blocked'
  | 'comment_added'
  | 'digest'
  | 'lessons_prompt'
  | 'retro_pack'
  | 'retro_action_reminder';

/** A notification intent; the platform sender renders it at delivery from current data. */
export interface Notification {
  kind: NotificationKind;
  to: Recipient;
  data: Record<string, unknown>;
  /** The same key is delivered once, however often it is written. */
  dedupeKey: string;
}

/** Where an action came from, as the audit trail records it: a chat surface, the web, the public API, or a scheduled job. */
export type Via = 'chat' | 'web' | 'api' | 'job';

export interface AuditEntry {
  entity: 'outcome' | 'workspace' | 'person';
  entityId: string;
  action: string;
  actorId: string | null;
  fromStatus: OutcomeStatus | null;
  toStatus: OutcomeStatus | null;
  comment: string | null;
  at: Date;
  /** The surface the action came through (the verb copies it from its context). */
  via: Via;
}

export interface OutcomeRecord {
  id: string;
  workspaceId: string;
  projectId: string | null;
  title: string;
  status: OutcomeStatus;
  submitterId: string;
  ownerId: string | null;
  reviewerId: string | null;
  round: number;
  dueAt: Date | null;
}

export interface NewSubmission {
  workspaceId: string;
  /** The workspace's platform, which its notifications go out on (known to the verb; not read again). */
  platform: Platform;
  outcome: Omit<OutcomeRecord, 'workspaceId'> & { description: string; indicatorClass: OutcomeDraft['indicatorClass']; keyResultId?: string | null; clientKey: string | null; submittedAt: Date };
  metrics: MetricInput[];
  evidence: EvidenceInput[];
  addedBy: string;
  audit: AuditEntry;
  notifications: Notification[];
}

export interface NewDecision {
  workspaceId: string;
  /** The workspace's platform, which its notifications go out on. */
  platform: Platform;
  outcomeId: string;
  fromStatus: OutcomeStatus;
  toStatus: OutcomeStatus;
  round: number;
  stage: ReviewStage;
  reviewerId: string;
  decision: Decision;
  comment: string | null;
  scores: ScoreCard | null;
  decidedAt: Date;
  schedules: { kind: 'first' | 'second'; dueAt: Date }[];
  audit: AuditEntry;
  notifications: Notification[];
}

export interface OutcomeRepo {
  get(workspaceId: string, id: string): Promise<OutcomeRecord | null>;
  /** True when the project belongs to this workspace. */
  projectExists(workspaceId: string, projectId: string): Promise<boolean>;
  /** Project go-live instant, if the project has one. */
  projectGoLive(workspaceId: string, projectId: string): Promise<Date | null>;
  /**
   * Stores outcome, metrics, evidence, audit and notifications atomically.
   * 'duplicate' when the same clientKey was stored before (nothing written).
   */
  saveSubmission(s: NewSubmission): Promise<{ result: 'stored' | 'duplicate'; outcomeId: string }>;
  /**
   * Records a decision atomically with its status change, schedules, audit and notifications.
   * 'already_decided' when this stage of this round was decided before (nothing written).
   */
  recordDecision(d: NewDecision): Promise<'decided' | 'already_decided'>;
  /**
   * Stores an edited outcome as a new round awaiting the manager, atomically.
   * 'stale' when it is no longer awaiting changes in that round (nothing written).
   */
  saveResubmission(r: NewResubmission): Promise<'stored' | 'stale'>;
  /** The workspace's settings and the version they were read at; null for an unknown workspace. */
  readSettings(workspaceId: string): Promise<StoredSettings | null>;
  /**
   * Stores settings with their audit entry, atomically, only while the stored settings are
   * still at `version` (compare-and-set). False when someone else wrote first (nothing written).
   */
  saveSettings(workspaceId: string, version: string, settings: WorkspaceSettingsShape, audit: AuditEntry): Promise<boolean>;
}

/** Settings as read, with an opaque version for compare-and-set. */
export interface StoredSettings {
  settings: WorkspaceSettingsShape;
  version: string;
}

/** One person's new manager (person ids); null clears it. */
export interface ManagerChange {
  personId: string;
  managerId: string | null;
}

export interface NewResubmission {
  workspaceId: string;
  /** The workspace's platform, which its notifications go out on. */
  platform: Platform;
  outcomeId: string;
  /** The round being closed; the stored outcome moves to round + 1. */
  round: number;
  fields: { title: string; description: string; indicatorClass: OutcomeDraft['indicatorClass']; projectId: string | null; ownerId: string | null; dueAt: Date | null; reviewerId: string; keyResultId?: string | null };
  metrics: MetricInput[];
  /** The full set of link evidence (replaces the old links) plus any new files. */
  evidence: EvidenceInput[];
  addedBy: string;
  at: Date;
  audit: AuditEntry;
  notifications: Notification[];
}

export interface PersonRef {
  id: string;
  /** Platform user id (Slack user id, Feishu open_id). */
  address: string;
  timeZone: string | null;
  locale: string | null;
  /** The person's manager (org chart or an admin's mapping), when known. */
  managerId?: string | null;
}

/** Looks people up; the PMO reviewers come from the workspace settings. */
export interface PeopleDirectory {
  person(workspaceId: string, personId: string): Promise<PersonRef | null>;
  /** PMO reviewers resolved to people (created on first sight), and the PMO channel if set. */
  pmo(workspace: WorkspaceContext): Promise<{ reviewers: PersonRef[]; channel: string | null }>;
  /** A person's out-of-office period (stand-in and dates); optional for twins that have none. */
  away?(workspaceId: string, personId: string): Promise<{ delegateId: string | null; awayFrom: string | null; awayUntil: string | null } | null>;
  /** Stores manual manager mappings with their audit entries, atomically. */
  saveManagers(workspaceId: string, changes: ManagerChange[], audit: AuditEntry[]): Promise<void>;
}

/** What every verb receives besides its input. */
export interface VerbContext {
  clock: Clock;
  outcomes: OutcomeRepo;
  people: PeopleDirectory;
  newId(): string;
  /** The surface the call comes through; set once per surface (src/app.ts, the scheduler), copied into every audit entry. */
  via: Via;
}

export interface WorkspaceContext {
  id: string;
  platform: Platform;
  settings: WorkspaceSettingsShape;
}

export interface SurveyRecord {
  id: string;
  workspaceId: string;
  projectId: string;
  outcomeId: string | null;
  kind: 'baseline' | 'follow_up';
  audience: string[];
  status: 'open' | 'closed';
  closesAt: Date;
  startedBy: string;
  questions: SurveyQuestion[];
  anonymous: boolean;
  createdAt: Date;
}

export interface NewSurvey extends Omit<SurveyRecord, 'workspaceId' | 'status'> {
  workspaceId: string;
  /** Empty: the default question, shown in each respondent's language. */
  question: string;
  remindAfterDays: number;
  remindAt: Date | null;
  /** A recurring pulse: its first wave, this wave, the interval and the last start; all null/1 for a one-off. */
  seriesId: string | null;
  wave: number;
  pulseEveryDays: number | null;
  pulseUntil: Date | null;
  nextWaveAt: Date | null;
  notifications: Notification[];
}

/** One questionnaire answer, as stored: named by platform user id, or anonymous by keyed hash only. */
export type NewResponse = { workspaceId: string; surveyId: string; score: number | null; answers: AnswerValue[]; at: Date } & ({ anonymous: false; respondentId: string } | { anonymous: true; key: string });

export interface SurveyRepo {
  get(workspaceId: string, id: string): Promise<SurveyRecord | null>;
  projectExists(workspaceId: string, projectId: string): Promise<boolean>;
  /** True when the outcome exists in this workspace and belongs to the project. */
  outcomeInProject(workspaceId: string, outcomeId: string, projectId: string): Promise<boolean>;
  saveSurvey(s: NewSurvey): Promise<void>;
  /** Inserts or replaces this respondent's answer; a comment of `undefined` keeps the stored one. */
  saveAnswer(a: { workspaceId: string; surveyId: string; respondentId: string; score: number; comment: string | null | undefined; at: Date }): Promise<'created' | 'changed'>;
  /** Stores a questionnaire answer once; 'duplicate' when this person (or key) answered already. */
  saveResponse(a: NewResponse): Promise<'created' | 'duplicate'>;
}

export interface ReviewMetric {
  id: string;
  name: string;
  unit: string;
  direction: 'increase' | 'decrease';
  baseline: number;
  target: number;
}

export interface ReviewRecord {
  scheduleId: string;
  kind: 'first' | 'second';
  status: 'scheduled' | 'notified' | 'done' | 'cancelled';
  outcomeId: string;
  outcomeTitle: string;
  ownerId: string;
  metrics: ReviewMetric[];
  /** The outcome's team besides its owner (its submitter, the project's owner), for the lessons prompt; absent reads as none. */
  teamIds?: string[];
}

export interface NewReviewResult {
  workspaceId: string;
  scheduleId: string;
  outcomeId: string;
  actorId: string;
  at: Date;
  readings: { metricId: string; value: number }[];
  evidenceUrl: string | null;
  comment: string | null;
  audit: AuditEntry;
  notifications: Notification[];
}

export interface ReviewRepo {
  /** The schedule with its outcome's owner (or submitter) and metrics; null when not in this workspace. */
  get(workspaceId: string, scheduleId: string): Promise<ReviewRecord | null>;
  /** Stores readings, latest actuals, evidence and completion atomically; 'stale' when already recorded. */
  saveResult(r: NewReviewResult): Promise<'stored' | 'stale'>;
}

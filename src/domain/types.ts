/** Shared vocabulary of the outcome domain. Pure types: no runtime, no I/O. */

export type Platform = 'slack' | 'feishu';
export type Locale = 'en' | 'zh-CN';
export const LOCALES: readonly Locale[] = ['en', 'zh-CN'];

export type IndicatorClass = 'process' | 'output' | 'impact';
export const INDICATOR_CLASSES: readonly IndicatorClass[] = ['process', 'output', 'impact'];

export type OutcomeStatus =
  | 'draft'
  | 'submitted'
  | 'manager_approved'
  | 'verified'
  | 'changes_requested'
  | 'rejected';

export type ReviewStage = 'manager' | 'pmo';
export type Decision = 'approve' | 'request_changes' | 'reject';
export type Direction = 'increase' | 'decrease';
export type ReadingSource = 'manual' | 'review' | 'api' | 'webhook' | 'pull';
export type EvidenceKind = 'link' | 'file' | 'image' | 'certificate';

export interface MetricInput {
  name: string;
  unit: string;
  direction: Direction;
  baseline: number | null;
  target: number | null;
  actual?: number | null;
  /** The outcome template it started from (src/domain/metric-templates.ts), when one was chosen. */
  templateKey?: string | null;
}

export interface EvidenceInput {
  kind: EvidenceKind;
  /** A URL for links, or the platform's file reference (Slack file id, Feishu message id + file key). */
  ref: string;
  title?: string;
  /** For files: a page where people with access can open it (Slack permalink), when there is one. */
  url?: string | null;
}

/** What a member fills in before submitting; every field may still be missing. */
export interface OutcomeDraft {
  title: string;
  description: string;
  indicatorClass: IndicatorClass | null;
  projectId: string | null;
  ownerId: string | null;
  /** Due / go-live date, a UTC instant. */
  dueDate: Date | null;
  metrics: MetricInput[];
  evidence: EvidenceInput[];
}

/** Scores 1–5 a reviewer gives. */
export interface ScoreCard {
  impact: number;
  difficulty: number;
  innovation: number;
}

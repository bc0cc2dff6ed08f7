/**
 * The shapes every card renderer takes. Cards are pure `(props) => JSON` and import
 * nothing from src/: texts arrive already translated through `t`, numbers through the
 * formatters, so Slack and Feishu render the same view model the same way.
 */

export type Translate = (key: string, params?: Record<string, string | number>) => string;

/** Locale-bound helpers the caller passes in. */
export interface CardContext {
  locale: 'en' | 'zh-CN';
  t: Translate;
  /** Fraction → "−37.8%"; null → "—". */
  pct(fraction: number | null): string;
  /** A number, with at most `maxFractionDigits` decimals (2 unless given). */
  num(n: number | null, maxFractionDigits?: number): string;
  /** Base URL of the web app, for "open in dashboard" links. */
  publicUrl: string;
}

/** An outcome template as a submit form offers it: its key, class and name in each language (the card picks the reader's). */
export interface TemplateChoice {
  key: string;
  indicatorClass: 'process' | 'output' | 'impact';
  name: Record<'en' | 'zh-CN', string>;
}

export interface MetricView {
  name: string;
  unit: string;
  direction: 'increase' | 'decrease';
  baseline: number;
  target: number;
  actual: number | null;
  /** (actual − baseline) / |baseline| as a fraction; null when no actual or baseline = 0. */
  changePct: number | null;
  /** Targeted change as a fraction of the baseline. */
  targetChangePct: number | null;
  /** Raw progress toward the target (may exceed 1); null without an actual. */
  progress: number | null;
  /** Status and projection at the review (absent where the surface did not load forecasts). */
  forecast?: ForecastView;
}

export interface EvidenceView {
  kind: 'link' | 'file' | 'image' | 'certificate';
  title: string | null;
  /** A link to open: the URL itself, or the platform's permalink for a file. */
  url: string | null;
  /** Platform file reference when there is no URL (Feishu file key, Slack file id). */
  fileRef: string | null;
  /** Feishu: the message that carried the file. */
  messageId: string | null;
}

export interface ReviewView {
  /** The submission round the decision was taken in. */
  round: number;
  stage: 'manager' | 'pmo';
  decision: 'approve' | 'request_changes' | 'reject';
  reviewer: PersonView;
  comment: string | null;
  scores: { impact: number; difficulty: number; innovation: number } | null;
  /** ISO instant; renderers format it (Slack `<!date^…>`, Feishu text in the person's zone). */
  decidedAt: string;
  /** Already formatted in the viewer's time zone, for platforms without date tokens. */
  decidedAtText: string;
}

export interface PersonView {
  /** Platform user id (Slack U…, Feishu ou_…). */
  address: string;
  name: string;
}

export interface OutcomeView {
  id: string;
  title: string;
  description: string;
  status: 'draft' | 'submitted' | 'manager_approved' | 'verified' | 'changes_requested' | 'rejected';
  indicatorClass: 'process' | 'output' | 'impact' | null;
  project: { id: string; name: string; goLiveText: string | null } | null;
  /** Due / go-live date formatted in the viewer's zone. */
  dueText: string | null;
  round: number;
  submitter: PersonView;
  owner: PersonView | null;
  /** The reviewer of the current stage, when one is assigned (manager stage). */
  reviewer: PersonView | null;
  metrics: MetricView[];
  evidence: EvidenceView[];
  /** Decisions, oldest first (all rounds). */
  reviews: ReviewView[];
  /** Which SMART criteria the stored outcome meets (all true for anything submitted). */
  smart: { specific: boolean; measurable: boolean; assignable: boolean; realistic: boolean; timeRelated: boolean };
  /** Link to the outcome page in the web app. */
  url: string;
}

/** An NPS survey as its invite card shows it to one respondent. */
export interface SurveyView {
  id: string;
  /** The question in the reader's language (the default one when none was set). */
  question: string;
  projectName: string;
  kind: 'baseline' | 'follow_up';
  status: 'open' | 'closed';
  closesText: string;
  /** This reader's current answer, if any. */
  myScore: number | null;
  /** 1–5 questions, worded in the reader's language. */
  questions: SurveyQuestionView[];
  /** Answered with a form (modal on Slack, form card on Feishu) rather than the 0–10 buttons. */
  form: boolean;
  anonymous: boolean;
  /** The wave number of a recurring pulse; null for a one-off survey. */
  wave: number | null;
}

export type QuestionKind = 'nps' | 'rating' | 'choice' | 'text';

export interface SurveyQuestionView {
  type: QuestionKind;
  text: string;
  /** Single choice only. */
  choices: string[];
}

/** One question's result with its statistic; every number null while hidden (fewer than 3 answers). */
export type QuestionResultView = { question: SurveyQuestionView } & (
  | { type: 'nps'; summary: NpsSummaryView }
  | { type: 'rating'; summary: { n: number; hidden: boolean; mean: number | null; interval: { low: number; high: number } | null; distribution: number[] | null } }
  | { type: 'choice'; summary: { n: number; hidden: boolean; counts: number[] | null } }
  | { type: 'text'; summary: { n: number; hidden: boolean; comments: string[] | null } }
);

/** One wave of a recurring pulse: its answers and each question's headline (NPS or mean; null while hidden or for choice/text). */
export interface WaveView {
  wave: number;
  openedText: string;
  n: number;
  values: (number | null)[];
}

/** NPS numbers of one survey; everything but `n` is null while hidden (fewer than 3 answers). */
export interface NpsSummaryView {
  n: number;
  hidden: boolean;
  nps: number | null;
  interval: { low: number; high: number } | null;
  promoters: number | null;
  passives: number | null;
  detractors: number | null;
  /** Answers per score 0–10. */
  distribution: number[] | null;
}

/** The results card: this survey, and the project's baseline vs follow-up comparison. */
export interface SurveyResultsView {
  survey: SurveyView;
  summary: NpsSummaryView;
  /** Latest closed baseline and follow-up surveys of the project (either may be missing). */
  comparison: { baseline: NpsSummaryView | null; followUp: NpsSummaryView | null };
  /** Minimum answers before results are shown. */
  minResponses: number;
  /** Every question's result, in order. */
  questions: QuestionResultView[];
  /** A pulse's waves so far, oldest first; null for a one-off survey. */
  trend: WaveView[] | null;
}

/** How a review's due date reads on every surface: its date, and whether (and how long) it is overdue. */
export interface DueView {
  text: string;
  overdue: boolean;
  /** Whole days overdue; 0 while it is not. */
  days: number;
}

/** A due 90-day (or second) review, as the owner's card shows it. */
export interface ReviewDueView {
  scheduleId: string;
  kind: 'first' | 'second';
  outcomeId: string;
  title: string;
  dueText: string;
  /** The due date with whether it is overdue (one definition: src/domain/followup-rules.ts). */
  due: DueView;
  status: 'scheduled' | 'notified' | 'done' | 'cancelled';
  owner: PersonView;
  metrics: { id: string; name: string; unit: string; direction: 'increase' | 'decrease'; baseline: number; target: number; actual: number | null; forecast?: ForecastView }[];
  url: string;
}

/** A metric short of its target by more than the threshold, with the numbers of the formula. */
export interface ShortfallView {
  name: string;
  unit: string;
  baseline: number;
  target: number;
  actual: number;
  /** (actual − baseline) / (target − baseline), raw. */
  progress: number;
  /** 1 − progress. */
  shortfall: number;
}

/** The five SMART criteria (Doran 1981) in display order, with their label keys. */
export const SMART_CRITERIA = [
  ['specific', 'card.smart.specific'],
  ['measurable', 'card.smart.measurable'],
  ['assignable', 'card.smart.assignable'],
  ['realistic', 'card.smart.realistic'],
  ['timeRelated', 'card.smart.time_related'],
] as const satisfies readonly (readonly [keyof OutcomeView['smart'], string])[];

/** Where a metric stands against its review (design.md §10). */
export type MetricStatusView = 'achieved' | 'on_track' | 'at_risk' | 'off_track' | 'no_data';

/** One metric's forecast as cards, App Home and the dashboard show it. */
export interface ForecastView {
  status: MetricStatusView;
  /** The trend's value at the review date; null with fewer than 3 usable readings. */
  projected: number | null;
  /** The review date, formatted; null when the metric has none. */
  reviewText: string | null;
  /** Readings the forecast left out (outliers, invalid values): shown marked, never silently used. */
  flaggedIds: string[];
}

/** A reading as the at-risk alert lists it. */
export interface ReadingLineView {
  value: number;
  dateText: string;
  source: 'manual' | 'review' | 'api' | 'webhook' | 'pull';
}

/** "What to look at", from the forecast's hint rules. */
export type HintView =
  | { kind: 'stalled_trend'; reason: 'flat' | 'wrong_direction' }
  | { kind: 'recent_drop'; value: number; dateText: string; expected: number }
  | { kind: 'missing_data'; days: number; lastText: string; every: number };

/** The at-risk alert: the projection with its formula, the readings it used, and the hints. */
export interface AtRiskView {
  title: string;
  metric: { name: string; unit: string; baseline: number; target: number };
  status: MetricStatusView;
  /** intercept + slopePerDay · days = value; null when the status comes from the plan line (1–2 readings). */
  formula: { originText: string; intercept: number; slopePerDay: number; days: number; value: number; shortfall: number | null } | null;
  reviewText: string;
  threshold: number;
  /** The most recent readings used, newest first. */
  recent: ReadingLineView[];
  /** How many readings the forecast used in all. */
  used: number;
  /** Readings left out as outliers (or invalid), named. */
  flagged: ReadingLineView[];
  hints: HintView[];
  /** The first review is still open (scheduled or sent). */
  reviewOpen: boolean;
  url: string;
}

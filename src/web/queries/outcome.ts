import type { OutcomeView } from '../../../cards/view.ts';
import type { Db } from '../../db/client.ts';
import { findVisibleOutcome, listOutcomeReadings, readOutcomeTimeline } from '../../db/queries/outcome-page.ts';
import { sourcesOfOutcome, type SourceHealth } from '../../db/queries/source-health.ts';
import { DomainError } from '../../domain/errors.ts';
import { changePct, shortfallsOf, type ShortfallLine } from '../../domain/metrics.ts';
import { roi } from '../../domain/roi.ts';
import { meanScores } from '../../domain/scores.ts';
import type { ReadingSource, ScoreCard } from '../../domain/types.ts';
import { loadOutcomeView } from '../../views/outcome-view.ts';
import { readerOf } from '../context/viewer.ts';
import { loadOutcomeActivity, type OutcomeActivity } from './activity.ts';
import { lessonsOfOutcome, type LessonRow } from '../../db/queries/lessons.ts';
import type { LessonFormState } from '../render/lessons.ts';
import { loadOkrLink, type OkrLinkData } from './okr.ts';
import type { Viewer } from '../env.ts';
import type { UploadOffer } from '../render/evidence-upload.ts';
import { loadSimilar, type SimilarOutcome } from './knowledge.ts';

export interface OutcomePageData {
  view: OutcomeView;
  workspacePlatform: 'slack' | 'feishu';
  workspaceExternalId: string;
  /** Readings per metric (same order as view.metrics), oldest first. */
  readings: { id: string; measuredAt: Date; value: number; source: ReadingSource }[][];
  schedules: { kind: 'first' | 'second'; dueAt: Date; status: 'scheduled' | 'notified' | 'done' | 'cancelled'; completedAt: Date | null }[];
  /** Metrics whose shortfall exceeds the workspace threshold (the 90-day deviation alert), with their change %. */
  alerts: (ShortfallLine & { changePct: number | null })[];
  threshold: number;
  cost: number | null;
  benefit: number | null;
  roi: number | null;
  scores: ScoreCard | null;
  /** The metrics' automatic sources, with their last success and last error. */
  sources: SourceHealth[];
  /** Comments and the latest audit entries (src/web/queries/activity.ts). */
  activity?: OutcomeActivity;
  /** Set by the page route when the viewer may upload a file here. */
  upload?: UploadOffer;
  /** Similar past outcomes the viewer may see (knowledge base). */
  similar: SimilarOutcome[];
  /** The outcome's lessons (复盘), newest first, and the lesson form as it was submitted when it had problems. */
  lessons?: LessonRow[];
  lessonForm?: LessonFormState;
  /** The key result it counts towards (src/web/queries/okr.ts). */
  okr?: OkrLinkData;
}

/**
 * Everything the outcome page shows. `not_found` when the outcome is in another workspace
 * or outside what this viewer may see: the two look the same, so ids do not leak.
 */
export async function loadOutcomePage(db: Db, v: Viewer, outcomeId: string, publicUrl: string, now: Date): Promise<OutcomePageData> {
  const row = await findVisibleOutcome(db, v.workspace.id, readerOf(v), outcomeId);
  if (!row) throw new DomainError('not_found', 'error.not_found');
  const [view, { ms, schedules }] = await Promise.all([loadOutcomeView(db, v.workspace.id, outcomeId, { timeZone: v.timeZone, publicUrl, forecast: { threshold: v.workspace.settings.shortfallThreshold, now } }), readOutcomeTimeline(db, v.workspace.id, outcomeId)]);
  if (!view) throw new DomainError('not_found', 'error.not_found');
  const [readingRows, sources] = ms.length ? await Promise.all([listOutcomeReadings(db, v.workspace.id, outcomeId), sourcesOfOutcome(db, v.workspace.id, outcomeId)]) : [[], []];
  const okr = await loadOkrLink(db, v, outcomeId);
  const threshold = v.workspace.settings.shortfallThreshold;
  // The deviation rule is the domain's, as on the cards; the page's JSON also states the change %.
  const alerts = shortfallsOf(view.metrics, threshold).alerts.map((a) => ({ ...a, changePct: changePct(a.baseline, a.actual) }));
  const cards = view.reviews.flatMap((r) => (r.scores ? [r.scores] : []));
  return {
    view,
    workspacePlatform: v.workspace.platform,
    workspaceExternalId: v.workspace.externalId,
    readings: ms.map((m) => readingRows.filter((r) => r.metricId === m.id)),
    schedules,
    alerts,
    threshold,
    cost: row.cost,
    benefit: row.benefit,
    roi: roi(row.cost, row.benefit),
    scores: meanScores(cards),
    sources,
    activity: await loadOutcomeActivity(db, v, outcomeId),
    similar: await loadSimilar(db, v, { id: outcomeId, title: view.title }),
    lessons: await lessonsOfOutcome(db, v.workspace.id, outcomeId),
    okr,
  };
}

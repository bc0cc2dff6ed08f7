import type { OutcomeView, PersonView, ReviewView } from '../../cards/view.ts';
import type { Db } from '../db/client.ts';
import { readOutcomeParts, type OutcomeParts } from '../db/queries/outcomes.ts';
import { stageDecision, type ReviewRow } from '../db/queries/reviews.ts';
import { changePct, progress } from '../domain/metrics.ts';
import { checkSmart } from '../domain/smart.ts';
import { dayOf } from '../domain/calendar-date.ts';
import { dateText, dateTimeText } from './dates.ts';
import { withForecast, type ForecastBasis } from './forecast-view.ts';
import { loadMetricForecasts, type MetricForecast } from './metric-forecasts.ts';

export interface Viewer {
  timeZone: string;
  publicUrl: string;
  /** When given, each metric carries its forecast (status and projection at the review). */
  forecast?: ForecastBasis;
}

const SMART_FIELDS = {
  specific: /^(title|description|indicatorClass|projectId)$/,
  measurable: /^metrics(\.\d+\.(name|unit|baseline|actual))?$/,
  assignable: /^ownerId$/,
  realistic: /^metrics\.\d+\.(target|direction)$/,
  timeRelated: /^dueDate$/,
};

/**
 * Everything a card or page shows about one outcome, read in a handful of indexed
 * queries and shaped as the cards' view model. Null when it is not in this workspace.
 */
export async function loadOutcomeView(db: Db, workspaceId: string, outcomeId: string, viewer: Viewer): Promise<OutcomeView | null> {
  const parts = await readOutcomeParts(db, workspaceId, outcomeId);
  if (!parts) return null;
  return outcomeViewOf(parts, viewer, viewer.forecast && (await forecastsOf(db, workspaceId, parts, viewer.forecast)));
}

/** The forecasts of the outcome's metrics (one read for all of them). */
export const forecastsOf = (db: Db, workspaceId: string, parts: OutcomeParts, basis: ForecastBasis) =>
  loadMetricForecasts(db, workspaceId, parts.metrics.map((m) => m.id), basis.threshold, basis.now);

const personOf = (parts: OutcomeParts) => {
  const folks = new Map(parts.people.map((p) => [p.id, p]));
  return (id: string | null): PersonView | null => {
    const p = id ? folks.get(id) : undefined;
    return p ? { address: p.platformUserId, name: p.name || p.platformUserId } : null;
  };
};

/** The cards' view model of outcome parts already read (see {@link loadOutcomeView}). */
export function outcomeViewOf(parts: OutcomeParts, viewer: Viewer, forecasts?: ReadonlyMap<string, MetricForecast>): OutcomeView {
  const { outcome: o, project, metrics: ms, evidence: ev, reviews: rs } = parts;
  const person = personOf(parts);
  const tz = viewer.timeZone;
  const problems = checkSmart({
    title: o.title,
    description: o.description,
    indicatorClass: o.indicatorClass,
    projectId: o.projectId,
    ownerId: o.ownerId,
    dueDate: o.dueAt,
    metrics: ms.map((m) => ({ name: m.name, unit: m.unit, direction: m.direction, baseline: m.baseline, target: m.target, actual: m.actual })),
    evidence: [],
  }).map((p) => p.field);
  const meets = (re: RegExp) => !problems.some((f) => re.test(f));

  return {
    id: o.id,
    title: o.title,
    description: o.description,
    status: o.status,
    indicatorClass: o.indicatorClass,
    project: project ? { id: project.id, name: project.name, goLiveText: project.goLiveAt ? dayOf(project.goLiveAt) : null } : null,
    dueText: o.dueAt ? dayOf(o.dueAt) : null,
    round: o.round,
    submitter: person(o.submitterId)!,
    owner: person(o.ownerId),
    reviewer: person(o.reviewerId),
    metrics: ms.map((m) => ({
      name: m.name,
      unit: m.unit,
      direction: m.direction,
      baseline: m.baseline,
      target: m.target,
      actual: m.actual,
      changePct: m.actual === null ? null : changePct(m.baseline, m.actual),
      targetChangePct: changePct(m.baseline, m.target),
      progress: m.actual === null ? null : progress(m.baseline, m.target, m.actual),
      ...withForecast(forecasts?.get(m.id), tz),
    })),
    // A file uploaded to Outcome itself is opened from the outcome page (only its readers may).
    evidence: ev.map((e) => ({ kind: e.kind, title: e.title, url: e.blobKey ? `${viewer.publicUrl}/app/outcomes/${o.id}/evidence/${e.id}` : e.url, fileRef: e.platformFileId, messageId: e.platformMessageId })),
    reviews: rs.map((r) => toReviewView(r, person(r.reviewerId) ?? { address: '', name: '' }, tz)),
    smart: { specific: meets(SMART_FIELDS.specific), measurable: meets(SMART_FIELDS.measurable), assignable: meets(SMART_FIELDS.assignable), realistic: meets(SMART_FIELDS.realistic), timeRelated: meets(SMART_FIELDS.timeRelated) },
    url: `${viewer.publicUrl}/app/outcomes/${o.id}`,
  };
}

/** One stored decision as the cards show it. */
function toReviewView(r: ReviewRow, reviewer: PersonView, timeZone: string): ReviewView {
  return {
    round: r.round,
    stage: r.stage,
    decision: r.decision,
    reviewer,
    comment: r.comment,
    scores: r.impact && r.difficulty && r.innovation ? { impact: r.impact, difficulty: r.difficulty, innovation: r.innovation } : null,
    decidedAt: r.decidedAt.toISOString(),
    decidedAtText: dateTimeText(r.decidedAt, timeZone),
  };
}

/** {@link loadStageDecision} from outcome parts already read (its reviewer among their people). */
export function stageDecisionOf(parts: OutcomeParts, round: number, stage: 'manager' | 'pmo', timeZone: string): ReviewView | null {
  const r = parts.reviews.find((x) => x.round === round && x.stage === stage);
  const reviewer = r && personOf(parts)(r.reviewerId);
  return r && reviewer ? toReviewView(r, reviewer, timeZone) : null;
}

/** The decision on one stage of one round among an outcome view's decisions; null while open. */
export function decisionIn(outcome: OutcomeView, round: number, stage: 'manager' | 'pmo'): ReviewView | null {
  return outcome.reviews.find((r) => r.round === round && r.stage === stage) ?? null;
}

/** The decision taken on one stage of one round (what a decided card shows); null while open. */
export async function loadStageDecision(db: Db, workspaceId: string, outcomeId: string, round: number, stage: 'manager' | 'pmo', timeZone: string): Promise<ReviewView | null> {
  const row = await stageDecision(db, workspaceId, outcomeId, round, stage);
  return row ? toReviewView(row.r, { address: row.address, name: row.name || row.address }, timeZone) : null;
}

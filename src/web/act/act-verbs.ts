/**
 * The web's and the API's writes on outcomes: each calls the same domain verb as chat, with the
 * signed-in person as the actor, so roles, checks and errors are chat's, and the verb's outbox
 * rows (approval requests, card updates, notices) reach the chat cards through delivery.
 */
import { calendarDate } from '../../domain/calendar-date.ts';
import { decideOutcome } from '../../domain/decide-outcome.ts';
import { recordReview } from '../../domain/record-review.ts';
import { resubmitOutcome } from '../../domain/resubmit-outcome.ts';
import { submitOutcome } from '../../domain/submit-outcome.ts';
import type { Decision, IndicatorClass, MetricInput, OutcomeDraft, ReviewStage, ScoreCard } from '../../domain/types.ts';
import type { Deps } from '../../deps.ts';
import type { Viewer } from '../env.ts';
import { actorOf, workspaceOf } from '../queries/my-approvals.ts';

/** An outcome as a web form or an API call sends it (untrusted: the verb checks every field). */
export interface OutcomeInput {
  title: string;
  description: string;
  indicatorClass: IndicatorClass | null;
  projectId: string | null;
  reviewerId: string | null;
  /** The go-live (due) date, YYYY-MM-DD. */
  dueDate: string | null;
  metrics: MetricInput[];
  links: string[];
}

export interface DecisionInput {
  decision: Decision;
  comment: string | null;
  scores: ScoreCard | null;
  /** The round and stage the reviewer looked at: a decision on an older view is `already_decided`. */
  round?: number;
  stage?: ReviewStage;
}

export interface ReviewInput {
  values: Record<string, number | null>;
  evidenceUrl: string | null;
  comment: string | null;
}

/** A date as typed: empty is none, anything but YYYY-MM-DD an invalid date the SMART check names. */
export function dayInput(day: string | null): Date | null {
  if (!day) return null;
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? calendarDate(day) : new Date(Number.NaN);
}

/** The draft the verbs take; the member who submits owns the outcome, as in chat. */
function draftOf(input: OutcomeInput, ownerId: string): OutcomeDraft {
  return {
    title: input.title,
    description: input.description,
    indicatorClass: input.indicatorClass,
    projectId: input.projectId,
    ownerId,
    dueDate: dayInput(input.dueDate),
    metrics: input.metrics,
    evidence: input.links.map((ref) => ({ kind: 'link' as const, ref })),
  };
}

const reviewerOf = async (deps: Deps, v: Viewer, id: string | null) => (id ? deps.verbs.people.person(v.workspace.id, id) : null);

/** Submits a new outcome; `clientKey` (the form's nonce, an Idempotency-Key) makes a repeated post store once. */
export async function actSubmit(deps: Deps, v: Viewer, input: OutcomeInput, clientKey: string | null) {
  const reviewer = await reviewerOf(deps, v, input.reviewerId);
  return submitOutcome({ ctx: deps.verbs, input: { workspace: workspaceOf(v), submitter: actorOf(v), reviewer, draft: draftOf(input, v.person.id), clientKey: clientKey ? `web:${v.person.id}:${clientKey}` : null } });
}

/** The edited outcome after "request changes": a new round at the manager. */
export async function actResubmit(deps: Deps, v: Viewer, outcomeId: string, input: OutcomeInput) {
  const reviewer = await reviewerOf(deps, v, input.reviewerId);
  return resubmitOutcome({ ctx: deps.verbs, input: { workspace: workspaceOf(v), outcomeId, actor: actorOf(v), reviewer, draft: draftOf(input, v.person.id) } });
}

/** A reviewer's decision on the current stage (manager, or PMO). */
export const actDecide = (deps: Deps, v: Viewer, outcomeId: string, d: DecisionInput) =>
  decideOutcome({ ctx: deps.verbs, input: { workspace: workspaceOf(v), outcomeId, actor: actorOf(v), decision: d.decision, comment: d.comment, scores: d.scores, ...(d.round ? { round: d.round } : {}), ...(d.stage ? { stage: d.stage } : {}) } });

/** The owner's 90-day (or second) review: actual values per metric id. */
export const actRecordReview = (deps: Deps, v: Viewer, scheduleId: string, r: ReviewInput) =>
  recordReview({ ctx: { clock: deps.clock, reviews: deps.repos.reviews, people: deps.repos.people, via: deps.verbs.via }, input: { workspace: workspaceOf(v), scheduleId, actor: actorOf(v), values: r.values, evidenceUrl: r.evidenceUrl, comment: r.comment } });

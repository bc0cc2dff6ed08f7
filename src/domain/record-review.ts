import { cleanOptional } from './clean-text.ts';
import { DomainError, assertNoFieldErrors, type FieldError } from './errors.ts';
import { shortfallsOf, type ShortfallLine } from './metrics.ts';
import { lessonsPrompts } from './lessons-prompt.ts';
import type { Clock, Notification, PeopleDirectory, PersonRef, ReviewRepo, WorkspaceContext } from './ports.ts';

export interface ReviewContext {
  clock: Clock;
  reviews: ReviewRepo;
  people: PeopleDirectory;
}

export interface RecordReviewInput {
  workspace: WorkspaceContext;
  scheduleId: string;
  actor: PersonRef;
  /** Actual value per metric id. */
  values: Record<string, number | null | undefined>;
  evidenceUrl?: string | null;
  comment?: string | null;
}

export type { ShortfallLine };

/**
 * The owner records what actually happened at the 90-day (or second) review. Values become
 * readings (source `review`); a metric short of its target by more than the threshold
 * raises an alert to the owner, their manager and the PMO, stating the numbers.
 */
export async function recordReview({ ctx, input: raw }: { ctx: ReviewContext; input: RecordReviewInput }) {
  const input = { ...raw, comment: cleanOptional(raw.comment), evidenceUrl: cleanOptional(raw.evidenceUrl) };
  const { workspace, actor } = input;
  const review = await ctx.reviews.get(workspace.id, input.scheduleId);
  if (!review) throw new DomainError('not_found', 'error.not_found');
  if (review.ownerId !== actor.id) throw new DomainError('forbidden', 'error.review_owner_only');
  if (review.status === 'done' || review.status === 'cancelled') throw new DomainError('closed', 'error.review_already_recorded');

  const problems: FieldError[] = [];
  const readings = review.metrics.flatMap((m) => {
    const v = input.values[m.id];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      problems.push({ field: `values.${m.id}`, key: 'review.actual_required', params: { metric: m.name } });
      return [];
    }
    return [{ metricId: m.id, value: v }];
  });
  const evidenceUrl = input.evidenceUrl?.trim() || null;
  if (evidenceUrl && !/^https?:\/\/\S+$/i.test(evidenceUrl)) problems.push({ field: 'evidenceUrl', key: 'smart.evidence_bad_url' });
  assertNoFieldErrors(problems);

  const short: ShortfallLine[] = shortfallsOf(review.metrics.map((m) => ({ ...m, actual: input.values[m.id] as number })), workspace.settings.shortfallThreshold).alerts;
  const now = ctx.clock.now();
  const notifications: Notification[] = [
    { kind: 'review_recorded', to: { personId: actor.id, address: actor.address }, data: { outcomeId: review.outcomeId, scheduleId: review.scheduleId, alerts: short.length }, dedupeKey: `review_recorded:${review.scheduleId}` },
  ];
  notifications.push(...(await lessonsPrompts(ctx.people, workspace, review, actor)));
  if (short.length) notifications.push(...(await alertRecipients(ctx, workspace, actor)).map((to) => ({ kind: 'shortfall_alert' as const, to, data: { outcomeId: review.outcomeId, scheduleId: review.scheduleId, title: review.outcomeTitle, metrics: short }, dedupeKey: `shortfall_alert:${review.scheduleId}:${to.address}` })));

  const result = await ctx.reviews.saveResult({
    workspaceId: workspace.id,
    scheduleId: review.scheduleId,
    outcomeId: review.outcomeId,
    actorId: actor.id,
    at: now,
    readings,
    evidenceUrl,
    comment: input.comment?.trim() || null,
    audit: { entity: 'outcome', entityId: review.outcomeId, action: `review_${review.kind}`, actorId: actor.id, fromStatus: null, toStatus: null, comment: input.comment?.trim() || null, at: now },
    notifications,
  });
  if (result === 'stale') throw new DomainError('closed', 'error.review_already_recorded');
  return { alerts: short };
}

/** Owner, their manager, and the PMO (channel, else each reviewer), each once. */
async function alertRecipients(ctx: ReviewContext, workspace: WorkspaceContext, owner: PersonRef) {
  const manager = owner.managerId ? await ctx.people.person(workspace.id, owner.managerId) : null;
  const pmo = await ctx.people.pmo(workspace);
  const list = [owner, ...(manager ? [manager] : []), ...(pmo.channel ? [{ id: null, address: pmo.channel }] : pmo.reviewers)];
  const seen = new Set<string>();
  return list.filter((p) => !seen.has(p.address) && seen.add(p.address)).map((p) => ({ personId: p.id, address: p.address }));
}

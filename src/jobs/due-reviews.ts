import type { Db } from '../db/client.ts';
import { markReviewEscalated, markReviewNotified, markReviewReminded, reviewsToEscalate, reviewsToNotify, reviewsToRemind, type ReviewDueRow } from '../db/queries/jobs.ts';
import { personById } from '../db/queries/people.ts';
import { escalationRecipients, followUpPlan, isReviewDue, shouldEscalate, shouldRemind } from '../domain/followup-rules.ts';
import { zoneOr } from '../domain/schedule.ts';
import { eachItem, JOB_BATCH, type JobLog, notify, workspaceCache } from './job-kit.ts';

const ownerOf = (db: Db, r: ReviewDueRow) => personById(db, r.s.workspaceId, r.ownerId ?? r.submitterId);
const toOwner = (owner: { id: string; platformUserId: string } | null) => (owner ? [{ personId: owner.id, address: owner.platformUserId }] : []);

/**
 * Reviews whose day has come: the owner gets the review card, and the reminder and the
 * escalation are planned by the follow-up rules (settings' delays, owner's zone).
 */
export async function notifyDueReviews(db: Db, now: Date, log: JobLog): Promise<number> {
  const due = (await reviewsToNotify(db, now, JOB_BATCH)).filter((r) => isReviewDue(r.s, now));
  const workspace = workspaceCache(db);
  return eachItem('due reviews', due, (r) => r.s.id, async (r) => {
    const w = await workspace(r.s.workspaceId);
    const owner = await ownerOf(db, r);
    const plan = followUpPlan(now, w.settings, zoneOr(owner?.timeZone, w.settings.timeZone));
    const data = { scheduleId: r.s.id, outcomeId: r.s.outcomeId };
    await db.batch([markReviewNotified(db, r.s.id, now, plan), ...notify(db, w, toOwner(owner).map((to) => ({ kind: 'review_due', to, data, dedupeKey: `review_due:${r.s.id}` })), now)]);
  }, log);
}

/** One reminder to the owner when the review is still open at its reminder time. */
export async function remindOpenReviews(db: Db, now: Date, log: JobLog): Promise<number> {
  const rows = (await reviewsToRemind(db, now, JOB_BATCH)).filter((r) => shouldRemind(r.s, now));
  const workspace = workspaceCache(db);
  return eachItem('review reminders', rows, (r) => r.s.id, async (r) => {
    const w = await workspace(r.s.workspaceId);
    const owner = await ownerOf(db, r);
    const data = { scheduleId: r.s.id, outcomeId: r.s.outcomeId };
    await db.batch([markReviewReminded(db, r.s.id, now), ...notify(db, w, toOwner(owner).map((to) => ({ kind: 'review_reminder', to, data, dedupeKey: `review_reminder:${r.s.id}` })), now)]);
  }, log);
}

/** At its escalation time the owner's manager (or, without one, the PMO) is told; the review stays open. */
export async function escalateOverdueReviews(db: Db, now: Date, log: JobLog): Promise<number> {
  const rows = (await reviewsToEscalate(db, now, JOB_BATCH)).filter((r) => shouldEscalate(r.s, now));
  const workspace = workspaceCache(db);
  return eachItem('review escalations', rows, (r) => r.s.id, async (r) => {
    const w = await workspace(r.s.workspaceId);
    const owner = await ownerOf(db, r);
    const manager = owner?.managerId ? await personById(db, r.s.workspaceId, owner.managerId) : null;
    const to = escalationRecipients(manager && { personId: manager.id, address: manager.platformUserId }, w.settings);
    const data = { scheduleId: r.s.id, outcomeId: r.s.outcomeId, ownerId: owner?.id ?? null };
    await db.batch([markReviewEscalated(db, r.s.id, now), ...notify(db, w, to.map((t) => ({ kind: 'review_escalation', to: t, data, dedupeKey: `review_escalation:${r.s.id}:${t.address}` })), now)]);
  }, log);
}

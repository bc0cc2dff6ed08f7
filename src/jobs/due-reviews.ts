import { and, asc, eq, isNull, lte, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { outcomes, reviewSchedules } from '../db/schema/index.ts';
import { workingMorningAfter, zoneOr } from '../domain/schedule.ts';
import { eachItem, JOB_BATCH, type JobLog, notify, personInfo, pmoAddresses, workspaceCache } from './job-kit.ts';

/** Days after the due card before the manager is told the review is overdue. */
export const ESCALATE_AFTER_DAYS = 7;

/** Up to a batch of review schedules matching `where`, with their outcome's owner (or submitter). */
function reviewsWhere(db: Db, where: SQL | undefined) {
  return db
    .select({ s: reviewSchedules, ownerId: outcomes.ownerId, submitterId: outcomes.submitterId })
    .from(reviewSchedules)
    .innerJoin(outcomes, eq(outcomes.id, reviewSchedules.outcomeId))
    .where(where)
    .orderBy(asc(reviewSchedules.dueAt))
    .limit(JOB_BATCH);
}

/**
 * Reviews whose day has come: the owner gets the review card, and the reminder and the
 * escalation are planned for 09:00 on a working day in the owner's zone.
 */
export async function notifyDueReviews(db: Db, now: Date, log: JobLog): Promise<number> {
  const due = await reviewsWhere(db, and(eq(reviewSchedules.status, 'scheduled'), lte(reviewSchedules.dueAt, now)));
  const workspace = workspaceCache(db);
  return eachItem('due reviews', due, (r) => r.s.id, async ({ s, ownerId, submitterId }) => {
    const w = await workspace(s.workspaceId);
    const owner = await personInfo(db, ownerId ?? submitterId);
    const tz = zoneOr(owner?.timeZone, w.settings.timeZone);
    await db.batch([
      db
        .update(reviewSchedules)
        .set({
          status: 'notified',
          notifiedAt: now,
          remindAt: workingMorningAfter(now, w.settings.reminderAfterDays, tz),
          escalateAt: workingMorningAfter(now, ESCALATE_AFTER_DAYS, tz),
        })
        .where(and(eq(reviewSchedules.id, s.id), eq(reviewSchedules.status, 'scheduled'))),
      ...notify(db, w, owner ? [{ kind: 'review_due', to: { personId: owner.id, address: owner.platformUserId }, data: { scheduleId: s.id, outcomeId: s.outcomeId }, dedupeKey: `review_due:${s.id}` }] : [], now),
    ]);
  }, log);
}

/** One reminder to the owner when the review is still open at its reminder time. */
export async function remindOpenReviews(db: Db, now: Date, log: JobLog): Promise<number> {
  const rows = await reviewsWhere(db, and(eq(reviewSchedules.status, 'notified'), lte(reviewSchedules.remindAt, now), isNull(reviewSchedules.remindedAt)));
  const workspace = workspaceCache(db);
  return eachItem('review reminders', rows, (r) => r.s.id, async ({ s, ownerId, submitterId }) => {
    const w = await workspace(s.workspaceId);
    const owner = await personInfo(db, ownerId ?? submitterId);
    await db.batch([
      db.update(reviewSchedules).set({ remindedAt: now }).where(and(eq(reviewSchedules.id, s.id), isNull(reviewSchedules.remindedAt))),
      ...notify(db, w, owner ? [{ kind: 'review_reminder', to: { personId: owner.id, address: owner.platformUserId }, data: { scheduleId: s.id, outcomeId: s.outcomeId }, dedupeKey: `review_reminder:${s.id}` }] : [], now),
    ]);
  }, log);
}

/** After a week the owner's manager (or, without one, the PMO) is told; the review stays open. */
export async function escalateOverdueReviews(db: Db, now: Date, log: JobLog): Promise<number> {
  const rows = await reviewsWhere(db, and(eq(reviewSchedules.status, 'notified'), lte(reviewSchedules.escalateAt, now), isNull(reviewSchedules.escalatedAt)));
  const workspace = workspaceCache(db);
  return eachItem('review escalations', rows, (r) => r.s.id, async ({ s, ownerId, submitterId }) => {
    const w = await workspace(s.workspaceId);
    const owner = await personInfo(db, ownerId ?? submitterId);
    const manager = await personInfo(db, owner?.managerId ?? null);
    const to = manager ? [{ personId: manager.id, address: manager.platformUserId }] : pmoAddresses(w.settings).map((address) => ({ personId: null, address }));
    await db.batch([
      db.update(reviewSchedules).set({ escalatedAt: now }).where(and(eq(reviewSchedules.id, s.id), isNull(reviewSchedules.escalatedAt))),
      ...notify(db, w, to.map((r) => ({ kind: 'review_escalation', to: r, data: { scheduleId: s.id, outcomeId: s.outcomeId, ownerId: owner?.id ?? null }, dedupeKey: `review_escalation:${s.id}:${r.address}` })), now),
    ]);
  }, log);
}

import { and, asc, eq, gt, isNull, lte, type SQL } from 'drizzle-orm';
import type { WorkspaceSettingsShape } from '../../domain/settings.ts';
import type { Platform } from '../../domain/types.ts';
import type { Db } from '../client.ts';
import { digests, outcomes, people, reviewSchedules, surveyResponses, surveys, workspaces } from '../schema/index.ts';

/**
 * The scheduler's reads and writes. Due scans cross workspaces and are called with
 * (db, now, limit); each pre-selects, through an index, the rows the follow-up rules in
 * src/domain/followup-rules.ts decide on. Writes are returned as statements, for the job
 * to put in one db.batch() with its outbox rows.
 */

export interface WorkspaceInfo {
  id: string;
  platform: Platform;
  settings: WorkspaceSettingsShape;
}

/** One workspace's platform and settings. */
export async function workspaceInfo(db: Db, workspaceId: string): Promise<WorkspaceInfo | null> {
  const [w] = await db.select({ id: workspaces.id, platform: workspaces.platform, settings: workspaces.settings }).from(workspaces).where(eq(workspaces.id, workspaceId));
  return w ?? null;
}

/** Up to `limit` workspaces (the weekly digest visits each). */
export function listWorkspaces(db: Db, limit: number): Promise<WorkspaceInfo[]> {
  return db.select({ id: workspaces.id, platform: workspaces.platform, settings: workspaces.settings }).from(workspaces).limit(limit);
}

/** Up to `limit` review schedules matching `where`, soonest first, with their outcome's owner (or submitter). */
function reviewsWhere(db: Db, where: SQL | undefined, limit: number) {
  return db
    .select({ s: reviewSchedules, ownerId: outcomes.ownerId, submitterId: outcomes.submitterId })
    .from(reviewSchedules)
    .innerJoin(outcomes, eq(outcomes.id, reviewSchedules.outcomeId))
    .where(where)
    .orderBy(asc(reviewSchedules.dueAt))
    .limit(limit);
}

export type ReviewDueRow = Awaited<ReturnType<typeof reviewsWhere>>[number];

/** Scheduled reviews whose day has come (isReviewDue). */
export const reviewsToNotify = (db: Db, now: Date, limit: number) => reviewsWhere(db, and(eq(reviewSchedules.status, 'scheduled'), lte(reviewSchedules.dueAt, now)), limit);

/** Sent reviews whose reminder time has come and that were not reminded (shouldRemind). */
export const reviewsToRemind = (db: Db, now: Date, limit: number) =>
  reviewsWhere(db, and(eq(reviewSchedules.status, 'notified'), lte(reviewSchedules.remindAt, now), isNull(reviewSchedules.remindedAt)), limit);

/** Sent reviews whose escalation time has come and that were not escalated (shouldEscalate). */
export const reviewsToEscalate = (db: Db, now: Date, limit: number) =>
  reviewsWhere(db, and(eq(reviewSchedules.status, 'notified'), lte(reviewSchedules.escalateAt, now), isNull(reviewSchedules.escalatedAt)), limit);

/** The review card went out: its reminder and escalation are planned (only while still scheduled). */
export const markReviewNotified = (db: Db, scheduleId: string, now: Date, plan: { remindAt: Date; escalateAt: Date }) =>
  db
    .update(reviewSchedules)
    .set({ status: 'notified', notifiedAt: now, ...plan })
    .where(and(eq(reviewSchedules.id, scheduleId), eq(reviewSchedules.status, 'scheduled')));

/** The one reminder was sent. */
export const markReviewReminded = (db: Db, scheduleId: string, now: Date) =>
  db.update(reviewSchedules).set({ remindedAt: now }).where(and(eq(reviewSchedules.id, scheduleId), isNull(reviewSchedules.remindedAt)));

/** The one escalation was sent. */
export const markReviewEscalated = (db: Db, scheduleId: string, now: Date) =>
  db.update(reviewSchedules).set({ escalatedAt: now }).where(and(eq(reviewSchedules.id, scheduleId), isNull(reviewSchedules.escalatedAt)));

/** Open surveys whose reminder time has come, before they close. */
export const surveysToRemind = (db: Db, now: Date, limit: number) =>
  db
    .select()
    .from(surveys)
    .where(and(eq(surveys.status, 'open'), lte(surveys.remindAt, now), gt(surveys.closesAt, now)))
    .limit(limit);

/** Platform addresses of those who answered the survey. */
export async function surveyRespondents(db: Db, workspaceId: string, surveyId: string): Promise<Set<string>> {
  return new Set((await db.select({ r: surveyResponses.respondentId }).from(surveyResponses).where(and(eq(surveyResponses.workspaceId, workspaceId), eq(surveyResponses.surveyId, surveyId)))).map((x) => x.r));
}

/** Pulse waves whose start has come (the open-or-closed state of the previous wave does not matter). */
export const surveysWithWaveDue = (db: Db, now: Date, limit: number) =>
  db
    .select()
    .from(surveys)
    .where(lte(surveys.nextWaveAt, now))
    .limit(limit);

/** The previous wave hands over: its next start is spent (only if still the one that was read). */
export const markWaveStarted = (db: Db, surveyId: string, scheduledAt: Date) =>
  db.update(surveys).set({ nextWaveAt: null }).where(and(eq(surveys.id, surveyId), eq(surveys.nextWaveAt, scheduledAt)));

/** A new wave of a pulse: the previous wave's row with a new id, times and number. */
export const insertWave = (db: Db, row: typeof surveys.$inferInsert) => db.insert(surveys).values(row);

/** The survey's one reminder is spent. */
export const markSurveyReminded = (db: Db, surveyId: string) => db.update(surveys).set({ remindAt: null }).where(eq(surveys.id, surveyId));

/** Open surveys whose closing time has come, with the starter's platform address. */
export const surveysToClose = (db: Db, now: Date, limit: number) =>
  db
    .select({ s: surveys, starter: people.platformUserId })
    .from(surveys)
    .innerJoin(people, eq(people.id, surveys.startedBy))
    .where(and(eq(surveys.status, 'open'), lte(surveys.closesAt, now)))
    .limit(limit);

/** Closes the survey (only while still open). */
export const closeSurvey = (db: Db, surveyId: string, now: Date) =>
  db.update(surveys).set({ status: 'closed', closedAt: now, remindAt: null }).where(and(eq(surveys.id, surveyId), eq(surveys.status, 'open')));

/** True when this workspace's digest for the ISO week was written. */
export async function digestWritten(db: Db, workspaceId: string, isoWeek: string): Promise<boolean> {
  const [d] = await db.select({ id: digests.workspaceId }).from(digests).where(and(eq(digests.workspaceId, workspaceId), eq(digests.week, isoWeek))).limit(1);
  return Boolean(d);
}

/** Claims the week's digest; its unique key makes a second claim fail the whole batch. */
export const claimDigest = (db: Db, workspaceId: string, isoWeek: string, now: Date) => db.insert(digests).values({ workspaceId, week: isoWeek, createdAt: now });

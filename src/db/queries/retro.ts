import { and, asc, desc, eq, gte, inArray, isNotNull, lt, lte, or, isNull, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { outcomeAttainment } from './insights.ts';
import { lessons, metrics, outcomes, people, projects, retroActions, retrospectives, reviewSchedules, workspaces } from '../schema/index.ts';

export type RetrospectiveRow = typeof retrospectives.$inferSelect;

/** One retrospective of a workspace; undefined when it is not in it. */
export async function retrospectiveById(db: Db, workspaceId: string, id: string): Promise<RetrospectiveRow | undefined> {
  const [row] = await db.select().from(retrospectives).where(and(eq(retrospectives.workspaceId, workspaceId), eq(retrospectives.id, id)));
  return row;
}

/** The workspace's retrospectives, latest period first. */
export function listRetrospectives(db: Db, workspaceId: string, limit = 24) {
  return db.select().from(retrospectives).where(eq(retrospectives.workspaceId, workspaceId)).orderBy(desc(retrospectives.periodStart)).limit(limit);
}

/** The keys of the workspace's latest few retrospectives (the job asks whether the last full period is among them). */
export async function periodsTaken(db: Db, workspaceId: string): Promise<Set<string>> {
  const rows = await db.select({ key: retrospectives.periodKey }).from(retrospectives).where(eq(retrospectives.workspaceId, workspaceId)).orderBy(desc(retrospectives.periodStart)).limit(3);
  return new Set(rows.map((r) => r.key));
}

const actionColumns = {
  id: retroActions.id,
  retrospectiveId: retroActions.retrospectiveId,
  title: retroActions.title,
  ownerId: retroActions.ownerId,
  ownerName: people.name,
  ownerAddress: people.platformUserId,
  dueAt: retroActions.dueAt,
  status: retroActions.status,
  remindedOn: retroActions.remindedOn,
  doneAt: retroActions.doneAt,
};

/** The actions of a retrospective with their owners, in due order. */
export function actionsOf(db: Db, workspaceId: string, retrospectiveId: string) {
  return db
    .select(actionColumns)
    .from(retroActions)
    .innerJoin(people, eq(people.id, retroActions.ownerId))
    .where(and(eq(retroActions.workspaceId, workspaceId), eq(retroActions.retrospectiveId, retrospectiveId)))
    .orderBy(asc(retroActions.dueAt), asc(retroActions.createdAt));
}

export type RetroActionRow = Awaited<ReturnType<typeof actionsOf>>[number];

/** One action with its owner; undefined when it is not in the workspace. */
export async function actionById(db: Db, workspaceId: string, id: string): Promise<RetroActionRow | undefined> {
  const [row] = await db.select(actionColumns).from(retroActions).innerJoin(people, eq(people.id, retroActions.ownerId)).where(and(eq(retroActions.workspaceId, workspaceId), eq(retroActions.id, id)));
  return row;
}

/**
 * Open actions due by `lastDay` ('YYYY-MM-DD', the latest "today" of any zone) not reminded
 * on it yet, across workspaces, the longest-due first: the reminder job's bounded scan (the
 * job judges each in its workspace's zone).
 */
export function actionsToRemind(db: Db, lastDay: string, limit: number) {
  return db
    .select({ ...actionColumns, workspaceId: retroActions.workspaceId })
    .from(retroActions)
    .innerJoin(people, eq(people.id, retroActions.ownerId))
    .where(and(eq(retroActions.status, 'open'), lte(retroActions.dueAt, sql`${lastDay}`), or(isNull(retroActions.remindedOn), lt(retroActions.remindedOn, lastDay))))
    // Those reminded on an earlier day first: one already reminded today in a zone behind
    // `lastDay` is read again until its day ends, and must not crowd out the rest.
    .orderBy(sql`coalesce(${retroActions.remindedOn}, '')`, asc(retroActions.dueAt))
    .limit(limit);
}

/** Period bounds as instants: from the start day's 00:00 UTC up to the day after the end. */
export interface PeriodBounds {
  from: Date;
  to: Date;
}

/** The period's verified outcomes with their project and attainment (as the insights compute it), latest first. */
export function verifiedIn(db: Db, workspaceId: string, p: PeriodBounds, limit: number) {
  return db
    .select({
      id: outcomes.id,
      title: outcomes.title,
      projectName: projects.name,
      attainment: outcomeAttainment(outcomes.id),
    })
    .from(outcomes)
    .leftJoin(projects, eq(projects.id, outcomes.projectId))
    .where(and(eq(outcomes.workspaceId, workspaceId), eq(outcomes.status, 'verified'), gte(outcomes.verifiedAt, p.from), lt(outcomes.verifiedAt, p.to)))
    .orderBy(desc(outcomes.verifiedAt))
    .limit(limit);
}

/** Metrics of the reviews recorded in the period, with their numbers (the caller judges the shortfall). */
export function reviewedMetricsIn(db: Db, workspaceId: string, p: PeriodBounds, limit: number) {
  return db
    .select({ outcomeId: outcomes.id, title: outcomes.title, metric: metrics.name, baseline: metrics.baseline, target: metrics.target, actual: metrics.actual })
    .from(reviewSchedules)
    .innerJoin(outcomes, eq(outcomes.id, reviewSchedules.outcomeId))
    .innerJoin(metrics, eq(metrics.outcomeId, outcomes.id))
    .where(and(eq(reviewSchedules.workspaceId, workspaceId), eq(reviewSchedules.status, 'done'), gte(reviewSchedules.completedAt, p.from), lt(reviewSchedules.completedAt, p.to), isNotNull(metrics.actual)))
    .orderBy(desc(reviewSchedules.completedAt), asc(metrics.position))
    .limit(limit);
}

/** Lessons written in the period, newest first. */
export function lessonsIn(db: Db, workspaceId: string, p: PeriodBounds, limit: number) {
  return db
    .select({ outcomeId: lessons.outcomeId, title: outcomes.title, whatWorked: lessons.whatWorked, whatDidnt: lessons.whatDidnt, whatToRepeat: lessons.whatToRepeat, tags: lessons.tags })
    .from(lessons)
    .innerJoin(outcomes, eq(outcomes.id, lessons.outcomeId))
    .where(and(eq(lessons.workspaceId, workspaceId), gte(lessons.createdAt, p.from), lt(lessons.createdAt, p.to)))
    .orderBy(desc(lessons.createdAt))
    .limit(limit);
}

/** Workspaces with a retrospective cadence (monthly or quarterly), up to `limit`: the pack job's scan. */
export function workspacesWithRetro(db: Db, limit: number) {
  return db
    .select({ id: workspaces.id, platform: workspaces.platform, settings: workspaces.settings })
    .from(workspaces)
    .where(sql`json_extract(${workspaces.settings}, '$.retroCadence') in ('monthly', 'quarterly')`)
    .orderBy(asc(workspaces.id))
    .limit(limit);
}

/** Which of these person ids are people of the workspace (action owners must be). */
export async function peopleIn(db: Db, workspaceId: string, ids: readonly string[]): Promise<Set<string>> {
  const unique = [...new Set(ids)].slice(0, 90);
  if (!unique.length) return new Set();
  const rows = await db.select({ id: people.id }).from(people).where(and(eq(people.workspaceId, workspaceId), inArray(people.id, unique)));
  return new Set(rows.map((r) => r.id));
}

/** Retrospectives in which this person owns an action, latest first (what a non-PMO reader may open). */
export function retrospectivesWithActionsOf(db: Db, workspaceId: string, personId: string, limit = 24) {
  return db
    .selectDistinct({ id: retrospectives.id, periodKey: retrospectives.periodKey, periodStart: retrospectives.periodStart, periodEnd: retrospectives.periodEnd, recordedAt: retrospectives.recordedAt })
    .from(retrospectives)
    .innerJoin(retroActions, eq(retroActions.retrospectiveId, retrospectives.id))
    .where(and(eq(retrospectives.workspaceId, workspaceId), eq(retroActions.ownerId, personId)))
    .orderBy(desc(retrospectives.periodStart))
    .limit(limit);
}

import { and, asc, count, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { outcomes, people, projects, reviewSchedules } from '../schema/index.ts';
import { visibleOutcomes, type Reader } from './visibility.ts';

/** The open statuses of a follow-up review. */
const OPEN = ['scheduled', 'notified'] as const;

/**
 * Open follow-up reviews (scheduled or notified) of the outcomes the reader may see that are due
 * by `horizon`, soonest (most overdue) first, at most `limit`, each with its owner: the outcome's
 * owner, else its submitter; and how many open reviews are due later. Counted in SQL, so a
 * workspace with tens of thousands open reads one bounded page.
 */
export async function listOpenReviews(db: Db, workspaceId: string, reader: Reader, horizon: Date, limit: number) {
  const ownerId = sql<string>`coalesce(${outcomes.ownerId}, ${outcomes.submitterId})`;
  const open = and(eq(reviewSchedules.workspaceId, workspaceId), inArray(reviewSchedules.status, [...OPEN]));
  const dueCount = sql<number>`coalesce(sum(${reviewSchedules.dueAt} <= ${horizon.getTime()}), 0)`;
  const seen = visibleOutcomes(workspaceId, reader);
  const due = lte(reviewSchedules.dueAt, horizon);
  // One ordered, limited read per open status (the index gives each in due order), merged here:
  // with `status IN (…)` SQLite would sort every open review of the workspace to keep `limit`.
  const page = (status: (typeof OPEN)[number]) =>
    db
      .select({ outcomeId: outcomes.id, title: outcomes.title, projectName: projects.name, kind: reviewSchedules.kind, dueAt: reviewSchedules.dueAt, status: reviewSchedules.status, ownerId, ownerName: people.name, ownerAddress: people.platformUserId, id: reviewSchedules.id })
      .from(reviewSchedules)
      .innerJoin(outcomes, eq(outcomes.id, reviewSchedules.outcomeId))
      .leftJoin(projects, eq(projects.id, outcomes.projectId))
      .innerJoin(people, eq(people.id, ownerId))
      .where(and(eq(reviewSchedules.workspaceId, workspaceId), eq(reviewSchedules.status, status), seen, due))
      .orderBy(asc(reviewSchedules.dueAt), asc(reviewSchedules.id))
      .limit(limit);
  // Counted from the schedules' own index when the reader sees the whole workspace, else through the outcomes they may see.
  const totalsOf = reader.seesAll ? db.select({ all: count(), due: dueCount }).from(reviewSchedules).where(open) : db.select({ all: count(), due: dueCount }).from(reviewSchedules).innerJoin(outcomes, eq(outcomes.id, reviewSchedules.outcomeId)).where(and(open, seen));
  const [scheduled, notified, [totals]] = await Promise.all([page('scheduled'), page('notified'), totalsOf]);
  const byDue = (a: { dueAt: Date; id: string }, b: { dueAt: Date; id: string }) => a.dueAt.getTime() - b.dueAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const rows = [...scheduled, ...notified].sort(byDue).slice(0, limit).map(({ id: _id, ...row }) => row);
  return { rows, due: Number(totals?.due ?? 0), later: (totals?.all ?? 0) - Number(totals?.due ?? 0) };
}

import { and, desc, eq, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { lessons, outcomes, people, projects } from '../schema/index.ts';
import { visibleOutcomes, type Reader } from './visibility.ts';

/** A stored lesson as the web, the API and the retrospective pack show it. */
export type LessonRow = Awaited<ReturnType<typeof selectLessons>>[number];

const selectLessons = (db: Db, where: SQL | undefined, limit: number) =>
  db
    .select({
      id: lessons.id,
      outcomeId: lessons.outcomeId,
      outcomeTitle: outcomes.title,
      authorId: lessons.authorId,
      authorName: people.name,
      whatWorked: lessons.whatWorked,
      whatDidnt: lessons.whatDidnt,
      whatToRepeat: lessons.whatToRepeat,
      tags: lessons.tags,
      source: lessons.source,
      createdAt: lessons.createdAt,
      updatedAt: lessons.updatedAt,
    })
    .from(lessons)
    .innerJoin(outcomes, eq(outcomes.id, lessons.outcomeId))
    .leftJoin(people, eq(people.id, lessons.authorId))
    .where(where)
    .orderBy(desc(lessons.createdAt), desc(lessons.id))
    .limit(limit);

/** The lessons of one outcome, newest first (the caller has checked the reader may see it). */
export function lessonsOfOutcome(db: Db, workspaceId: string, outcomeId: string, limit = 100) {
  return selectLessons(db, and(eq(lessons.workspaceId, workspaceId), eq(lessons.outcomeId, outcomeId)), limit);
}

/**
 * Lessons of the outcomes a reader may see, newest first, optionally written in [from, to);
 * `before` is the keyset cursor (created_at, id) of the previous page's last row.
 */
export function listLessons(db: Db, workspaceId: string, reader: Reader, f: { from?: Date | null; to?: Date | null; before?: { at: Date; id: string } | null; limit: number }) {
  const b = f.before;
  return selectLessons(
    db,
    and(
      visibleOutcomes(workspaceId, reader),
      eq(lessons.workspaceId, workspaceId),
      f.from ? gte(lessons.createdAt, f.from) : undefined,
      f.to ? lt(lessons.createdAt, f.to) : undefined,
      b ? or(lt(lessons.createdAt, b.at), and(eq(lessons.createdAt, b.at), lt(lessons.id, b.id))) : undefined,
    ),
    f.limit,
  );
}

/**
 * The outcome a person may write a lesson about, with its title: one they may see (owner,
 * submitter, reviewer, their manager, the PMO), or one of a project they own (the team the
 * lessons prompt asks). Undefined otherwise, or when it does not exist.
 */
export async function lessonSubject(db: Db, workspaceId: string, reader: Reader, outcomeId: string) {
  const ownsProject = sql`${outcomes.projectId} in (select ${projects.id} from ${projects} where ${projects.ownerId} = ${reader.personId})`;
  const [row] = await db
    .select({ id: outcomes.id, title: outcomes.title })
    .from(outcomes)
    .where(and(eq(outcomes.workspaceId, workspaceId), eq(outcomes.id, outcomeId), or(visibleOutcomes(workspaceId, reader), ownsProject)));
  return row;
}

/** Whether this person already wrote a lesson about this outcome (the prompt card then says thanks instead of asking). */
export async function hasLessonBy(db: Db, workspaceId: string, outcomeId: string, personId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: lessons.id })
    .from(lessons)
    .where(and(eq(lessons.workspaceId, workspaceId), eq(lessons.outcomeId, outcomeId), eq(lessons.authorId, personId)))
    .limit(1);
  return !!row;
}

/** An outcome's title, for messages about it; undefined when it is not in the workspace. */
export async function outcomeTitle(db: Db, workspaceId: string, outcomeId: string): Promise<string | undefined> {
  const [row] = await db.select({ title: outcomes.title }).from(outcomes).where(and(eq(outcomes.workspaceId, workspaceId), eq(outcomes.id, outcomeId)));
  return row?.title;
}

/** One lesson by id. */
export async function lessonById(db: Db, workspaceId: string, id: string): Promise<LessonRow | undefined> {
  const [row] = await selectLessons(db, and(eq(lessons.workspaceId, workspaceId), eq(lessons.id, id)), 1);
  return row;
}

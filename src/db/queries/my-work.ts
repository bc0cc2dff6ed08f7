import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { outcomes, projects, reviewSchedules, surveyResponses, surveys } from '../schema/index.ts';

/**
 * The rows of a member's own page: the newest 200 outcomes they submitted or own; the open
 * follow-up reviews they own (an outcome without an owner falls to its submitter) due before
 * `dueBefore`; the workspace's open surveys; and the surveys they answered (by platform address).
 */
export async function readMyWork(db: Db, workspaceId: string, me: { personId: string; address: string }, dueBefore: Date) {
  // Ids by the submitter and owner indexes (a union, not an OR SQLite would answer by walking the workspace).
  const ids = (who: SQL) => sql`select ${outcomes.id} from ${outcomes} where ${outcomes.workspaceId} = ${workspaceId} and ${who}`;
  const mine = sql`${outcomes.id} in (${ids(sql`${outcomes.submitterId} = ${me.personId}`)} union ${ids(sql`${outcomes.ownerId} = ${me.personId}`)})`;
  const owned = sql`${outcomes.id} in (${ids(sql`${outcomes.ownerId} = ${me.personId}`)} union ${ids(sql`${outcomes.ownerId} is null and ${outcomes.submitterId} = ${me.personId}`)})`;
  const [list, due, open, answered] = await Promise.all([
    db
      .select({ id: outcomes.id, title: outcomes.title, status: outcomes.status, projectName: projects.name, updatedAt: outcomes.updatedAt, createdAt: outcomes.createdAt, submitterId: outcomes.submitterId })
      .from(outcomes)
      .leftJoin(projects, eq(projects.id, outcomes.projectId))
      .where(mine)
      // Unary + keeps SQLite off the workspace-wide creation-time index: the submitter and owner indexes find the few rows.
      .orderBy(desc(sql`+${outcomes.createdAt}`))
      .limit(200),
    db
      .select({ outcomeId: outcomes.id, title: outcomes.title, dueAt: reviewSchedules.dueAt, status: reviewSchedules.status })
      .from(reviewSchedules)
      .innerJoin(outcomes, eq(outcomes.id, reviewSchedules.outcomeId))
      .where(
        and(
          owned,
          // Unary +: the reader's outcomes drive the search, not every workspace's open reviews by status.
          sql`+${reviewSchedules.status} in ('scheduled', 'notified')`,
          sql`${reviewSchedules.dueAt} <= ${dueBefore.getTime()}`,
        ),
      ),
    db
      .select({ id: surveys.id, audience: surveys.audience, question: surveys.question, projectName: projects.name })
      .from(surveys)
      .innerJoin(projects, eq(projects.id, surveys.projectId))
      .where(and(eq(surveys.workspaceId, workspaceId), eq(surveys.status, 'open'))),
    db.select({ surveyId: surveyResponses.surveyId }).from(surveyResponses).where(and(eq(surveyResponses.workspaceId, workspaceId), eq(surveyResponses.respondentId, me.address))),
  ]);
  return { list, due, open, answered };
}

import { and, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { outcomes, projects, reviewSchedules, surveyResponses, surveys } from '../schema/index.ts';

/**
 * The rows of a member's own page: the newest 200 outcomes they submitted or own; the open
 * follow-up reviews they own (an outcome without an owner falls to its submitter) due before
 * `dueBefore`; the workspace's open surveys; and the surveys they answered (by platform address).
 */
export async function readMyWork(db: Db, workspaceId: string, me: { personId: string; address: string }, dueBefore: Date) {
  const mine = and(eq(outcomes.workspaceId, workspaceId), or(eq(outcomes.submitterId, me.personId), eq(outcomes.ownerId, me.personId)));
  const [list, due, open, answered] = await Promise.all([
    db
      .select({ id: outcomes.id, title: outcomes.title, status: outcomes.status, projectName: projects.name, updatedAt: outcomes.updatedAt, createdAt: outcomes.createdAt, submitterId: outcomes.submitterId })
      .from(outcomes)
      .leftJoin(projects, eq(projects.id, outcomes.projectId))
      .where(mine)
      .orderBy(desc(outcomes.createdAt))
      .limit(200),
    db
      .select({ outcomeId: outcomes.id, title: outcomes.title, dueAt: reviewSchedules.dueAt, status: reviewSchedules.status })
      .from(reviewSchedules)
      .innerJoin(outcomes, eq(outcomes.id, reviewSchedules.outcomeId))
      .where(
        and(
          eq(outcomes.workspaceId, workspaceId),
          or(eq(outcomes.ownerId, me.personId), and(isNull(outcomes.ownerId), eq(outcomes.submitterId, me.personId))),
          inArray(reviewSchedules.status, ['scheduled', 'notified']),
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

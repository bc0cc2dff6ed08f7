import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { outcomes, projects, surveyResponses, surveys } from '../../db/schema/index.ts';

/** One person's answer to a survey (score and comment), or null before they answered. */
export async function answerOf(db: Db, surveyId: string, respondent: string): Promise<{ score: number; comment: string | null } | null> {
  const [a] = await db
    .select({ score: surveyResponses.score, comment: surveyResponses.comment })
    .from(surveyResponses)
    .where(and(eq(surveyResponses.surveyId, surveyId), eq(surveyResponses.respondentId, respondent)));
  return a ?? null;
}

/** The newest surveys of a workspace, or only those `startedBy` one person; newest first. */
export async function latestSurveyIds(db: Db, workspaceId: string, startedBy: string | null, limit: number): Promise<string[]> {
  const where = startedBy ? and(eq(surveys.workspaceId, workspaceId), eq(surveys.startedBy, startedBy)) : eq(surveys.workspaceId, workspaceId);
  const rows = await db.select({ id: surveys.id }).from(surveys).where(where).orderBy(desc(surveys.createdAt)).limit(limit);
  return rows.map((r) => r.id);
}

/** Outcomes a survey can be about (the modal offers at most 100), newest first, with their project. */
export async function surveyableOutcomes(db: Db, workspaceId: string): Promise<{ id: string; title: string; projectId: string | null; projectName: string | null }[]> {
  return db
    .select({ id: outcomes.id, title: outcomes.title, projectId: outcomes.projectId, projectName: projects.name })
    .from(outcomes)
    .leftJoin(projects, eq(projects.id, outcomes.projectId))
    .where(eq(outcomes.workspaceId, workspaceId))
    .orderBy(desc(outcomes.createdAt))
    .limit(100);
}

/** The project of an outcome of this workspace; undefined when there is no such outcome. */
export async function projectOfOutcome(db: Db, workspaceId: string, outcomeId: string): Promise<string | null | undefined> {
  const [o] = await db.select({ projectId: outcomes.projectId }).from(outcomes).where(and(eq(outcomes.workspaceId, workspaceId), eq(outcomes.id, outcomeId)));
  return o ? o.projectId : undefined;
}

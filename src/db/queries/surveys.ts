import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { surveyResponses, surveys } from '../schema/index.ts';

/** One person's answer to a survey (score and comment), or null before they answered. */
export async function answerOf(db: Db, workspaceId: string, surveyId: string, respondent: string): Promise<{ score: number; comment: string | null } | null> {
  const [a] = await db
    .select({ score: surveyResponses.score, comment: surveyResponses.comment })
    .from(surveyResponses)
    .where(and(eq(surveyResponses.workspaceId, workspaceId), eq(surveyResponses.surveyId, surveyId), eq(surveyResponses.respondentId, respondent)));
  return a ?? null;
}

/** The newest surveys of a workspace, or only those `startedBy` one person; newest first. */
export async function latestSurveyIds(db: Db, workspaceId: string, startedBy: string | null, limit: number): Promise<string[]> {
  const where = startedBy ? and(eq(surveys.workspaceId, workspaceId), eq(surveys.startedBy, startedBy)) : eq(surveys.workspaceId, workspaceId);
  const rows = await db.select({ id: surveys.id }).from(surveys).where(where).orderBy(desc(surveys.createdAt)).limit(limit);
  return rows.map((r) => r.id);
}

/** Whether a survey takes answers: open and before its closing time (the job closes it a little later). Null when not in this workspace. */
export async function surveyIsOpen(db: Db, workspaceId: string, surveyId: string, now: Date): Promise<boolean | null> {
  const [s] = await db.select({ status: surveys.status, closesAt: surveys.closesAt }).from(surveys).where(and(eq(surveys.workspaceId, workspaceId), eq(surveys.id, surveyId)));
  return s ? s.status === 'open' && now.getTime() < s.closesAt.getTime() : null;
}

import { asc, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { projects, surveyResponses, surveys } from '../schema/index.ts';

/**
 * Every survey of the workspace with its project's name, oldest first, and every answer's
 * score and answers (never the respondent: the web shows aggregates only, comments only
 * from 3 answers on, like the results card).
 */
export async function readNpsRows(db: Db, workspaceId: string) {
  const [rows, answers] = await Promise.all([
    db
      .select({ id: surveys.id, projectId: surveys.projectId, name: projects.name, kind: surveys.kind, question: surveys.question, questions: surveys.questions, anonymous: surveys.anonymous, wave: surveys.wave, seriesId: surveys.seriesId, status: surveys.status, createdAt: surveys.createdAt })
      .from(surveys)
      .innerJoin(projects, eq(projects.id, surveys.projectId))
      .where(eq(surveys.workspaceId, workspaceId))
      .orderBy(asc(surveys.createdAt)),
    db.select({ surveyId: surveyResponses.surveyId, score: surveyResponses.score, answers: surveyResponses.answers }).from(surveyResponses).where(eq(surveyResponses.workspaceId, workspaceId)),
  ]);
  return { rows, answers };
}

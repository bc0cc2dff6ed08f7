import { and, asc, count, eq, isNotNull, sql } from 'drizzle-orm';
import type { AnswerValue } from '../../domain/survey-questions.ts';
import { oneParam, type Db } from '../client.ts';
import { projects, surveyResponses, surveys } from '../schema/index.ts';

/**
 * Every survey of the workspace with its project's name, oldest first, and per survey how many
 * answers gave each score (never the respondent: the web shows aggregates only). Counted in
 * SQL: a workspace's thousands of answers never reach JS for the scores.
 */
export async function readNpsRows(db: Db, workspaceId: string) {
  const [rows, scores] = await Promise.all([
    db
      .select({ id: surveys.id, projectId: surveys.projectId, name: projects.name, kind: surveys.kind, question: surveys.question, questions: surveys.questions, anonymous: surveys.anonymous, wave: surveys.wave, seriesId: surveys.seriesId, status: surveys.status, createdAt: surveys.createdAt })
      .from(surveys)
      .innerJoin(projects, eq(projects.id, surveys.projectId))
      .where(eq(surveys.workspaceId, workspaceId))
      .orderBy(asc(surveys.createdAt)),
    db
      .select({ surveyId: surveyResponses.surveyId, score: surveyResponses.score, n: count() })
      .from(surveyResponses)
      .where(and(eq(surveyResponses.workspaceId, workspaceId), isNotNull(surveyResponses.score)))
      .groupBy(surveyResponses.surveyId, surveyResponses.score),
  ]);
  return { rows, scores };
}

/** The answers (score and answers, never the respondent) of the given surveys of the workspace: the questionnaires' results need each. */
export async function readSurveyAnswerRows(db: Db, workspaceId: string, surveyIds: readonly string[]): Promise<{ surveyId: string; score: number | null; answers: AnswerValue[] | null }[]> {
  if (surveyIds.length === 0) return [];
  return db
    .select({ surveyId: surveyResponses.surveyId, score: surveyResponses.score, answers: surveyResponses.answers })
    .from(surveyResponses)
    .where(and(eq(surveyResponses.workspaceId, workspaceId), sql`${surveyResponses.surveyId} in ${oneParam(surveyIds)}`));
}

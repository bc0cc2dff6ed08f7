import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { AnswerValue, SurveyQuestion } from '../../domain/survey-questions.ts';
import type { Db } from '../client.ts';
import { outcomes, projects, surveyAnswerKeys, surveyResponses, surveys } from '../schema/index.ts';

export type SurveyRow = typeof surveys.$inferSelect;

/** A survey's questions; a row from before questions existed is its one NPS question. */
export const questionsOfRow = (s: Pick<SurveyRow, 'questions' | 'question'>): SurveyQuestion[] => (s.questions.length ? s.questions : [{ type: 'nps', text: s.question }]);

/** The answers of a response row in question order (a one-question answer from before: its score). */
export const answersOfRow = (r: { answers: AnswerValue[] | null; score: number | null }): AnswerValue[] => r.answers ?? [r.score];

/** A survey of this workspace with its project's name; null when it is not in this workspace. */
export async function surveyWithProject(db: Db, workspaceId: string, surveyId: string): Promise<{ survey: SurveyRow; projectName: string } | null> {
  const [row] = await db
    .select({ survey: surveys, projectName: projects.name })
    .from(surveys)
    .innerJoin(projects, eq(projects.id, surveys.projectId))
    .where(and(eq(surveys.workspaceId, workspaceId), eq(surveys.id, surveyId)));
  return row ?? null;
}

/** Every score a survey was given (never who gave it; the caller has checked the survey's workspace). */
export async function surveyScores(db: Db, workspaceId: string, surveyId: string): Promise<number[]> {
  return (await db.select({ score: surveyResponses.score }).from(surveyResponses).where(and(eq(surveyResponses.workspaceId, workspaceId), eq(surveyResponses.surveyId, surveyId)))).flatMap((r) => (r.score === null ? [] : [r.score]));
}

/** Every response's answers in question order (never who gave them). */
export async function surveyAnswers(db: Db, workspaceId: string, surveyId: string): Promise<AnswerValue[][]> {
  const rows = await db.select({ answers: surveyResponses.answers, score: surveyResponses.score }).from(surveyResponses).where(and(eq(surveyResponses.workspaceId, workspaceId), eq(surveyResponses.surveyId, surveyId)));
  return rows.map(answersOfRow);
}

/** The waves of a pulse so far (oldest first), each with its responses' answers. */
export async function seriesWaves(db: Db, workspaceId: string, seriesId: string): Promise<{ wave: number; createdAt: Date; responses: AnswerValue[][] }[]> {
  const [waves, rows] = await Promise.all([
    db.select({ id: surveys.id, wave: surveys.wave, createdAt: surveys.createdAt }).from(surveys).where(and(eq(surveys.workspaceId, workspaceId), eq(surveys.seriesId, seriesId))).orderBy(asc(surveys.wave)),
    db
      .select({ surveyId: surveyResponses.surveyId, answers: surveyResponses.answers, score: surveyResponses.score })
      .from(surveyResponses)
      .innerJoin(surveys, eq(surveys.id, surveyResponses.surveyId))
      .where(and(eq(surveys.workspaceId, workspaceId), eq(surveys.seriesId, seriesId))),
  ]);
  return waves.map((w) => ({ wave: w.wave, createdAt: w.createdAt, responses: rows.filter((r) => r.surveyId === w.id).map(answersOfRow) }));
}

/** The project's most recently closed survey of this kind; null when it has none. */
export async function latestClosedSurveyOf(db: Db, workspaceId: string, projectId: string, kind: SurveyRow['kind']): Promise<string | null> {
  const [s] = await db
    .select({ id: surveys.id })
    .from(surveys)
    .where(and(eq(surveys.workspaceId, workspaceId), eq(surveys.projectId, projectId), eq(surveys.kind, kind), eq(surveys.status, 'closed')))
    .orderBy(desc(surveys.closedAt))
    .limit(1);
  return s?.id ?? null;
}

/** One person's answer to a survey (score and comment), or null before they answered. */
export async function answerOf(db: Db, workspaceId: string, surveyId: string, respondent: string): Promise<{ score: number | null; comment: string | null } | null> {
  const [a] = await db
    .select({ score: surveyResponses.score, comment: surveyResponses.comment })
    .from(surveyResponses)
    .where(and(eq(surveyResponses.workspaceId, workspaceId), eq(surveyResponses.surveyId, surveyId), eq(surveyResponses.respondentId, respondent)));
  return a ?? null;
}

/** Whether a keyed hash (an anonymous survey's respondent key) has answered already. */
export async function keyHasAnswered(db: Db, workspaceId: string, surveyId: string, key: string): Promise<boolean> {
  const [k] = await db
    .select({ slot: surveyAnswerKeys.slot })
    .from(surveyAnswerKeys)
    .where(and(eq(surveyAnswerKeys.workspaceId, workspaceId), eq(surveyAnswerKeys.surveyId, surveyId), eq(surveyAnswerKeys.key, key)));
  return Boolean(k);
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

type SurveyViewer = { personId: string; address: string };

/** Surveys `viewer` is involved in: of a project they submitted or own an outcome of, or asked them. */
function involving(db: Db, workspaceId: string, viewer: SurveyViewer) {
  const theirProjects = db
    .select({ id: outcomes.projectId })
    .from(outcomes)
    .where(and(eq(outcomes.workspaceId, workspaceId), or(eq(outcomes.submitterId, viewer.personId), eq(outcomes.ownerId, viewer.personId))));
  // The audience is a JSON array of platform user ids (json_each works on libsql and D1).
  const asked = sql`exists (select 1 from json_each(${surveys.audience}) where json_each.value = ${viewer.address})`;
  return or(inArray(surveys.projectId, theirProjects), asked);
}

/**
 * The most recently closed survey for a Home tab: with `viewer` null (PMO, admins) the
 * workspace's, otherwise the newest one {@link involving} the viewer. Null when there is none.
 */
export async function latestClosedSurveyId(db: Db, workspaceId: string, viewer: SurveyViewer | null): Promise<string | null> {
  const closed = and(eq(surveys.workspaceId, workspaceId), eq(surveys.status, 'closed'));
  const [s] = await db
    .select({ id: surveys.id })
    .from(surveys)
    .where(viewer ? and(closed, involving(db, workspaceId, viewer)) : closed)
    .orderBy(desc(surveys.closedAt), desc(surveys.createdAt))
    .limit(1);
  return s?.id ?? null;
}

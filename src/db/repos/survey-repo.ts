import { and, eq, sql } from 'drizzle-orm';
import type { NewResponse, NewSurvey, SurveyRepo } from '../../domain/ports.ts';
import { questionsOfRow } from '../queries/surveys.ts';
import type { Platform } from '../../domain/types.ts';
import { batchOnce, inChunks, type Db } from '../client.ts';
import { outcomes, people, projects, surveyAnswerKeys, surveyResponses, surveys, workspaces } from '../schema/index.ts';
import { insertNotifications } from './outbox-rows.ts';

/** A random positive rowid below 2^53: rows so placed keep no trace of their insertion order. */
const randomSlot = (): number => {
  const [hi, lo] = crypto.getRandomValues(new Uint32Array(2)) as unknown as [number, number];
  return (hi & 0x1fffff) * 2 ** 32 + lo + 1;
};

/**
 * An anonymous answer, inserted at a random rowid (SQLite would otherwise number rows in the
 * order people answered, and that order could be matched against other tables' times).
 */
function insertAnonymousResponse(db: Db, r: { id: string; workspaceId: string; surveyId: string; respondentId: string; score: number | null; answers: unknown[]; answeredAt: Date }) {
  return db.run(
    sql`insert into survey_responses (rowid, id, workspace_id, survey_id, respondent_id, score, answers, comment, answered_at) values (${randomSlot()}, ${r.id}, ${r.workspaceId}, ${r.surveyId}, ${r.respondentId}, ${r.score}, ${JSON.stringify(r.answers)}, null, ${r.answeredAt.getTime()})`,
  );
}

/** Surveys and their answers; one answer per respondent, enforced by a unique index. */
export function createSurveyRepo(db: Db): SurveyRepo {
  return {
    async get(workspaceId, id) {
      const [s] = await db
        .select()
        .from(surveys)
        .where(and(eq(surveys.workspaceId, workspaceId), eq(surveys.id, id)));
      if (!s) return null;
      const { id: sid, workspaceId: wid, projectId, outcomeId, kind, audience, status, closesAt, startedBy, anonymous, createdAt } = s;
      return { id: sid, workspaceId: wid, projectId, outcomeId, kind, audience, status, closesAt, startedBy, anonymous, createdAt, questions: questionsOfRow(s) };
    },
    async projectExists(workspaceId, projectId) {
      const [p] = await db
        .select({ id: projects.id })
        .from(projects)
        .where(and(eq(projects.workspaceId, workspaceId), eq(projects.id, projectId)));
      return Boolean(p);
    },
    async saveSurvey(s: NewSurvey) {
      const [w] = await db.select({ platform: workspaces.platform }).from(workspaces).where(eq(workspaces.id, s.workspaceId));
      const { notifications, ...row } = s;
      // An anonymous survey's people get their rows now, so that a first click (Feishu creates a
      // person on first sight) writes no row, and no time, at the moment they answer.
      const known = s.anonymous ? inChunks(people, s.audience).map((chunk) => db.insert(people).values(chunk.map((platformUserId) => ({ workspaceId: s.workspaceId, platformUserId, createdAt: s.createdAt }))).onConflictDoNothing()) : [];
      await db.batch([db.insert(surveys).values({ ...row, status: 'open' }), ...known, ...insertNotifications(db, s.workspaceId, w!.platform as Platform, notifications, s.createdAt)]);
    },
    async outcomeInProject(workspaceId, outcomeId, projectId) {
      const [o] = await db
        .select({ id: outcomes.id })
        .from(outcomes)
        .where(and(eq(outcomes.workspaceId, workspaceId), eq(outcomes.id, outcomeId), eq(outcomes.projectId, projectId)));
      return Boolean(o);
    },
    async saveAnswer(a) {
      const [before] = await db
        .select({ id: surveyResponses.id })
        .from(surveyResponses)
        .where(and(eq(surveyResponses.surveyId, a.surveyId), eq(surveyResponses.respondentId, a.respondentId)));
      await db
        .insert(surveyResponses)
        .values({ workspaceId: a.workspaceId, surveyId: a.surveyId, respondentId: a.respondentId, score: a.score, comment: a.comment ?? null, answeredAt: a.at })
        .onConflictDoUpdate({
          target: [surveyResponses.surveyId, surveyResponses.respondentId],
          set: { score: a.score, answeredAt: a.at, ...(a.comment !== undefined ? { comment: a.comment } : {}) },
        });
      return before ? 'changed' : 'created';
    },
    async saveResponse(a: NewResponse) {
      const row = { workspaceId: a.workspaceId, surveyId: a.surveyId, score: a.score, answers: a.answers, answeredAt: a.at };
      if (!a.anonymous) {
        const [saved] = await db.insert(surveyResponses).values({ ...row, respondentId: a.respondentId }).onConflictDoNothing().returning({ id: surveyResponses.id });
        return saved ? 'created' : 'duplicate';
      }
      // The key claims the person's one answer; the answer row beside it shares nothing with it
      // (random ids, random rowids, the wave's time): see survey-answer-keys.ts.
      const claimed = await batchOnce(db, [db.insert(surveyAnswerKeys).values({ slot: randomSlot(), workspaceId: a.workspaceId, surveyId: a.surveyId, key: a.key }), insertAnonymousResponse(db, { ...row, id: crypto.randomUUID(), respondentId: crypto.randomUUID() })], 'survey_answer_keys');
      return claimed ? 'created' : 'duplicate';
    },
  };
}

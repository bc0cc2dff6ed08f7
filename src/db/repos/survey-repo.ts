import { and, eq } from 'drizzle-orm';
import type { NewSurvey, SurveyRepo } from '../../domain/ports.ts';
import type { Platform } from '../../domain/types.ts';
import type { Db } from '../client.ts';
import { outcomes, projects, surveyResponses, surveys, workspaces } from '../schema/index.ts';
import { insertNotifications } from './outbox-rows.ts';

/** Surveys and their answers; one answer per respondent, enforced by a unique index. */
export function createSurveyRepo(db: Db): SurveyRepo {
  return {
    async get(workspaceId, id) {
      const [s] = await db
        .select()
        .from(surveys)
        .where(and(eq(surveys.workspaceId, workspaceId), eq(surveys.id, id)));
      return s ? { id: s.id, workspaceId: s.workspaceId, projectId: s.projectId, outcomeId: s.outcomeId, kind: s.kind, audience: s.audience, status: s.status, closesAt: s.closesAt, startedBy: s.startedBy } : null;
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
      await db.batch([db.insert(surveys).values({ ...row, status: 'open' }), ...insertNotifications(db, s.workspaceId, w!.platform as Platform, notifications, s.createdAt)]);
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
  };
}

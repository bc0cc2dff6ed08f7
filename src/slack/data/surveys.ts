import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { outcomes, projects, surveys } from '../../db/schema/index.ts';

export { answerOf, latestSurveyIds } from '../../db/queries/surveys.ts';

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

type Viewer = { personId: string; address: string };

/** Surveys `viewer` is involved in: of a project they submitted or own an outcome of, or asked them. */
function involving(db: Db, workspaceId: string, viewer: Viewer) {
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
export async function latestClosedSurveyId(db: Db, workspaceId: string, viewer: Viewer | null): Promise<string | null> {
  const closed = and(eq(surveys.workspaceId, workspaceId), eq(surveys.status, 'closed'));
  const [s] = await db
    .select({ id: surveys.id })
    .from(surveys)
    .where(viewer ? and(closed, involving(db, workspaceId, viewer)) : closed)
    .orderBy(desc(surveys.closedAt), desc(surveys.createdAt))
    .limit(1);
  return s?.id ?? null;
}

import { and, eq, gt, lte } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { people, surveyResponses, surveys } from '../db/schema/index.ts';
import { eachItem, JOB_BATCH, notify, pmoAddresses, workspaceCache, type JobLog } from './job-kit.ts';

/** The one reminder to people who have not answered yet (nobody is reminded twice). */
export async function remindSurveys(db: Db, now: Date, log: JobLog): Promise<number> {
  const due = await db
    .select()
    .from(surveys)
    .where(and(eq(surveys.status, 'open'), lte(surveys.remindAt, now), gt(surveys.closesAt, now)))
    .limit(JOB_BATCH);
  const workspace = workspaceCache(db);
  return eachItem('survey reminders', due, (s) => s.id, async (s) => {
    const w = await workspace(s.workspaceId);
    const answered = new Set((await db.select({ r: surveyResponses.respondentId }).from(surveyResponses).where(eq(surveyResponses.surveyId, s.id))).map((x) => x.r));
    const pending = s.audience.filter((a) => !answered.has(a));
    await db.batch([
      db.update(surveys).set({ remindAt: null }).where(eq(surveys.id, s.id)),
      ...notify(db, w, pending.map((address) => ({ kind: 'survey_reminder', to: { personId: null, address }, data: { surveyId: s.id }, dedupeKey: `survey_reminder:${s.id}:${address}` })), now),
    ]);
  }, log);
}

/** Closes surveys at their closing time and sends the results to the starter and the PMO. */
export async function closeSurveys(db: Db, now: Date, log: JobLog): Promise<number> {
  const due = await db
    .select({ s: surveys, starter: people.platformUserId })
    .from(surveys)
    .innerJoin(people, eq(people.id, surveys.startedBy))
    .where(and(eq(surveys.status, 'open'), lte(surveys.closesAt, now)))
    .limit(JOB_BATCH);
  const workspace = workspaceCache(db);
  return eachItem('survey closing', due, (r) => r.s.id, async ({ s, starter }) => {
    const w = await workspace(s.workspaceId);
    const to = [...new Set([starter, ...pmoAddresses(w.settings)])];
    await db.batch([
      db.update(surveys).set({ status: 'closed', closedAt: now, remindAt: null }).where(and(eq(surveys.id, s.id), eq(surveys.status, 'open'))),
      ...notify(db, w, to.map((address) => ({ kind: 'survey_results', to: { personId: null, address }, data: { surveyId: s.id }, dedupeKey: `survey_results:${s.id}:${address}` })), now),
    ]);
  }, log);
}

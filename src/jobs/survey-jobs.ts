import type { Db } from '../db/client.ts';
import { closeSurvey, markSurveyReminded, surveyRespondents, surveysToClose, surveysToRemind } from '../db/queries/jobs.ts';
import { eachItem, JOB_BATCH, notify, pmoAddresses, workspaceCache, type JobLog } from './job-kit.ts';

/** The one reminder to people who have not answered yet (nobody is reminded twice). */
export async function remindSurveys(db: Db, now: Date, log: JobLog): Promise<number> {
  const due = await surveysToRemind(db, now, JOB_BATCH);
  const workspace = workspaceCache(db);
  return eachItem('survey reminders', due, (s) => s.id, async (s) => {
    const w = await workspace(s.workspaceId);
    const answered = await surveyRespondents(db, s.workspaceId, s.id);
    const pending = s.audience.filter((a) => !answered.has(a));
    await db.batch([
      markSurveyReminded(db, s.id),
      ...notify(db, w, pending.map((address) => ({ kind: 'survey_reminder', to: { personId: null, address }, data: { surveyId: s.id }, dedupeKey: `survey_reminder:${s.id}:${address}` })), now),
    ]);
  }, log);
}

/** Closes surveys at their closing time and sends the results to the starter and the PMO. */
export async function closeSurveys(db: Db, now: Date, log: JobLog): Promise<number> {
  const due = await surveysToClose(db, now, JOB_BATCH);
  const workspace = workspaceCache(db);
  return eachItem('survey closing', due, (r) => r.s.id, async ({ s, starter }) => {
    const w = await workspace(s.workspaceId);
    const to = [...new Set([starter, ...pmoAddresses(w.settings)])];
    await db.batch([
      closeSurvey(db, s.id, now),
      ...notify(db, w, to.map((address) => ({ kind: 'survey_results', to: { personId: null, address }, data: { surveyId: s.id }, dedupeKey: `survey_results:${s.id}:${address}` })), now),
    ]);
  }, log);
}

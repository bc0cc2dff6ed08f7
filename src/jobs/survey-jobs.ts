import { batchOnce, type Db } from '../db/client.ts';
import { closeSurvey, insertWave, markSurveyReminded, markWaveStarted, surveyRespondents, surveysToClose, surveysToRemind, surveysWithWaveDue } from '../db/queries/jobs.ts';
import { nextWave } from '../domain/pulse.ts';
import { workingMorningAfter } from '../domain/schedule.ts';
import { calendarOf } from '../domain/working-calendar.ts';
import { eachItem, JOB_BATCH, notify, pmoAddresses, workspaceCache, type JobLog } from './job-kit.ts';

/** The one reminder to people who have not answered yet (nobody is reminded twice). */
export async function remindSurveys(db: Db, now: Date, log: JobLog): Promise<number> {
  const due = await surveysToRemind(db, now, JOB_BATCH);
  const workspace = workspaceCache(db);
  return eachItem('survey reminders', due, (s) => s.id, async (s) => {
    const w = await workspace(s.workspaceId);
    // Anonymous: nobody's answer is known, so everyone is reminded (a reminder list naming the
    // people who had not answered would tell who had; the card says to ignore it if done).
    const answered = s.anonymous ? new Set<string>() : await surveyRespondents(db, s.workspaceId, s.id);
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

/**
 * Starts the next wave of each recurring pulse whose time has come: a new survey row (same
 * questions, people and anonymity; the next wave number) with one invite per person, in one
 * batch with the previous wave's hand-over. The (series, wave) unique key makes a second run
 * write nothing.
 */
export async function startPulseWaves(db: Db, now: Date, log: JobLog): Promise<number> {
  const due = await surveysWithWaveDue(db, now, JOB_BATCH);
  const workspace = workspaceCache(db);
  return eachItem('pulse waves', due, (s) => s.id, async (s) => {
    const w = await workspace(s.workspaceId);
    const scheduledAt = s.nextWaveAt!;
    const plan = { everyDays: s.pulseEveryDays ?? 0, until: s.pulseUntil ?? scheduledAt };
    const next = nextWave({ openedAt: s.createdAt, closesAt: s.closesAt, wave: s.wave }, plan, scheduledAt, now);
    const id = crypto.randomUUID();
    const remindAt = workingMorningAfter(now, s.remindAfterDays, w.settings.timeZone, calendarOf(w.settings));
    const { id: _id, status: _s, closedAt: _c, ...same } = s;
    await batchOnce(db, [
      markWaveStarted(db, s.id, scheduledAt),
      insertWave(db, { ...same, id, wave: next.wave, status: 'open', createdAt: now, closesAt: next.closesAt, nextWaveAt: next.nextWaveAt, remindAt: remindAt.getTime() < next.closesAt.getTime() ? remindAt : null }),
      ...notify(db, w, s.audience.map((address) => ({ kind: 'survey_invite', to: { personId: null, address }, data: { surveyId: id }, dedupeKey: `survey_invite:${id}:${address}` })), now),
    ], 'surveys');
  }, log);
}

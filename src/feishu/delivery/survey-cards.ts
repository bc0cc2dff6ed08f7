import type { DepsCore } from '../../deps.ts';
import type { OutboxRow, SendResult } from '../../delivery/types.ts';
import { resultsRender, surveyRender } from '../followup/survey-data.ts';
import { gone, malformed, sendRendered, skipped } from './api.ts';
import { recipientOf } from './recipient.ts';

const surveyIdOf = (row: OutboxRow): string | null => (typeof row.payload.surveyId === 'string' ? row.payload.surveyId : null);

/**
 * survey_invite / survey_reminder: the respondent's card with the 0–10 buttons, rendered
 * now. A reminder to someone who answered or to a survey that closed meanwhile is dropped.
 */
export function sendSurvey(reminder: boolean) {
  return async (deps: DepsCore, row: OutboxRow): Promise<SendResult> => {
    const surveyId = surveyIdOf(row);
    const r = await recipientOf(deps, row);
    if (!surveyId || !r) return malformed(row);
    const survey = await surveyRender(deps, r.workspace.id, surveyId, row.destination, r.timeZone, reminder);
    if (!survey) return gone('survey');
    if (reminder && (!survey.open || survey.answered)) return skipped('answered or closed since the reminder was planned');
    return sendRendered(deps, row, survey.render, r.locale);
  };
}

/** survey_results: the results card for the starter and the PMO. */
export async function sendSurveyResults(deps: DepsCore, row: OutboxRow): Promise<SendResult> {
  const surveyId = surveyIdOf(row);
  const r = await recipientOf(deps, row);
  if (!surveyId || !r) return malformed(row);
  const render = await resultsRender(deps, r.workspace.id, surveyId, r.timeZone);
  return render ? sendRendered(deps, row, render, r.locale) : gone('survey');
}

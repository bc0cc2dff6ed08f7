import { loadSurveyCard, surveyOf, unlessClosedOrAnswered } from './survey-invite.ts';
import { defineKind } from './types.ts';

/** survey_reminder: the same card, saying it is a reminder. Skipped when the survey closed or the respondent answered meanwhile. */
export const surveyReminder = defineKind({
  kind: 'survey_reminder',
  parse: surveyOf,
  audience: 'person',
  load: (ctx, p, to) => loadSurveyCard(ctx, p.surveyId, to, true),
  skipWhen: unlessClosedOrAnswered,
  posts: true,
});

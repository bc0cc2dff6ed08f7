import { loadResults, surveyOf } from './survey-invite.ts';
import { defineKind } from './types.ts';

/** survey_results: the results card for the starter and the PMO once the survey closed. Always relevant. */
export const surveyResults = defineKind({
  kind: 'survey_results',
  parse: surveyOf,
  audience: 'person',
  load: (ctx, p, to) => loadResults(ctx, to.workspace.id, p.surveyId, to),
  skipWhen: () => null,
  posts: true,
});

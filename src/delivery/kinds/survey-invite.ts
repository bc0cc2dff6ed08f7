import { answerOf, surveyIsOpen } from '../../db/queries/surveys.ts';
import type { Locale } from '../../domain/types.ts';
import { loadSurveyResults, loadSurveyView } from '../../views/followup-view.ts';
import type { Recipient } from '../recipient.ts';
import { defineKind, read, type KindContext } from './types.ts';
import type { Localized, NotificationView, SurveyCardView, SurveyResultsCardView } from './views.ts';

/** Loads a view once per language: the default question is written in each reader's language. */
async function perLocale<T>(load: (locale: Locale) => Promise<T | null>): Promise<Localized<T> | null> {
  const [en, zh] = await Promise.all([load('en'), load('zh-CN')]);
  return en && zh ? { en, 'zh-CN': zh } : null;
}

/** What the survey loaders need of a recipient (Feishu's card callbacks build one without a workspace row). */
type Reader = Pick<Recipient, 'address' | 'locale' | 'timeZone' | 'publicUrl'> & { workspace: { id: string } };

/** The survey a row is about. */
export const surveyOf = (row: { payload: Record<string, unknown> }) => {
  const surveyId = read.str(row.payload.surveyId);
  return surveyId ? { surveyId } : null;
};

/**
 * One respondent's survey card as it stands now (their score and comment). Respondents are
 * addressed by platform id, which is also how their answer is stored. Past its closing
 * time it shows as closed, even before the job closes it.
 */
export async function loadSurveyCard(ctx: Pick<KindContext, 'db' | 'clock'>, surveyId: string, to: Reader, reminder: boolean): Promise<SurveyCardView | null> {
  const wsId = to.workspace.id;
  const [views, open, answer] = await Promise.all([
    perLocale((locale) => loadSurveyView(ctx.db, wsId, surveyId, to.address, { ...to, locale })),
    surveyIsOpen(ctx.db, wsId, surveyId, ctx.clock.now()),
    answerOf(ctx.db, wsId, surveyId, to.address),
  ]);
  if (!views || open === null) return null;
  const status = open ? ('open' as const) : ('closed' as const);
  return { type: 'survey', survey: { en: { ...views.en, status }, 'zh-CN': { ...views['zh-CN'], status } }, comment: answer?.comment ?? null, reminder, answered: answer !== null };
}

/** A survey's results for one reader; null when the survey is not in this workspace. */
export async function loadResults(ctx: Pick<KindContext, 'db'>, workspaceId: string, surveyId: string, to: Omit<Reader, 'address' | 'workspace'>): Promise<SurveyResultsCardView | null> {
  const results = await perLocale((locale) => loadSurveyResults(ctx.db, workspaceId, surveyId, { ...to, locale }));
  return results ? { type: 'survey_results', results } : null;
}

/** Invites and reminders alike: nobody is asked to answer a closed survey, or one they answered already. */
export const unlessClosedOrAnswered = (v: NotificationView): string | null => {
  if (v.type !== 'survey') return null;
  if (v.survey.en.status === 'closed') return 'the survey has closed';
  return v.answered ? 'the respondent has answered' : null;
};

/** survey_invite: the respondent's card with the 0–10 buttons. Skipped when closed or already answered. */
export const surveyInvite = defineKind({
  kind: 'survey_invite',
  parse: surveyOf,
  audience: 'person',
  load: (ctx, p, to) => loadSurveyCard(ctx, p.surveyId, to, false),
  skipWhen: unlessClosedOrAnswered,
  posts: true,
});

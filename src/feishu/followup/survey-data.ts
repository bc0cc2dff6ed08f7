import { and, eq } from 'drizzle-orm';
import type { Json } from '../../../cards/feishu/kit.ts';
import { resultsCard } from '../../../cards/feishu/results-card.ts';
import { surveyCard } from '../../../cards/feishu/survey-card.ts';
import type { CardContext } from '../../../cards/view.ts';
import type { Deps, DepsCore } from '../../deps.ts';
import { surveyResponses } from '../../db/schema/index.ts';
import type { Locale } from '../../domain/types.ts';
import { loadSurveyResults, loadSurveyView } from '../../views/followup-view.ts';

type AnyDeps = Deps | DepsCore;

/**
 * Loads a view once per card language: the default survey question is written in each
 * reader's language, and a Feishu card carries both (see cards/feishu/bilingual.ts).
 */
async function perLocale<T>(load: (locale: Locale) => Promise<T | null>): Promise<Record<Locale, T> | null> {
  const [en, zh] = await Promise.all([load('en'), load('zh-CN')]);
  return en && zh ? { en, 'zh-CN': zh } : null;
}

/** The comment a respondent saved with their answer, if any. */
export async function savedComment(deps: AnyDeps, surveyId: string, respondent: string): Promise<string | null> {
  const [row] = await deps.db.select({ comment: surveyResponses.comment }).from(surveyResponses).where(and(eq(surveyResponses.surveyId, surveyId), eq(surveyResponses.respondentId, respondent)));
  return row?.comment ?? null;
}

/** A survey card ready to render, and the state it shows. */
export interface SurveyCardData {
  render: (ctx: CardContext) => Json;
  open: boolean;
  answered: boolean;
}

/**
 * The survey card for one respondent as it stands now; null when the survey is not in
 * this workspace. Past its closing time it shows as closed even before the job closes it.
 */
export async function surveyRender(deps: AnyDeps, workspaceId: string, surveyId: string, respondent: string, timeZone: string, reminder: boolean): Promise<SurveyCardData | null> {
  const publicUrl = deps.config.publicUrl;
  const [views, record, comment] = await Promise.all([
    perLocale((locale) => loadSurveyView(deps.db, workspaceId, surveyId, respondent, { locale, timeZone, publicUrl })),
    deps.repos.surveys.get(workspaceId, surveyId),
    savedComment(deps, surveyId, respondent),
  ]);
  if (!views || !record) return null;
  const open = record.status === 'open' && deps.clock.now().getTime() < record.closesAt.getTime();
  const status = open ? ('open' as const) : ('closed' as const);
  return {
    render: (ctx) => surveyCard({ survey: { ...views[ctx.locale], status }, comment, reminder }, ctx),
    open,
    answered: views.en.myScore !== null,
  };
}

/** A survey's results card; null when the survey is not in this workspace. */
export async function resultsRender(deps: AnyDeps, workspaceId: string, surveyId: string, timeZone: string): Promise<((ctx: CardContext) => Json) | null> {
  const publicUrl = deps.config.publicUrl;
  const results = await loadSurveyResults(deps.db, workspaceId, surveyId, { locale: 'en', timeZone, publicUrl });
  // Only the question depends on the language; the numbers are read once.
  const zh = results ? await loadSurveyView(deps.db, workspaceId, surveyId, null, { locale: 'zh-CN', timeZone, publicUrl }) : null;
  if (!results || !zh) return null;
  const views = { en: results, 'zh-CN': { ...results, survey: zh } };
  return (ctx) => resultsCard(views[ctx.locale], ctx);
}

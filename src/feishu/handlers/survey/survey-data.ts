import type { Json } from '../../../../cards/feishu/kit.ts';
import { surveyCard } from '../../../../cards/feishu/survey-card.ts';
import type { CardContext } from '../../../../cards/view.ts';
import type { Deps, DepsCore } from '../../../deps.ts';
import { loadSurveyCard } from '../../../delivery/kinds/survey-invite.ts';

type AnyDeps = Deps | DepsCore;

/** A survey card ready to render, and the state it shows. */
export interface SurveyCardData {
  render: (ctx: CardContext) => Json;
  open: boolean;
  answered: boolean;
}

/**
 * The survey card for one respondent as it stands now, loaded as the survey kinds load it
 * (src/delivery/kinds/survey-invite.ts); null when the survey is not in this workspace.
 * Past its closing time it shows as closed even before the job closes it.
 */
export async function surveyRender(deps: AnyDeps, workspaceId: string, surveyId: string, respondent: string, timeZone: string, reminder: boolean): Promise<SurveyCardData | null> {
  const reader = { workspace: { id: workspaceId }, address: respondent, locale: 'en' as const, timeZone, publicUrl: deps.config.publicUrl };
  const card = await loadSurveyCard(deps, surveyId, reader, reminder);
  if (!card) return null;
  return { render: (ctx) => surveyCard({ survey: card.survey[ctx.locale], comment: card.comment, reminder }, ctx), open: card.survey.en.status === 'open', answered: card.answered };
}

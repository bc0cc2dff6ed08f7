import type { CardAction } from '../../../../cards/actions.ts';
import { SURVEY_FIELDS } from '../../../../cards/feishu/survey-card.ts';
import { answerOf } from '../../../db/queries/surveys.ts';
import { answerSurvey } from '../../../domain/answer-survey.ts';
import { DomainError } from '../../../domain/errors.ts';
import type { PersonRef } from '../../../domain/ports.ts';
import type { Locale } from '../../../domain/types.ts';
import type { CardResponse } from '../../inbound/card-response.ts';
import { timeZoneOf, type FeishuCtx } from '../../context.ts';
import { formText } from '../submit/parse-form.ts';
import { surveyRender } from './survey-data.ts';
import { errorToast, renderCard, toastOf } from '../../render.ts';

/** The survey card as it now stands for this respondent. */
async function currentCard(ctx: FeishuCtx, surveyId: string, member: PersonRef, locale: Locale): Promise<CardResponse['card']> {
  const current = await surveyRender(ctx.deps, ctx.workspace.id, surveyId, member.address, timeZoneOf(member, ctx.workspace), false);
  return current ? { type: 'raw', data: renderCard(current.render, locale, ctx.deps.config.publicUrl) } : undefined;
}

/**
 * A click on a score (0–10) of a survey card; the comment typed above the buttons comes
 * with it. The first click records the answer, a later one changes it; the card comes back
 * with the chosen score highlighted. After closing, the click is told so and the card
 * shows the survey closed.
 */
export async function answerNps(ctx: FeishuCtx, a: Extract<CardAction, { a: 'nps' }>, member: PersonRef, formValue: Record<string, unknown>, locale: Locale): Promise<CardResponse> {
  const { deps, workspace } = ctx;
  // The card's form always sends the comment field (prefilled with the saved one); a click
  // without it (an older card) keeps what was saved rather than erasing it.
  const comment = SURVEY_FIELDS.comment in formValue ? formText(formValue[SURVEY_FIELDS.comment]) || null : (await answerOf(deps.db, workspace.id, a.s, member.address))?.comment ?? null;
  try {
    const { result } = await answerSurvey({ ctx: { clock: deps.clock, surveys: deps.repos.surveys }, input: { workspace, surveyId: a.s, respondent: member.address, score: a.v, comment } });
    const card = await currentCard(ctx, a.s, member, locale);
    return { toast: toastOf('success', result === 'created' ? 'feishu.toast.nps_recorded' : 'feishu.toast.nps_changed', { score: a.v }, locale), ...(card ? { card } : {}) };
  } catch (err) {
    if (!(err instanceof DomainError && err.code === 'closed')) throw err;
    const card = await currentCard(ctx, a.s, member, locale);
    return { toast: errorToast(err, locale).toast, ...(card ? { card } : {}) };
  }
}

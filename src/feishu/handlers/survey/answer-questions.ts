import type { CardAction } from '../../../../cards/actions.ts';
import { answerField, surveyCard } from '../../../../cards/feishu/survey-card.ts';
import { answerQuestions } from '../../../domain/answer-survey.ts';
import { DomainError } from '../../../domain/errors.ts';
import type { PersonRef } from '../../../domain/ports.ts';
import type { Locale } from '../../../domain/types.ts';
import { answerContextOf } from '../../../security/respondent-key.ts';
import { loadSurveyView } from '../../../views/followup-view.ts';
import type { CardResponse } from '../../inbound/card-response.ts';
import { timeZoneOf, type FeishuCtx } from '../../context.ts';
import { errorToast, renderCard, toastOf } from '../../render.ts';
import { formText } from '../submit/parse-form.ts';

/** This person's card once answered (or closed): built here from the survey, not from who is stored as having answered. */
async function settledCard(ctx: FeishuCtx, surveyId: string, member: PersonRef, locale: Locale, answered: boolean): Promise<CardResponse['card']> {
  const reader = (l: Locale) => ({ locale: l, timeZone: timeZoneOf(member, ctx.workspace), publicUrl: ctx.deps.config.publicUrl });
  const [en, zh] = await Promise.all([loadSurveyView(ctx.deps.db, ctx.workspace.id, surveyId, null, reader('en')), loadSurveyView(ctx.deps.db, ctx.workspace.id, surveyId, null, reader('zh-CN'))]);
  if (!en || !zh) return undefined;
  const views = { en, 'zh-CN': zh };
  return { type: 'raw', data: renderCard((c) => surveyCard({ survey: views[c.locale], comment: null, reminder: false, answered }, c), locale, ctx.deps.config.publicUrl) };
}

/**
 * A questionnaire card's submit: every question's value from the form, stored once. Success
 * or a repeated answer: the card turns into "answered" for this person (the response only,
 * nothing stored says who). A closed survey shows as closed; a missing answer leaves the
 * form as it is, with the problem in the toast.
 */
export async function answerQuestionsFromCard(ctx: FeishuCtx, a: Extract<CardAction, { a: 'svy' }>, member: PersonRef, formValue: Record<string, unknown>, locale: Locale): Promise<CardResponse> {
  const survey = await ctx.deps.repos.surveys.get(ctx.workspace.id, a.s);
  if (!survey) throw new DomainError('not_found', 'error.not_found');
  const answers = survey.questions.map((_, i) => formText(formValue[answerField(i)]) || null);
  try {
    await answerQuestions({ ctx: answerContextOf(ctx.deps), input: { workspace: ctx.workspace, surveyId: survey.id, respondent: member.address, answers } });
  } catch (err) {
    if (!(err instanceof DomainError) || (err.code !== 'already_decided' && err.code !== 'closed')) throw err;
    const card = await settledCard(ctx, survey.id, member, locale, err.code === 'already_decided');
    return { toast: errorToast(err, locale).toast, ...(card ? { card } : {}) };
  }
  const card = await settledCard(ctx, survey.id, member, locale, true);
  return { toast: toastOf('success', 'survey.thanks', {}, locale), ...(card ? { card } : {}) };
}

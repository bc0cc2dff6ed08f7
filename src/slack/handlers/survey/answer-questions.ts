import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { SURVEY_ANSWER_ACTION } from '../../../../cards/slack/survey-card.ts';
import { answerBlock, renderSurveyAnswerModal, SURVEY_ANSWER_CALLBACK } from '../../../../cards/slack/survey-modal.ts';
import { renderInfoModal } from '../../../../cards/slack/comment-modal.ts';
import { INPUT_ACTION } from '../../../../cards/slack/submit-modal.ts';
import { answerOf, keyHasAnswered } from '../../../db/queries/surveys.ts';
import type { Deps } from '../../../deps.ts';
import { answerQuestions } from '../../../domain/answer-survey.ts';
import { DomainError } from '../../../domain/errors.ts';
import { answerContextOf } from '../../../security/respondent-key.ts';
import { loadSurveyView } from '../../../views/followup-view.ts';
import { refreshSurveyCards } from '../../adapter/refresh-survey.ts';
import { asModal, errorText, tell } from '../../reply.ts';
import { depsOf, memberOf, scopeOf, type Member, type SlackScope } from '../../context.ts';
import { clickContext, staleButton, tellError, type ClickArgs } from '../click.ts';
import { readMetadata } from '../metadata.ts';
import type { StateValues } from '../submit/read-submission.ts';

/** Whether this member answered the survey: by platform id, or for an anonymous survey by their keyed hash. */
async function hasAnswered(scope: SlackScope, member: Member, survey: { id: string; anonymous: boolean }): Promise<boolean> {
  const { deps } = scope;
  if (!survey.anonymous) return (await answerOf(deps.db, scope.workspace.id, survey.id, member.ref.address)) !== null;
  return keyHasAnswered(deps.db, scope.workspace.id, survey.id, await answerContextOf(deps).respondentKey(survey.id, member.ref.address));
}

/** "Answer": the questionnaire modal; closed, not invited or already answered is told privately instead. */
async function onAnswer(deps: Deps, args: ClickArgs): Promise<void> {
  const c = await clickContext(deps, args);
  const { scope, member, action, target } = c;
  if (action?.a !== 'svy') return tellError(deps, c, staleButton());
  const reader = { locale: member.locale, timeZone: member.timeZone, publicUrl: deps.config.publicUrl };
  const [view, survey] = await Promise.all([loadSurveyView(deps.db, scope.workspace.id, action.s, null, reader), deps.repos.surveys.get(scope.workspace.id, action.s)]);
  if (!view || !survey) return tellError(deps, c, staleButton());
  if (!survey.audience.includes(member.ref.address)) return tellError(deps, c, new DomainError('forbidden', 'error.survey_not_invited'));
  if (view.status === 'closed' || deps.clock.now() >= survey.closesAt) return tellError(deps, c, new DomainError('closed', 'error.survey_closed'));
  if (await hasAnswered(scope, member, survey)) return tellError(deps, c, new DomainError('already_decided', 'error.survey_already_answered'));
  try {
    await scope.client.views.open({ trigger_id: args.body.trigger_id, view: asModal(renderSurveyAnswerModal(member.cards, { view, privateMetadata: JSON.stringify({ s: action.s }) })) });
  } catch (err) {
    deps.log('warn', 'views.open failed for the survey form', { error: err instanceof Error ? err.message : String(err) });
    await tell(scope, member, { ...target, triggerId: undefined }, member.cards.t('slack.modal_failed'));
  }
}

/** Each question's raw value from the modal's state, in order (checked by the domain). */
function readAnswers(values: StateValues, count: number): unknown[] {
  return Array.from({ length: count }, (_, i) => {
    const v = values[answerBlock(i)]?.[INPUT_ACTION];
    return v?.selected_option?.value ?? v?.value ?? null;
  });
}

/** The modal's block for an answer problem: `answers.<i>` → q<i>; anything else beside the first question. */
function blockErrors(err: unknown, member: Member, deps: Deps): Record<string, string> {
  const errors: Record<string, string> = {};
  if (err instanceof DomainError && err.fields.length) {
    for (const f of err.fields) errors[answerBlock(Number(f.field.split('.')[1] ?? 0))] ??= member.cards.t(f.key, f.params);
    return errors;
  }
  return { [answerBlock(0)]: errorText(err, member.locale, deps.log) };
}

/**
 * The questionnaire's submission: stored once (a second one is refused beside the first
 * question), then the modal thanks the person. A named survey's cards then show it answered;
 * an anonymous survey's cannot know, by design.
 */
function registerAnswerView(app: App): void {
  app.view(SURVEY_ANSWER_CALLBACK, async ({ ack, body, view, context, client }) => {
    const scope = scopeOf(context, client);
    const { deps } = scope;
    const member = await memberOf(scope, body.user.id);
    const surveyId = readMetadata(view.private_metadata, (m) => (typeof m.s === 'string' ? m.s : null));
    const survey = surveyId ? await deps.repos.surveys.get(scope.workspace.id, surveyId) : null;
    if (!survey) return ack({ response_action: 'errors', errors: { [answerBlock(0)]: errorText(staleButton(), member.locale, deps.log) } });
    try {
      await answerQuestions({ ctx: answerContextOf(deps), input: { workspace: scope.ws, surveyId: survey.id, respondent: member.ref.address, answers: readAnswers(view.state.values as StateValues, survey.questions.length) } });
    } catch (err) {
      return ack({ response_action: 'errors', errors: blockErrors(err, member, deps) });
    }
    await ack({ response_action: 'update', view: asModal(renderInfoModal(member.cards, member.cards.t('survey.thanks'))) });
    if (!survey.anonymous) scope.defer(() => refreshSurveyCards(deps, scope.workspace, survey.id, member.ref.address));
  });
}

/** Questionnaire surveys: the "Answer" button and the answer modal. */
export function registerQuestionnaire(app: App): void {
  app.action<BlockAction<ButtonAction>>(SURVEY_ANSWER_ACTION, (args) => onAnswer(depsOf(args.context), args));
  registerAnswerView(app);
}

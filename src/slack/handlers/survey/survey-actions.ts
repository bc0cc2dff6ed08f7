import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { NPS_COMMENT_ACTION, NPS_SCORE_PATTERN } from '../../../../cards/slack/survey-card.ts';
import { renderSurveyCommentModal, SURVEY_BLOCKS, SURVEY_COMMENT_CALLBACK } from '../../../../cards/slack/survey-modal.ts';
import { decodeAction } from '../../../../cards/actions.ts';
import { INPUT_ACTION } from '../../../../cards/slack/submit-modal.ts';
import { answerOf } from '../../../db/queries/surveys.ts';
import type { Deps } from '../../../deps.ts';
import { answerSurvey } from '../../../domain/answer-survey.ts';
import { DomainError } from '../../../domain/errors.ts';
import { loadSurveyView } from '../../../views/followup-view.ts';
import { refreshSurveyCards } from '../../adapter/refresh-survey.ts';
import { readMetadata } from '../metadata.ts';
import { registerQuestionnaire } from './answer-questions.ts';
import { asModal, errorText, tell } from '../../reply.ts';
import { depsOf, memberOf, scopeOf, type Member, type SlackScope } from '../../context.ts';
import { clickContext, staleButton, tellError, type ClickArgs } from '../click.ts';

/** Records (or changes) the person's answer; a later score keeps the comment they left. */
async function answer(scope: SlackScope, member: Member, surveyId: string, score: number, comment?: string | null) {
  const { deps } = scope;
  const kept = comment === undefined ? ((await answerOf(deps.db, scope.workspace.id, surveyId, member.ref.address))?.comment ?? null) : comment;
  await answerSurvey({ ctx: { clock: deps.clock, surveys: deps.repos.surveys }, input: { workspace: scope.ws, surveyId, respondent: member.ref.address, score, comment: kept } });
}

/** After the response: the person's cards of that survey show the answer (or that it closed). */
function refreshCards(scope: SlackScope, member: Member, surveyId: string): void {
  scope.defer(() => refreshSurveyCards(scope.deps, scope.workspace, surveyId, member.ref.address));
}

/** A score button (0–10): answer at once; problems (not invited, closed) come back privately. */
async function onScore(deps: Deps, args: ClickArgs): Promise<void> {
  const c = await clickContext(deps, args);
  const { scope, member, action } = c;
  if (action?.a !== 'nps') return tellError(deps, c, staleButton());
  try {
    await answer(scope, member, action.s, action.v);
  } catch (err) {
    await tellError(deps, c, err);
    if (err instanceof DomainError && err.code === 'closed') refreshCards(scope, member, action.s);
    return;
  }
  refreshCards(scope, member, action.s);
}

/** "Add a comment": the comment modal, prefilled with the comment so far; closed surveys say so. */
async function onComment(deps: Deps, args: ClickArgs): Promise<void> {
  const c = await clickContext(deps, args);
  const { scope, member, action, target } = c;
  if (action?.a !== 'nps') return tellError(deps, c, staleButton());
  const reader = { locale: member.locale, timeZone: member.timeZone, publicUrl: deps.config.publicUrl };
  const view = await loadSurveyView(deps.db, scope.workspace.id, action.s, member.ref.address, reader);
  if (!view) return tellError(deps, c, staleButton());
  if (view.status === 'closed') return tellError(deps, c, new DomainError('closed', 'error.survey_closed'));
  const comment = (await answerOf(deps.db, scope.workspace.id, action.s, member.ref.address))?.comment ?? null;
  const privateMetadata = JSON.stringify({ s: action.s, v: view.myScore ?? action.v });
  try {
    await scope.client.views.open({ trigger_id: args.body.trigger_id, view: asModal(renderSurveyCommentModal(member.cards, { question: view.question, comment, privateMetadata })) });
  } catch (err) {
    deps.log('warn', 'views.open failed for the survey comment', { error: err instanceof Error ? err.message : String(err) });
    await tell(scope, member, { ...target, triggerId: undefined }, member.cards.t('slack.modal_failed'));
  }
}

/** The comment modal's private_metadata (survey and score), validated like a card action. */
function readMeta(raw: string | undefined): { s: string; v: number } | null {
  return readMetadata(raw, (m) => {
    const action = decodeAction({ ...m, a: 'nps' });
    return action?.a === 'nps' ? { s: action.s, v: action.v } : null;
  });
}

/** The comment modal's submission: stored with the current score, or the reason beside the input. */
function registerCommentView(app: App): void {
  app.view(SURVEY_COMMENT_CALLBACK, async ({ ack, body, view, context, client }) => {
    const scope = scopeOf(context, client);
    const { deps } = scope;
    const member = await memberOf(scope, body.user.id);
    const meta = readMeta(view.private_metadata);
    const comment = view.state.values[SURVEY_BLOCKS.comment]?.[INPUT_ACTION]?.value ?? '';
    try {
      if (!meta) throw new DomainError('not_found', 'error.not_found');
      const current = await answerOf(deps.db, scope.workspace.id, meta.s, member.ref.address);
      await answer(scope, member, meta.s, current?.score ?? meta.v, comment);
    } catch (err) {
      return ack({ response_action: 'errors', errors: { [SURVEY_BLOCKS.comment]: errorText(err, member.locale, deps.log) } });
    }
    await ack();
    refreshCards(scope, member, meta.s);
  });
}

/** Survey cards: the eleven score buttons, "add a comment", the comment modal, and the questionnaires' form. */
export function registerSurveyActions(app: App): void {
  app.action<BlockAction<ButtonAction>>(NPS_SCORE_PATTERN, (args) => onScore(depsOf(args.context), args));
  app.action<BlockAction<ButtonAction>>(NPS_COMMENT_ACTION, (args) => onComment(depsOf(args.context), args));
  registerCommentView(app);
  registerQuestionnaire(app);
}

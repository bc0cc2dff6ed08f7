import { decodeAction } from '../../../cards/actions.ts';
import { decodeFormAction } from '../../../cards/feishu/form-action.ts';
import { formCard } from '../../../cards/feishu/form-card.ts';
import { DomainError } from '../../domain/errors.ts';
import type { PersonRef } from '../../domain/ports.ts';
import type { Locale } from '../../domain/types.ts';
import type { CardResponse } from '../inbound/card-response.ts';
import { feishuPerson, isOpenId, localeOf, timeZoneOf, type FeishuCtx } from '../context.ts';
import { editFormProps } from './submit/form-props.ts';
import { submitForm } from './submit/submit-form.ts';
import { feishuOutcomeView } from '../adapter/outcome-data.ts';
import { errorToast, renderCard, toastOf } from '../render.ts';
import { submitNpsForm } from './survey/start-survey-form.ts';
import { answerNps } from './survey/answer-nps.ts';
import { answerQuestionsFromCard } from './survey/answer-questions.ts';
import { decide } from './decide/decide.ts';
import { recordReviewFromCard } from './review/record-review.ts';
import { completeActionCard, submitLessonCard } from './retro/retro-cards.ts';

/** The fields of a `card.action.trigger` callback we read (after the SDK flattened it). */
export interface CardActionEvent {
  operator?: { open_id?: string };
  action?: { value?: unknown; form_value?: Record<string, unknown>; name?: string };
  context?: { open_message_id?: string; open_chat_id?: string };
}

/** "Edit and resubmit": the member's form, prefilled, replaces the notice card. */
async function editForm(ctx: FeishuCtx, outcomeId: string, round: number, member: PersonRef, locale: Locale): Promise<CardResponse> {
  const outcome = await ctx.deps.verbs.outcomes.get(ctx.workspace.id, outcomeId);
  if (!outcome) throw new DomainError('not_found', 'error.not_found');
  if (outcome.submitterId !== member.id) throw new DomainError('forbidden', 'error.forbidden');
  if (outcome.status !== 'changes_requested' || outcome.round !== round) throw new DomainError('illegal_transition', 'error.illegal_transition', { from: outcome.status, action: 'resubmit' });
  const view = (await feishuOutcomeView(ctx.deps, ctx.workspace.id, outcomeId, timeZoneOf(member, ctx.workspace)))!;
  const props = await editFormProps(ctx.deps, ctx.workspace, member, view);
  return { card: { type: 'raw', data: renderCard((c) => formCard(props, c), locale, ctx.deps.config.publicUrl) } };
}

async function route(ctx: FeishuCtx, e: CardActionEvent, member: PersonRef, locale: Locale): Promise<CardResponse> {
  const value = e.action?.value;
  const formValue = e.action?.form_value ?? {};
  const openMessageId = e.context?.open_message_id ?? 'no-message';
  const action = decodeAction(value);
  switch (action?.a) {
    case 'edit':
      return editForm(ctx, action.o, action.r, member, locale);
    case 'approve':
    case 'request_changes':
    case 'reject':
      return decide(ctx, action, member, formValue, locale);
    case 'nps':
      return answerNps(ctx, action, member, formValue, locale);
    case 'svy':
      return answerQuestionsFromCard(ctx, action, member, formValue, locale);
    case 'review':
      return recordReviewFromCard(ctx, action, member, formValue, locale);
    case 'nps_start':
      return submitNpsForm(ctx, { member, locale, nonce: action.n, formValue, openMessageId });
    case 'lesson':
      return submitLessonCard(ctx, action, member, formValue, locale, openMessageId);
    case 'retro_done':
      return completeActionCard(ctx, action, member, locale);
  }
  const form = decodeFormAction(value);
  if (form) return submitForm(ctx, { member, locale, action: form, formValue, openMessageId });
  return { toast: toastOf('warning', 'feishu.toast.stale_button', {}, locale) };
}

/**
 * A click on one of our cards. Always answers 200 within the 3 seconds Feishu waits:
 * problems become an error toast (the one error mapping, src/errors.ts) and leave the card
 * as it was; an unexpected failure is logged with the reference the toast quotes.
 */
export async function onCardAction(ctx: FeishuCtx, e: CardActionEvent): Promise<CardResponse> {
  const openId = e.operator?.open_id;
  if (!isOpenId(openId)) return { toast: toastOf('error', 'error.unauthorized', {}, ctx.workspace.settings.locale) };
  const member = await feishuPerson(ctx.deps, ctx.workspace.id, openId);
  const locale = localeOf(member, ctx.workspace);
  try {
    return await route(ctx, e, member, locale);
  } catch (err) {
    const { toast, ref } = errorToast(err, locale);
    if (ref) ctx.deps.log('error', 'feishu card action failed', { ref, error: String(err instanceof Error ? err.stack : err) });
    return { toast };
  }
}

import type { CardAction } from '../../../../cards/actions.ts';
import type { FormError } from '../../../../cards/feishu/form-card.ts';
import { GENERAL } from '../../../../cards/feishu/form-card.ts';
import { lessonsPromptCard, retroActionCard } from '../../../../cards/feishu/retro.ts';
import { LESSON_FIELDS } from '../../../../cards/retro-view.ts';
import { lessonSubject } from '../../../db/queries/lessons.ts';
import { dayOf } from '../../../domain/calendar-date.ts';
import { DomainError } from '../../../domain/errors.ts';
import type { PersonRef } from '../../../domain/ports.ts';
import type { Locale } from '../../../domain/types.ts';
import { recordLesson } from '../../../retro/record-lesson.ts';
import { completeAction } from '../../../retro/retrospective.ts';
import { chatPmo } from '../../../retro/roles.ts';
import type { CardResponse } from '../../inbound/card-response.ts';
import type { FeishuCtx } from '../../context.ts';
import { renderCard, toastOf } from '../../render.ts';
import { formText } from '../submit/parse-form.ts';

const FIELD_OF: Record<string, string> = { whatWorked: LESSON_FIELDS.worked, whatDidnt: LESSON_FIELDS.didnt, whatToRepeat: LESSON_FIELDS.repeat, tags: LESSON_FIELDS.tags };

const actorOf = (ctx: FeishuCtx, member: PersonRef) => {
  const pmo = chatPmo(ctx.workspace.settings, ctx.row.installedBy, { address: member.address, platformAdmin: null });
  return { personId: member.id, seesAll: pmo, pmo };
};

/**
 * The lessons prompt's form submitted: stored once per card and member (a retried callback
 * stores nothing more) and the card turns into the thank-you; a problem shows the card again
 * with the typed values and a note beside each field, and nothing is stored.
 */
export async function submitLessonCard(ctx: FeishuCtx, a: Extract<CardAction, { a: 'lesson' }>, member: PersonRef, formValue: Record<string, unknown>, locale: Locale, openMessageId: string): Promise<CardResponse> {
  const { deps } = ctx;
  const actor = actorOf(ctx, member);
  const subject = await lessonSubject(deps.db, ctx.workspace.id, actor, a.o);
  if (!subject) throw new DomainError('not_found', 'error.not_found');
  const values = Object.fromEntries(Object.values(LESSON_FIELDS).map((f) => [f, formText(formValue[f])]));
  const props = { outcomeId: a.o, title: subject.title, url: `${deps.config.publicUrl}/app/outcomes/${a.o}#lessons` };
  try {
    const answers = { whatWorked: values[LESSON_FIELDS.worked], whatDidnt: values[LESSON_FIELDS.didnt], whatToRepeat: values[LESSON_FIELDS.repeat], tags: values[LESSON_FIELDS.tags] };
    await recordLesson(deps, { workspaceId: ctx.workspace.id, outcomeId: a.o, author: actor, source: 'prompt', clientKey: `feishu:${openMessageId}:${member.id}`, answers });
  } catch (err) {
    if (!(err instanceof DomainError) || err.code !== 'validation_failed') throw err;
    const errors: FormError[] = err.fields.map((f) => ({ name: FIELD_OF[f.field] ?? GENERAL, key: f.key, ...(f.params ? { params: f.params } : {}) }));
    const again = renderCard((c) => lessonsPromptCard({ ...props, recorded: false }, c, { values, errors }), locale, deps.config.publicUrl);
    return { toast: toastOf('error', 'error.validation_failed', {}, locale), card: { type: 'raw', data: again } };
  }
  const thanks = renderCard((c) => lessonsPromptCard({ ...props, recorded: true }, c), locale, deps.config.publicUrl);
  return { toast: toastOf('success', 'retro.lessons.saved_toast', {}, locale), card: { type: 'raw', data: thanks } };
}

/** "Mark done" on an action reminder: the card turns into "done" (a second click changes nothing). */
export async function completeActionCard(ctx: FeishuCtx, a: Extract<CardAction, { a: 'retro_done' }>, member: PersonRef, locale: Locale): Promise<CardResponse> {
  const { action } = await completeAction(ctx.deps, ctx.workspace.id, a.x, actorOf(ctx, member));
  const props = { actionId: action.id, title: action.title, dueText: dayOf(action.dueAt), overdueDays: 0, done: true, url: `${ctx.deps.config.publicUrl}/app/retros/${action.retrospectiveId}` };
  return { toast: toastOf('success', 'retro.action.done_toast', {}, locale), card: { type: 'raw', data: renderCard((c) => retroActionCard(props, c), locale, ctx.deps.config.publicUrl) } };
}

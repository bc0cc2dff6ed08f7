import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { LESSON_FIELDS } from '../../../../cards/retro-view.ts';
import { LESSON_CALLBACK, LESSON_OPEN_ACTION, RETRO_DONE_ACTION, renderLessonModal, renderRetroActionReminder } from '../../../../cards/slack/retro.ts';
import { INPUT_ACTION } from '../../../../cards/slack/submit-modal.ts';
import { lessonSubject } from '../../../db/queries/lessons.ts';
import type { Deps } from '../../../deps.ts';
import { DomainError } from '../../../domain/errors.ts';
import { recordLesson } from '../../../retro/record-lesson.ts';
import { completeAction } from '../../../retro/retrospective.ts';
import { chatPmo } from '../../../retro/roles.ts';
import { dayOf } from '../../../domain/calendar-date.ts';
import { readMetadata } from '../metadata.ts';
import type { StateValues } from '../submit/read-submission.ts';
import { asBlocks, asModal, errorText, tell } from '../../reply.ts';
import { depsOf, memberOf, scopeOf, type Member, type SlackScope } from '../../context.ts';
import { clickContext, staleButton, tellError, type ClickArgs } from '../click.ts';

/** The member as the retrospective services take them. */
const actorOf = (scope: SlackScope, m: Member) => {
  const pmo = chatPmo(scope.workspace.settings, scope.workspace.installedBy, { address: m.ref.address, platformAdmin: m.row.platformAdmin });
  return { personId: m.ref.id, seesAll: pmo, pmo };
};

/** "Write lessons" on the prompt: the form, when the member may write about this outcome. */
async function onOpen(deps: Deps, args: ClickArgs): Promise<void> {
  const c = await clickContext(deps, args);
  const { scope, member, action } = c;
  try {
    if (action?.a !== 'lesson') throw staleButton();
    const subject = await lessonSubject(deps.db, scope.workspace.id, actorOf(scope, member), action.o);
    if (!subject) throw new DomainError('not_found', 'error.not_found');
    await scope.client.views.open({ trigger_id: args.body.trigger_id, view: asModal(renderLessonModal(member.cards, { title: subject.title, privateMetadata: JSON.stringify({ o: action.o }) })) });
  } catch (err) {
    if (err instanceof DomainError) return tellError(deps, c, err);
    deps.log('warn', 'could not open the lessons form', { error: err instanceof Error ? err.message : String(err) });
    await tell(scope, member, { ...c.target, triggerId: undefined }, member.cards.t('slack.modal_failed'));
  }
}

const FIELD_BLOCK: Record<string, string> = { whatWorked: LESSON_FIELDS.worked, whatDidnt: LESSON_FIELDS.didnt, whatToRepeat: LESSON_FIELDS.repeat, tags: LESSON_FIELDS.tags };

/**
 * The lessons form's submission: stored once per modal (its view id is the client key, so
 * Slack's retry of the same submission stores nothing more), or each problem beside its input.
 */
function registerLessonView(app: App): void {
  app.view(LESSON_CALLBACK, async ({ ack, body, view, context, client }) => {
    const scope = scopeOf(context, client);
    const { deps } = scope;
    const member = await memberOf(scope, body.user.id);
    const meta = readMetadata<{ o: string }>(view.private_metadata, (m) => (typeof m.o === 'string' && m.o ? { o: m.o } : null));
    const values = view.state.values as StateValues;
    const text = (block: string) => values[block]?.[INPUT_ACTION]?.value ?? '';
    try {
      if (!meta) throw new DomainError('not_found', 'error.not_found');
      const answers = { whatWorked: text(LESSON_FIELDS.worked), whatDidnt: text(LESSON_FIELDS.didnt), whatToRepeat: text(LESSON_FIELDS.repeat), tags: text(LESSON_FIELDS.tags) };
      await recordLesson(deps, { workspaceId: scope.workspace.id, outcomeId: meta.o, author: actorOf(scope, member), source: 'prompt', clientKey: `slack:${view.id}`, answers });
    } catch (err) {
      const errors: Record<string, string> = {};
      const fields = err instanceof DomainError ? err.fields : [];
      for (const f of fields) errors[FIELD_BLOCK[f.field] ?? LESSON_FIELDS.worked] ??= member.cards.t(f.key, f.params);
      if (!fields.length) errors[LESSON_FIELDS.worked] = errorText(err, member.locale, deps.log);
      return ack({ response_action: 'errors', errors });
    }
    await ack();
  });
}

/** "Mark done" on an action reminder: done (the card says so), or why not. */
async function onDone(deps: Deps, args: ClickArgs): Promise<void> {
  const c = await clickContext(deps, args);
  const { scope, member, action } = c;
  try {
    if (action?.a !== 'retro_done') throw staleButton();
    const { action: a } = await completeAction(deps, scope.workspace.id, action.x, actorOf(scope, member));
    const card = renderRetroActionReminder(member.cards, { actionId: a.id, title: a.title, dueText: dayOf(a.dueAt), overdueDays: 0, done: true, url: `${deps.config.publicUrl}/app/retros/${a.retrospectiveId}` });
    if (args.body.response_url) await args.respond({ replace_original: true, text: card.text, blocks: asBlocks(card.blocks) });
    else await tell(scope, member, c.target, member.cards.t('retro.action.done_toast'));
  } catch (err) {
    return tellError(deps, c, err);
  }
}

/** Retrospectives on Slack: the lessons prompt's button and form, and the action reminder's "Mark done". */
export function registerRetroActions(app: App): void {
  app.action<BlockAction<ButtonAction>>(LESSON_OPEN_ACTION, (args) => onOpen(depsOf(args.context), args));
  app.action<BlockAction<ButtonAction>>(RETRO_DONE_ACTION, (args) => onDone(depsOf(args.context), args));
  registerLessonView(app);
}

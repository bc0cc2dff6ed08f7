import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { decodeAction } from '../../../../cards/actions.ts';
import { HOME_DASHBOARD_ACTION, HOME_SUBMIT_ACTION } from '../../../../cards/slack/home.ts';
import { EDIT_ACTION } from '../../../../cards/slack/notices.ts';
import type { Deps } from '../../../deps.ts';
import { DomainError } from '../../../domain/errors.ts';
import { openSubmitModal } from './open-submit-modal.ts';
import { errorText, tell } from '../../reply.ts';
import { depsOf, memberOf, scopeOf, type Member, type SlackScope } from '../../context.ts';
import type { ClickArgs } from '../click.ts';

/** Only the submitter may edit, and only the round whose changes were requested. */
async function assertEditable(scope: SlackScope, member: Member, outcomeId: string, round: number): Promise<void> {
  const outcome = await scope.deps.verbs.outcomes.get(scope.ws.id, outcomeId);
  if (!outcome) throw new DomainError('not_found', 'error.not_found');
  if (outcome.submitterId !== member.ref.id) throw new DomainError('forbidden', 'error.forbidden');
  if (outcome.status !== 'changes_requested' || outcome.round !== round)
    throw new DomainError('illegal_transition', 'error.illegal_transition', { from: member.cards.t(`status.${outcome.status}`), action: member.cards.t('card.edit') });
}

/** Opens the modal (new, or prefilled to edit); a failure is explained privately. */
async function open(deps: Deps, args: ClickArgs, edit: boolean): Promise<void> {
  await args.ack();
  const scope = scopeOf(args.context, args.client);
  const member = await memberOf(scope, args.body.user.id);
  const target = { respond: args.body.response_url ? args.respond : undefined, userId: member.ref.address };
  try {
    let editing: { outcomeId: string; round: number } | null = null;
    if (edit) {
      const action = decodeAction(args.action.value);
      if (!action || action.a !== 'edit') throw new DomainError('not_found', 'error.not_found');
      await assertEditable(scope, member, action.o, action.r);
      editing = { outcomeId: action.o, round: action.r };
    }
    await openSubmitModal(scope, member, args.body.trigger_id, editing);
  } catch (err) {
    const text = err instanceof DomainError ? errorText(err, member.locale, deps.log) : member.cards.t('slack.modal_failed');
    if (!(err instanceof DomainError)) deps.log('warn', 'could not open the submit modal', { error: err instanceof Error ? err.message : String(err) });
    await tell(scope, member, target, text);
  }
}

/** Edit (after changes were requested), the Home tab's "record an outcome", and the dashboard link button. */
export function registerOpenActions(app: App): void {
  app.action<BlockAction<ButtonAction>>(EDIT_ACTION, (args) => open(depsOf(args.context), args, true));
  app.action<BlockAction<ButtonAction>>(HOME_SUBMIT_ACTION, (args) => open(depsOf(args.context), args, false));
  // A URL button still sends an interaction, which Slack wants acknowledged.
  app.action(HOME_DASHBOARD_ACTION, async ({ ack }) => ack());
}

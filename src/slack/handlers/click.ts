import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { decodeAction } from '../../../cards/actions.ts';
import type { Deps } from '../../deps.ts';
import { publishHome } from './home/publish-home.ts';
import { DomainError } from '../../domain/errors.ts';
import { errorText, tell, type ReplyTarget } from '../reply.ts';
import { memberOf, scopeOf, type Member, type SlackScope } from '../context.ts';

/** A button click as Bolt hands it to a listener. */
export type ClickArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/**
 * Common start of a button click: ack at once, then the scope, the member, the decoded
 * card action (null when forged or stale), whether it came from the Home tab, and where
 * to answer privately (the response_url in messages, a modal on the Home tab).
 */
export async function clickContext(deps: Deps, args: ClickArgs) {
  await args.ack();
  const scope = scopeOf(args.context, args.client);
  const member = await memberOf(scope, args.body.user.id);
  const action = decodeAction(args.action.value);
  const fromHome = args.body.container?.type === 'view';
  const target: ReplyTarget = { respond: args.body.response_url ? args.respond : undefined, triggerId: fromHome ? args.body.trigger_id : undefined, userId: member.ref.address };
  return { scope, member, action, fromHome, target };
}

/** Republishes the clicker's Home tab after the response when the click came from there. */
export function refreshHome(scope: SlackScope, member: Member, fromHome: boolean): void {
  if (fromHome) scope.defer(() => publishHome(scope, member));
}

/** A click on a button whose value is forged, stale or of another kind. */
export const staleButton = () => new DomainError('not_found', 'error.not_found');

/** Answers the clicker privately with an error as src/errors.ts describes it. */
export function tellError(deps: Deps, c: { scope: SlackScope; member: Member; target: ReplyTarget }, err: unknown): Promise<void> {
  return tell(c.scope, c.member, c.target, errorText(err, c.member.locale, deps.log));
}

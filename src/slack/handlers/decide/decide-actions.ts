import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { APPROVAL_ACTIONS, scoresBlockId } from '../../../../cards/slack/approval-card.ts';
import { renderCommentModal } from '../../../../cards/slack/comment-modal.ts';
import type { Deps } from '../../../deps.ts';
import { kickOutbox } from '../../../delivery/kick.ts';
import { checkDecision } from '../../../domain/check-decision.ts';
import { decideOutcome } from '../../../domain/decide-outcome.ts';
import { parseScoreCard } from '../../../domain/scores.ts';
import type { ScoreCard } from '../../../domain/types.ts';
import type { StateValues } from '../submit/read-submission.ts';
import { asModal, tell } from '../../reply.ts';
import { clickContext, refreshHome, staleButton, tellError, type ClickArgs } from '../click.ts';
import { depsOf } from '../../context.ts';

/** What the comment modal carries from the click to its submission. */
export interface CommentMeta {
  a: 'request_changes' | 'reject';
  o: string;
  r: number;
  s: 'manager' | 'pmo';
  scores: ScoreCard | null;
  /** Republish the clicker's Home tab afterwards (the click came from there). */
  home: boolean;
}

/**
 * The 1–5 selects next to the clicked button (card: the scores block; Home: the same
 * block as the buttons), read by the domain's one score parser: null when none is picked;
 * a missing or forged value fails the verb's check on its dimension.
 */
export function readScores(values: StateValues | undefined, blockIds: string[]): ScoreCard | null {
  for (const id of blockIds) {
    const block = values?.[id];
    if (!block) continue;
    const card = parseScoreCard((dim) => block[`${APPROVAL_ACTIONS.score}:${dim}`]?.selected_option?.value);
    if (card) return card;
  }
  return null;
}

/** Score selects of the clicked card: message clicks carry `state`, Home-tab clicks `view.state`. */
function scoresOf(args: ClickArgs, outcomeId: string): ScoreCard | null {
  const values = (args.body.state?.values ?? args.body.view?.state?.values) as StateValues | undefined;
  return readScores(values, [args.action.block_id, scoresBlockId(outcomeId)]);
}

/** Approve: decide right away with the scores on the card; errors come back privately. */
async function onApprove(deps: Deps, args: ClickArgs): Promise<void> {
  const c = await clickContext(deps, args);
  const { scope, member, action, fromHome } = c;
  if (!action || action.a !== 'approve') return tellError(deps, c, staleButton());
  const scores = scoresOf(args, action.o);
  try {
    await decideOutcome({ ctx: deps.verbs, input: { workspace: scope.ws, outcomeId: action.o, actor: member.ref, decision: 'approve', scores, round: action.r, stage: action.s } });
  } catch (err) {
    return tellError(deps, c, err);
  }
  kickOutbox(deps, scope.defer);
  refreshHome(scope, member, fromHome);
}

/** Request changes / Reject: check the click first, then ask for the comment in a modal. */
async function onNeedsComment(deps: Deps, args: ClickArgs): Promise<void> {
  const c = await clickContext(deps, args);
  const { scope, member, action, fromHome, target } = c;
  if (!action || (action.a !== 'request_changes' && action.a !== 'reject')) return tellError(deps, c, staleButton());
  let title: string;
  try {
    ({ title } = await checkDecision({ ctx: deps.verbs, input: { workspace: scope.ws, outcomeId: action.o, actor: member.ref, round: action.r, stage: action.s } }));
  } catch (err) {
    return tellError(deps, c, err);
  }
  const meta: CommentMeta = { a: action.a, o: action.o, r: action.r, s: action.s, scores: scoresOf(args, action.o), home: fromHome };
  try {
    await scope.client.views.open({ trigger_id: args.body.trigger_id, view: asModal(renderCommentModal(member.cards, { decision: action.a, title, privateMetadata: JSON.stringify(meta) })) });
  } catch (err) {
    deps.log('warn', 'views.open failed for the comment modal', { error: err instanceof Error ? err.message : String(err) });
    await tell(scope, member, { ...target, triggerId: undefined }, member.cards.t('slack.modal_failed'));
  }
}

/** Approve, Request changes and Reject on approval cards and the Home tab; the score selects only need an ack. */
export function registerDecideActions(app: App): void {
  app.action(new RegExp(`^${APPROVAL_ACTIONS.score}:`), async ({ ack }) => ack());
  app.action<BlockAction<ButtonAction>>(APPROVAL_ACTIONS.approve, (args) => onApprove(depsOf(args.context), args));
  app.action<BlockAction<ButtonAction>>(new RegExp(`^(${APPROVAL_ACTIONS.request_changes}|${APPROVAL_ACTIONS.reject})$`), (args) => onNeedsComment(depsOf(args.context), args));
}

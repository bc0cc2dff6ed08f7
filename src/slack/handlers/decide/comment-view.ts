import type { App } from '@slack/bolt';
import { COMMENT_BLOCK, COMMENT_CALLBACK } from '../../../../cards/slack/comment-modal.ts';
import { INPUT_ACTION } from '../../../../cards/slack/submit-modal.ts';
import { decodeAction } from '../../../../cards/actions.ts';
import { kickOutbox } from '../../../delivery/kick.ts';
import { decideOutcome } from '../../../domain/decide-outcome.ts';
import { DomainError } from '../../../domain/errors.ts';
import { publishHome } from '../home/publish-home.ts';
import { errorText } from '../../reply.ts';
import { memberOf, scopeOf } from '../../context.ts';
import type { CommentMeta } from './decide-actions.ts';

/** private_metadata of the comment modal, validated like any card action (it round-trips through Slack). */
function readMeta(raw: string): CommentMeta | null {
  try {
    const m = JSON.parse(raw) as Partial<CommentMeta>;
    const action = decodeAction({ a: m.a, o: m.o, r: m.r, s: m.s });
    if (!action || (action.a !== 'request_changes' && action.a !== 'reject')) return null;
    const s = m.scores;
    const scores = s && typeof s === 'object' ? { impact: Number(s.impact), difficulty: Number(s.difficulty), innovation: Number(s.innovation) } : null;
    return { a: action.a, o: action.o, r: action.r, s: action.s, scores, home: m.home === true };
  } catch {
    return null;
  }
}

/** The comment modal's submission: decide with the comment, or show why not beside it. */
export function registerCommentView(app: App): void {
  app.view(COMMENT_CALLBACK, async ({ ack, body, view, context, client }) => {
    const scope = scopeOf(context, client);
    const { deps } = scope;
    const member = await memberOf(scope, body.user.id);
    const meta = readMeta(view.private_metadata);
    const comment = view.state.values[COMMENT_BLOCK]?.[INPUT_ACTION]?.value ?? '';
    try {
      if (!meta) throw new DomainError('not_found', 'error.not_found');
      await decideOutcome({ ctx: deps.verbs, input: { workspace: scope.ws, outcomeId: meta.o, actor: member.ref, decision: meta.a, comment, scores: meta.scores, round: meta.r, stage: meta.s } });
    } catch (err) {
      return ack({ response_action: 'errors', errors: { [COMMENT_BLOCK]: errorText(err, member.locale, deps.log) } });
    }
    await ack();
    kickOutbox(deps, scope.defer);
    if (meta.home) scope.defer(() => publishHome(scope, member));
  });
}

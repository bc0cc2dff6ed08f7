import type { App, RespondArguments } from '@slack/bolt';
import { renderHelp, renderList, renderNote } from '../../../cards/slack/command-replies.ts';
import type { SlackMessage } from '../../../cards/slack/blocks.ts';
import type { Deps } from '../../deps.ts';
import { dateText } from '../../views/dates.ts';
import { listMyOutcomes } from '../../views/outcome-view.ts';
import { runAdmin } from '../admin/run-admin.ts';
import { openSubmitModal } from '../modal/open-submit-modal.ts';
import { asBlocks, errorText } from '../reply.ts';
import { memberOf, scopeOf, type Member, type SlackScope } from '../scope.ts';

const ephemeral = (m: SlackMessage): RespondArguments => ({ response_type: 'ephemeral', text: m.text, blocks: asBlocks(m.blocks) });

async function listReply(scope: SlackScope, member: Member): Promise<SlackMessage> {
  const items = await listMyOutcomes(scope.deps.db, scope.workspace.id, member.ref.id, 20);
  return renderList(member.cards, items.map((o) => ({ ...o, updatedText: dateText(o.updatedAt, member.timeZone) })));
}

/**
 * `/outcome` (whatever the command is named in the app's manifest): no text opens the submit
 * modal; `list`, `help`, `admin …` answer privately; anything else gets the help, never silence.
 */
export function registerCommand(app: App, deps: Deps): void {
  app.command(/.*/, async ({ command, ack, respond, context, client }) => {
    const scope = scopeOf(deps, context, client);
    const member = await memberOf(scope, command.user_id);
    const words = command.text.trim().split(/\s+/).filter(Boolean);
    const sub = (words[0] ?? '').toLowerCase();
    if (sub === '' || sub === 'new' || sub === 'submit') {
      // Ack first, then open the modal while the trigger id is fresh; explain if Slack refuses.
      await ack();
      try {
        await openSubmitModal(scope, member, command.trigger_id);
      } catch (err) {
        deps.log('warn', 'views.open failed for /outcome', { error: err instanceof Error ? err.message : String(err) });
        await respond(ephemeral(renderNote(member.cards.t('slack.modal_failed')))).catch(() => undefined);
      }
      return;
    }
    let reply: SlackMessage;
    try {
      if (sub === 'list') reply = await listReply(scope, member);
      else if (sub === 'help') reply = renderHelp(member.cards);
      else if (sub === 'admin') reply = renderNote(await runAdmin(scope, member, words.slice(1)));
      else reply = renderHelp(member.cards, { unknown: command.text.trim() });
    } catch (err) {
      reply = renderNote(errorText(err, member.locale, deps.log));
    }
    await ack(ephemeral(reply));
  });
}

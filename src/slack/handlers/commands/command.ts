import type { App, RespondArguments, RespondFn } from '@slack/bolt';
import { renderHelp, renderList, renderNote } from '../../../../cards/slack/command-replies.ts';
import type { SlackMessage } from '../../../../cards/slack/blocks.ts';
import { listMyOutcomes } from '../../../db/queries/outcomes.ts';
import { DomainError } from '../../../domain/errors.ts';
import { dateText } from '../../../views/dates.ts';
import { runAdmin } from '../admin/run-admin.ts';
import { approvalReply, npsResultsReply, reportReply } from './replies.ts';
import { APPROVAL_COMMANDS } from '../../../approvals/chat-commands.ts';
import { openSubmitModal } from '../submit/open-submit-modal.ts';
import { openSurveyModal } from '../survey/open-survey-modal.ts';
import { asBlocks, errorText } from '../../reply.ts';
import { memberOf, scopeOf, type Member, type SlackScope } from '../../context.ts';

const ephemeral = (m: SlackMessage): RespondArguments => ({ response_type: 'ephemeral', text: m.text, blocks: asBlocks(m.blocks) });

async function listReply(scope: SlackScope, member: Member): Promise<SlackMessage> {
  const items = await listMyOutcomes(scope.deps.db, scope.workspace.id, member.ref.id, 20);
  return renderList(member.cards, items.map((o) => ({ ...o, updatedText: dateText(o.updatedAt, member.timeZone) })));
}

/**
 * Acks, then looks up the member and opens the modal as deferred work: the empty 200 goes
 * to Slack at once, with no platform round trip (users.info, views.open) before it, and
 * views.open follows straight after (the trigger id lives 3 s). A refusal or a failure is
 * explained privately.
 */
function ackAndOpen(scope: SlackScope, userId: string, ack: () => Promise<void>, respond: RespondFn, open: (member: Member) => Promise<void>): Promise<void> {
  const { deps } = scope;
  scope.defer(async () => {
    const member = await memberOf(scope, userId);
    try {
      await open(member);
    } catch (err) {
      if (!(err instanceof DomainError)) deps.log('warn', 'views.open failed for /outcome', { error: err instanceof Error ? err.message : String(err) });
      const text = err instanceof DomainError ? errorText(err, member.locale, deps.log) : member.cards.t('slack.modal_failed');
      await respond(ephemeral(renderNote(text))).catch(() => undefined);
    }
  });
  return ack();
}

/** Sub-commands answered with a private reply. */
async function replyTo(scope: SlackScope, member: Member, words: string[], text: string): Promise<SlackMessage> {
  const sub = (words[0] ?? '').toLowerCase();
  if (sub === 'list') return listReply(scope, member);
  if (sub === 'help') return renderHelp(member.cards);
  if (sub === 'admin') return renderNote(await runAdmin(scope, member, words.slice(1)));
  if (sub === 'nps' && words.length === 2 && words[1]!.toLowerCase() === 'results') return npsResultsReply(scope, member);
  if (sub === 'report') return reportReply(scope, member);
  if (APPROVAL_COMMANDS.has(sub)) return approvalReply(scope, member, sub, words.slice(1));
  return renderHelp(member.cards, { unknown: text });
}

/**
 * `/outcome` (whatever the command is named in the app's manifest): no text opens the submit
 * modal and `nps` the survey modal; `list`, `help`, `nps results`, `report`, `admin …` answer
 * privately; anything else gets the help, never silence.
 */
export function registerCommand(app: App): void {
  app.command(/.*/, async ({ command, ack, respond, context, client }) => {
    const scope = scopeOf(context, client);
    const { deps } = scope;
    const words = command.text.trim().split(/\s+/).filter(Boolean);
    const sub = (words[0] ?? '').toLowerCase();
    if (sub === '' || sub === 'new' || sub === 'submit') return ackAndOpen(scope, command.user_id, ack, respond, (m) => openSubmitModal(scope, m, command.trigger_id));
    if (sub === 'nps' && words.length === 1) return ackAndOpen(scope, command.user_id, ack, respond, (m) => openSurveyModal(scope, m, command.trigger_id));
    const member = await memberOf(scope, command.user_id);
    let reply: SlackMessage;
    try {
      reply = await replyTo(scope, member, words, command.text.trim());
    } catch (err) {
      reply = renderNote(errorText(err, member.locale, deps.log));
    }
    await ack(ephemeral(reply));
  });
}

import type { App, RespondArguments, RespondFn } from '@slack/bolt';
import { renderHelp, renderList, renderNote } from '../../../cards/slack/command-replies.ts';
import type { SlackMessage } from '../../../cards/slack/blocks.ts';
import { listMyOutcomes } from '../../db/queries/outcomes.ts';
import type { Deps } from '../../deps.ts';
import { DomainError } from '../../domain/errors.ts';
import { dateText } from '../../views/dates.ts';
import { runAdmin } from '../admin/run-admin.ts';
import { npsResultsReply, reportReply } from '../followup/replies.ts';
import { openSubmitModal } from '../modal/open-submit-modal.ts';
import { openSurveyModal } from '../modal/open-survey-modal.ts';
import { asBlocks, errorText } from '../reply.ts';
import { memberOf, scopeOf, type Member, type SlackScope } from '../scope.ts';

const ephemeral = (m: SlackMessage): RespondArguments => ({ response_type: 'ephemeral', text: m.text, blocks: asBlocks(m.blocks) });

async function listReply(scope: SlackScope, member: Member): Promise<SlackMessage> {
  const items = await listMyOutcomes(scope.deps.db, scope.workspace.id, member.ref.id, 20);
  return renderList(member.cards, items.map((o) => ({ ...o, updatedText: dateText(o.updatedAt, member.timeZone) })));
}

/** Acks, then opens a modal while the trigger id is fresh; a refusal or a failure is explained privately. */
async function ackAndOpen(deps: Deps, member: Member, ack: () => Promise<void>, respond: RespondFn, open: () => Promise<void>): Promise<void> {
  await ack();
  try {
    await open();
  } catch (err) {
    if (!(err instanceof DomainError)) deps.log('warn', 'views.open failed for /outcome', { error: err instanceof Error ? err.message : String(err) });
    const text = err instanceof DomainError ? errorText(err, member.locale, deps.log) : member.cards.t('slack.modal_failed');
    await respond(ephemeral(renderNote(text))).catch(() => undefined);
  }
}

/** Sub-commands answered with a private reply. */
async function replyTo(scope: SlackScope, member: Member, words: string[], text: string): Promise<SlackMessage> {
  const sub = (words[0] ?? '').toLowerCase();
  if (sub === 'list') return listReply(scope, member);
  if (sub === 'help') return renderHelp(member.cards);
  if (sub === 'admin') return renderNote(await runAdmin(scope, member, words.slice(1)));
  if (sub === 'nps' && words.length === 2 && words[1]!.toLowerCase() === 'results') return npsResultsReply(scope, member);
  if (sub === 'report') return reportReply(scope, member);
  return renderHelp(member.cards, { unknown: text });
}

/**
 * `/outcome` (whatever the command is named in the app's manifest): no text opens the submit
 * modal and `nps` the survey modal; `list`, `help`, `nps results`, `report`, `admin …` answer
 * privately; anything else gets the help, never silence.
 */
export function registerCommand(app: App, deps: Deps): void {
  app.command(/.*/, async ({ command, ack, respond, context, client }) => {
    const scope = scopeOf(deps, context, client);
    const member = await memberOf(scope, command.user_id);
    const words = command.text.trim().split(/\s+/).filter(Boolean);
    const sub = (words[0] ?? '').toLowerCase();
    if (sub === '' || sub === 'new' || sub === 'submit') return ackAndOpen(deps, member, ack, respond, () => openSubmitModal(scope, member, command.trigger_id));
    if (sub === 'nps' && words.length === 1) return ackAndOpen(deps, member, ack, respond, () => openSurveyModal(scope, member, command.trigger_id));
    let reply: SlackMessage;
    try {
      reply = await replyTo(scope, member, words, command.text.trim());
    } catch (err) {
      reply = renderNote(errorText(err, member.locale, deps.log));
    }
    await ack(ephemeral(reply));
  });
}

import type { RespondFn, types } from '@slack/bolt';
import { renderInfoModal } from '../../cards/slack/comment-modal.ts';
import { renderNote } from '../../cards/slack/command-replies.ts';
import type { SlackBlock } from '../../cards/slack/blocks.ts';
import { describeError } from '../errors.ts';
import type { Locale } from '../domain/types.ts';
import type { Log } from '../log.ts';
import type { Member, SlackScope } from './context.ts';

/** Our pure Block Kit JSON as the SDK's types (the renderers deliberately know no SDK). */
export const asBlocks = (blocks: SlackBlock[]) => blocks as unknown as types.KnownBlock[];
export const asModal = (view: SlackBlock) => view as unknown as types.ModalView;
export const asHome = (view: SlackBlock) => view as unknown as types.HomeView;

/**
 * An error as the person should read it (src/errors.ts maps it): the field notes when a
 * validation failed, else the message. Unexpected errors are logged with their reference.
 */
export function errorText(err: unknown, locale: Locale, log: Log): string {
  const view = describeError(err, locale);
  if (view.ref) log('error', 'slack listener failed', { ref: view.ref, error: String(err instanceof Error ? err.stack : err) });
  return view.fields?.length ? view.fields.map((f) => f.message).join('\n') : view.message;
}

/** Where an interaction came from, to answer the person privately there. */
export interface ReplyTarget {
  respond?: RespondFn;
  triggerId?: string;
  userId: string;
}

/**
 * A private answer to the person who clicked or typed: an ephemeral reply through the
 * response_url in channels and DMs; on the Home tab (which has none) a small modal; else a DM.
 */
export async function tell(scope: SlackScope, member: Member, target: ReplyTarget, text: string): Promise<void> {
  const note = renderNote(text);
  try {
    if (target.respond) await target.respond({ response_type: 'ephemeral', replace_original: false, text: note.text, blocks: asBlocks(note.blocks) });
    else if (target.triggerId) await scope.client.views.open({ trigger_id: target.triggerId, view: asModal(renderInfoModal(member.cards, text)) });
    else await scope.client.chat.postMessage({ channel: target.userId, text: note.text, blocks: asBlocks(note.blocks) });
  } catch (err) {
    scope.deps.log('warn', 'could not answer the person on Slack', { user: target.userId, error: err instanceof Error ? err.message : String(err) });
  }
}

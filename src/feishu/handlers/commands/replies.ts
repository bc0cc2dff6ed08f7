import type { HeaderTemplate } from '../../../../cards/feishu/kit.ts';
import type { Line } from '../../../../cards/feishu/message-cards.ts';
import { outbox } from '../../../db/schema/index.ts';
import { kickOutbox } from '../../../delivery/kick.ts';
import type { ReplyRequest } from '../../../delivery/kinds/command-reply.ts';
import { REPLY_KIND } from '../../../delivery/kinds/command-reply.ts';
import type { FeishuCtx } from '../../context.ts';

/**
 * What the bot answers a message or menu click with. Answers go through the outbox like
 * every notification (the command-reply kind, src/delivery/kinds/command-reply.ts): the
 * event is acknowledged at once, the card is rendered from current data when it is
 * delivered, 429s are retried, and the dedupe key (the message or event id) makes a
 * redelivered event answer once.
 */
export { REPLY_KIND, type ReplyRequest } from '../../../delivery/kinds/command-reply.ts';

/** Where an answer goes: a person (open_id) or a group chat (chat_id), and who asked. */
export interface ReplyTarget {
  destination: string;
  personId: string | null;
}

/** Queues an answer and starts delivery after the response. */
export async function reply(ctx: FeishuCtx, to: ReplyTarget, request: ReplyRequest, dedupeKey: string): Promise<void> {
  const { deps } = ctx;
  await deps.db
    .insert(outbox)
    .values({
      workspaceId: ctx.workspace.id,
      platform: 'feishu',
      kind: REPLY_KIND,
      destination: to.destination,
      payload: { personId: to.personId, reply: request },
      dedupeKey: `reply:${dedupeKey}`,
      nextAttemptAt: deps.clock.now(),
    })
    .onConflictDoNothing();
  kickOutbox(deps, ctx.defer);
}

/** A titled text answer. */
export const message = (titleKey: string, lines: Line[], template: HeaderTemplate = 'blue'): ReplyRequest => ({ view: 'message', title: { key: titleKey }, template, lines });

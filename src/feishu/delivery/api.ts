import type { Json } from '../../../cards/feishu/kit.ts';
import { fits } from '../../../cards/feishu/limits.ts';
import type { CardContext } from '../../../cards/view.ts';
import type { DepsCore } from '../../deps.ts';
import type { OutboxRow, SendResult } from '../../delivery/types.ts';
import type { Locale } from '../../domain/types.ts';
import { feishuClient, larkFailure } from '../client.ts';
import { renderCard } from '../render.ts';

// Codes retrying cannot fix soon: content too long, bad card, no availability, bot not in chat, bad params, message too old.
const PERMANENT = new Set([230001, 230002, 230013, 230025, 230031, 230099, 99992402]);
/** The per-user/chat/message frequency limit some APIs answer with HTTP 400. */
const FREQUENCY_LIMIT = 230020;

/** What the drainer should do with a failed call (it retries and backs off; senders never sleep). */
export function failureResult(err: unknown): SendResult {
  const f = larkFailure(err);
  const error = `feishu ${f.status ?? 'network'}${f.code !== null ? ` ${f.code}` : ''}: ${f.msg}`.slice(0, 300);
  if (f.status === 429 || f.code === 99991400) return { ok: false, error, retryAfterMs: f.retryAfterMs ?? 1000 };
  if (f.code === FREQUENCY_LIMIT) return { ok: false, error, retryAfterMs: 1000 };
  if (f.code !== null && PERMANENT.has(f.code)) return { ok: false, error, permanent: true };
  return { ok: false, error };
}

/** Chats are `oc_…`; everyone else is addressed by open_id. */
export const receiveIdType = (destination: string): 'chat_id' | 'open_id' => (destination.startsWith('oc_') ? 'chat_id' : 'open_id');

/**
 * Sends a card. `uuid` is Feishu's idempotency key (≤ 50 chars, 1 hour): a row retried after
 * a lost response is not posted twice.
 */
export async function postCard(deps: DepsCore, destination: string, card: Json, uuid: string): Promise<SendResult> {
  try {
    const res = await feishuClient(deps).im.message.create({
      params: { receive_id_type: receiveIdType(destination) },
      data: { receive_id: destination, msg_type: 'interactive', content: JSON.stringify(card), uuid: uuid.slice(0, 50) },
    });
    const messageId = res.data?.message_id;
    if (!messageId) return { ok: false, error: `feishu answered without a message_id (code ${res.code ?? '?'})` };
    return { ok: true, result: { message_id: messageId, chat_id: res.data?.chat_id ?? null } };
  } catch (err) {
    return failureResult(err);
  }
}

/** Replaces a card we sent, in place (message PATCH; the card has update_multi). */
export async function patchCard(deps: DepsCore, messageId: string, card: Json): Promise<SendResult> {
  try {
    await feishuClient(deps).im.message.patch({ path: { message_id: messageId }, data: { content: JSON.stringify(card) } });
    return { ok: true, result: { message_id: messageId } };
  } catch (err) {
    return failureResult(err);
  }
}

/** A card that fits no trim level is never sent. */
export const tooLarge = (what: string): SendResult => ({ ok: false, error: `${what} card exceeds Feishu's 30 KB / 200 component limit even trimmed`, permanent: true });

/** A row whose payload is not what its kind needs: retrying cannot fix it. */
export const malformed = (row: OutboxRow): SendResult => ({ ok: false, error: `malformed ${row.kind} payload`, permanent: true });

/** The data a row is about was deleted meanwhile: nothing to send. */
export const gone = (what: string): SendResult => ({ ok: false, error: `${what} no longer exists`, permanent: true });

/** A row's answer needs no message after all (e.g. a reminder to someone who has answered meanwhile). */
export const skipped = (why: string): SendResult => ({ ok: true, result: { skipped: why } });

/** Renders a card in both languages for the row's destination and posts it (never over Feishu's limits). */
export async function sendRendered(deps: DepsCore, row: OutboxRow, render: (ctx: CardContext) => Json, primary: Locale): Promise<SendResult> {
  const card = renderCard(render, primary, deps.config.publicUrl);
  if (!fits(card)) return tooLarge(row.kind);
  return postCard(deps, row.destination, card, row.id);
}

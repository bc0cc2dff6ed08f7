import type { Json } from '../../../cards/feishu/kit.ts';
import type { DepsCore } from '../../deps.ts';
import type { SendResult } from '../../delivery/types.ts';
import { feishuClient, larkFailure } from './client.ts';

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
export async function postCard(deps: Pick<DepsCore, 'config' | 'log' | 'clock'>, destination: string, card: Json, uuid: string): Promise<SendResult> {
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
export async function patchCard(deps: Pick<DepsCore, 'config' | 'log' | 'clock'>, messageId: string, card: Json): Promise<SendResult> {
  try {
    await feishuClient(deps).im.message.patch({ path: { message_id: messageId }, data: { content: JSON.stringify(card) } });
    return { ok: true, result: { message_id: messageId } };
  } catch (err) {
    return failureResult(err);
  }
}

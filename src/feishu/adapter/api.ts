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

/**
 * A card only one member of a group sees (Feishu's "only visible to you", platform-facts
 * §7.5), as an outbox destination: `<chat_id>/<open_id>`.
 */
export const onlyVisibleTo = (chatId: string, openId: string): string => `${chatId}/${openId}`;

function splitOnlyVisible(destination: string): { chatId: string; openId: string } | null {
  const m = /^(oc_[^/]+)\/(ou_[^/]+)$/.exec(destination);
  return m ? { chatId: m[1]!, openId: m[2]! } : null;
}

/** Whether a failure is Feishu refusing the request (retrying will not help), as opposed to throttling or the network. */
function refused(err: unknown): boolean {
  const f = larkFailure(err);
  return f.code !== null && f.status !== 429 && f.code !== 99991400 && f.code !== FREQUENCY_LIMIT;
}

/**
 * Sends an "only visible to you" card (the card as an object, not a string). Refused —
 * a topic group, the bot or the member not in the chat — it goes to the member's p2p chat
 * instead; throttling (40 per second per chat) is retried by the drainer like any 429.
 * Such a card cannot be updated later (the result says so).
 */
async function postOnlyVisible(deps: Pick<DepsCore, 'config' | 'log' | 'clock'>, to: { chatId: string; openId: string }, card: Json, uuid: string): Promise<SendResult> {
  try {
    const res = await feishuClient(deps).request<{ code?: number; data?: { message_id?: string } }>({
      method: 'POST',
      url: '/open-apis/ephemeral/v1/send',
      data: { chat_id: to.chatId, open_id: to.openId, msg_type: 'interactive', card },
    });
    const messageId = res.data?.message_id;
    if (!messageId) return { ok: false, error: `feishu answered without a message_id (code ${res.code ?? '?'})` };
    return { ok: true, result: { message_id: messageId, chat_id: to.chatId, only_visible_to: to.openId } };
  } catch (err) {
    if (!refused(err)) return failureResult(err);
    deps.log('info', 'feishu refused an only-visible-to-you card; sending it to the p2p chat', { chatId: to.chatId, error: larkFailure(err).msg });
    return postCard(deps, to.openId, card, uuid);
  }
}

/** Chats are `oc_…`; everyone else is addressed by open_id. */
export const receiveIdType = (destination: string): 'chat_id' | 'open_id' => (destination.startsWith('oc_') ? 'chat_id' : 'open_id');

/**
 * Sends a card to a person, a chat, or one member of a chat ({@link onlyVisibleTo}). `uuid` is Feishu's idempotency key (≤ 50 chars, 1 hour): a row retried after
 * a lost response is not posted twice.
 */
export async function postCard(deps: Pick<DepsCore, 'config' | 'log' | 'clock'>, destination: string, card: Json, uuid: string): Promise<SendResult> {
  const onlyVisible = splitOnlyVisible(destination);
  if (onlyVisible) return postOnlyVisible(deps, onlyVisible, card, uuid);
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

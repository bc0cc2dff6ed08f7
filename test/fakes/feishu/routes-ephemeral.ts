/**
 * "Only visible to you" cards (platform-facts §7.5): `POST /open-apis/ephemeral/v1/send`
 * with `{chat_id, open_id, msg_type:"interactive", card:{…object…}}` → `data.message_id`.
 * Refused when the bot is not in the chat, the chat is a topic group, or the user is not a
 * member; 40 QPS per chat. The card is stored as a message flagged `ephemeral` (PATCH on it
 * fails, as the patch doc says). The refusal codes are (unverified): the doc lists none.
 */
import { hex } from '../shared/ids.ts';
import { checkCard, checkSize } from './card-rules.ts';
import { CODES, fieldInvalid, larkFail, ok, rateLimited, type Reply } from './reply.ts';
import { bodyObject, type Route, type RouteCtx } from './route-kit.ts';

function sendEphemeral(ctx: RouteCtx): Reply {
  const { chat_id: chatId, open_id: openId, msg_type: msgType, card } = bodyObject(ctx.json);
  if (typeof chatId !== 'string' || chatId === '') return fieldInvalid('chat_id', 'chat_id is required');
  if (typeof openId !== 'string' || openId === '') return fieldInvalid('open_id', 'open_id is required');
  if (msgType !== 'interactive') return fieldInvalid('msg_type', 'msg_type must be interactive');
  if (!card || typeof card !== 'object' || Array.isArray(card)) return fieldInvalid('card', 'card must be a JSON object, not a string');
  const chat = ctx.state.chats.get(chatId);
  if (!chat) return larkFail(CODES.botNotInChat, 'Bot/User can NOT be out of the chat.');
  if (chat.chat_mode === 'topic') return larkFail(CODES.invalidParam, 'ephemeral cards are not supported in topic groups');
  if (chat.members && !chat.members.includes(openId)) return larkFail(CODES.invalidParam, 'the user is not in the chat');
  const serialized = JSON.stringify(card);
  const invalid = checkSize('interactive', serialized) ?? checkCard(card);
  if (invalid) return invalid;
  const verdict = ctx.state.ephemeralWindow.hit(chatId, ctx.now);
  if (!verdict.allowed) return rateLimited(verdict.resetSeconds);
  const messageId = `om_${hex(16)}`;
  ctx.state.messages.push({ message_id: messageId, chat_id: chatId, receive_id: openId, receive_id_type: 'open_id', msg_type: 'interactive', content: serialized, create_time: ctx.now, updates: [], ephemeral: true });
  return ok({ message_id: messageId });
}

function deleteEphemeral(ctx: RouteCtx): Reply {
  const { message_id: messageId } = bodyObject(ctx.json);
  const i = ctx.state.messages.findIndex((m) => m.message_id === messageId && m.ephemeral);
  if (i < 0) return larkFail(18051, 'the message was deleted already');
  ctx.state.messages.splice(i, 1);
  return ok({});
}

/** ephemeral/v1 send and delete. */
export const ephemeralRoutes: Route[] = [
  { method: 'POST', pattern: '/open-apis/ephemeral/v1/send', auth: 'tenant', handle: sendEphemeral },
  { method: 'POST', pattern: '/open-apis/ephemeral/v1/delete', auth: 'tenant', handle: deleteEphemeral },
];

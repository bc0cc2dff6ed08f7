/**
 * im/v1 messages and the delayed card update (platform-facts §2.2, §2.5): content must be
 * a string, 30 KB cards, `uuid` dedup for 1 h, 5 QPS per receiver and per message,
 * 14-day update window, card tokens valid 30 min for 2 uses.
 */
import { hex } from '../shared/ids.ts';
import { checkCard, checkContent, checkSize } from './card-rules.ts';
import { CODES, fieldInvalid, larkFail, ok, rateLimited, type Reply } from './reply.ts';
import { bodyObject, type Route, type RouteCtx } from './route-kit.ts';
import { UUID_WINDOW_MS } from './state.ts';
import type { FeishuMessage } from './types.ts';

const RECEIVE_ID_TYPES = new Set(['open_id', 'union_id', 'user_id', 'email', 'chat_id']);
const MSG_TYPES = new Set(['text', 'post', 'image', 'file', 'audio', 'media', 'sticker', 'interactive', 'share_chat', 'share_user', 'system']);
const UPDATE_WINDOW_MS = 14 * 24 * 3_600_000;

function throttled(ctx: RouteCtx, resetSeconds: number): Reply {
  return ctx.state.config.receiverLimitCode === CODES.frequencyLimit
    ? larkFail(CODES.frequencyLimit, 'This operation triggers the frequency limit.')
    : rateLimited(resetSeconds);
}

function messageData(ctx: RouteCtx, m: FeishuMessage): Record<string, unknown> {
  return {
    message_id: m.message_id,
    msg_type: m.msg_type,
    create_time: String(m.create_time),
    update_time: String(m.updates.at(-1)?.at ?? m.create_time),
    deleted: false,
    updated: m.updates.length > 0,
    chat_id: m.chat_id,
    sender: { id: ctx.state.config.appId, id_type: 'app_id', sender_type: 'app', tenant_key: ctx.state.config.tenantKey },
    body: { content: m.content },
  };
}

/** Resolves the receiver to a chat id, or the refusal. */
function resolveChat(ctx: RouteCtx, receiveId: string, type: string): { chatId: string } | Reply {
  if (type === 'chat_id') {
    return ctx.state.chats.has(receiveId) ? { chatId: receiveId } : larkFail(CODES.botNotInChat, 'Bot/User can NOT be out of the chat.');
  }
  const user = ctx.state.findUser(receiveId, type);
  if (!user) return larkFail(CODES.noAvailability, 'Bot has NO availability to this user.');
  return { chatId: ctx.state.p2pChatFor(user.open_id) };
}

function createMessage(ctx: RouteCtx): Reply {
  const type = ctx.query.get('receive_id_type') ?? '';
  if (!RECEIVE_ID_TYPES.has(type)) return fieldInvalid('receive_id_type', 'receive_id_type is required: open_id|union_id|user_id|email|chat_id');
  const body = bodyObject(ctx.json);
  const { receive_id: receiveId, msg_type: msgType, content, uuid } = body;
  if (typeof receiveId !== 'string' || receiveId === '') return fieldInvalid('receive_id', 'receive_id is required');
  if (typeof msgType !== 'string' || msgType === '') return fieldInvalid('msg_type', 'msg_type is required');
  if (typeof content !== 'string') return fieldInvalid('content', 'content must be a string (serialized JSON)');
  if (uuid !== undefined && (typeof uuid !== 'string' || uuid.length > 50)) return fieldInvalid('uuid', 'uuid must be a string of at most 50 characters');
  if (typeof uuid === 'string') {
    const seen = ctx.state.uuids.get(uuid);
    const original = seen && ctx.now - seen.at < UUID_WINDOW_MS ? ctx.state.messages.find((m) => m.message_id === seen.messageId) : undefined;
    if (original) return ok(messageData(ctx, original));
  }
  if (!MSG_TYPES.has(msgType)) return larkFail(CODES.invalidParam, `invalid msg_type: ${msgType}`);
  const invalid = checkContent(msgType, content);
  if (invalid) return invalid;
  const target = resolveChat(ctx, receiveId, type);
  if ('status' in target) return target;
  const app = ctx.state.appWindow?.hit('app', ctx.now);
  if (app && !app.allowed) return rateLimited(app.resetSeconds, 50);
  const verdict = ctx.state.receiverWindow.hit(`${type}:${receiveId}`, ctx.now);
  if (!verdict.allowed) return throttled(ctx, verdict.resetSeconds);
  const message: FeishuMessage = {
    message_id: `om_${hex(16)}`,
    chat_id: target.chatId,
    receive_id: receiveId,
    receive_id_type: type,
    msg_type: msgType,
    content,
    ...(typeof uuid === 'string' ? { uuid } : {}),
    create_time: ctx.now,
    updates: [],
  };
  ctx.state.messages.push(message);
  if (typeof uuid === 'string') ctx.state.uuids.set(uuid, { messageId: message.message_id, at: ctx.now });
  return ok(messageData(ctx, message));
}

function patchMessage(ctx: RouteCtx): Reply {
  const { content } = bodyObject(ctx.json);
  if (typeof content !== 'string') return fieldInvalid('content', 'content must be a string (serialized JSON)');
  const message = ctx.state.messages.find((m) => m.message_id === ctx.params.message_id);
  if (!message) return larkFail(CODES.invalidParam, 'The message id is invalid.');
  if (message.msg_type !== 'interactive') return larkFail(CODES.invalidParam, 'Only card (interactive) messages can be updated.');
  if (message.ephemeral) return larkFail(CODES.invalidParam, 'Cards visible to specific users cannot be updated.');
  if (ctx.now - message.create_time > UPDATE_WINDOW_MS) return larkFail(CODES.updateWindowClosed, 'Message can only be modified within 14 days after sending.');
  const invalid = checkContent('interactive', content);
  if (invalid) return invalid;
  const verdict = ctx.state.messageWindow.hit(message.message_id, ctx.now);
  if (!verdict.allowed) return throttled(ctx, verdict.resetSeconds);
  message.updates.push({ content, at: ctx.now, via: 'patch' });
  message.content = content;
  return ok({});
}

function delayedCardUpdate(ctx: RouteCtx): Reply {
  const { token, card } = bodyObject(ctx.json);
  if (typeof token !== 'string' || token === '') return fieldInvalid('token', 'token is required');
  if (!card || typeof card !== 'object' || Array.isArray(card)) return fieldInvalid('card', 'card must be a JSON object');
  const entry = ctx.state.cardTokens.get(token);
  if (!entry) return larkFail(CODES.invalidParam, 'invalid token');
  if (ctx.now > entry.expiresAt) return larkFail(CODES.invalidParam, 'token expired (valid for 30 minutes)');
  if (entry.uses >= 2) return larkFail(CODES.invalidParam, 'token used up (each token can update a card 2 times)');
  const serialized = JSON.stringify(card);
  const invalid = checkSize('interactive', serialized) ?? checkCard(card);
  if (invalid) return invalid;
  entry.uses += 1;
  const message = entry.messageId ? ctx.state.messages.find((m) => m.message_id === entry.messageId) : undefined;
  if (message) {
    message.updates.push({ content: serialized, at: ctx.now, via: 'card_update' });
    message.content = serialized;
  }
  return ok({});
}

/** im/v1/messages create + patch, interactive/v1/card/update. */
export const imRoutes: Route[] = [
  { method: 'POST', pattern: '/open-apis/im/v1/messages', auth: 'tenant', handle: createMessage },
  { method: 'PATCH', pattern: '/open-apis/im/v1/messages/:message_id', auth: 'tenant', handle: patchMessage },
  { method: 'POST', pattern: '/open-apis/interactive/v1/card/update', auth: 'tenant', handle: delayedCardUpdate },
];

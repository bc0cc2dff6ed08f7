/**
 * Groups the bot is in (im/v1/chats) and their members (im/v1/chats/:chat_id/members),
 * paged with `page_size` / `page_token` like the real API; a group the bot is not in is
 * refused with 230002 (unverified for the members endpoint).
 */
import { CODES, fieldInvalid, larkFail, ok, type Reply } from './reply.ts';
import type { Route, RouteCtx } from './route-kit.ts';

/** One page of `items` from `page_token` (an offset here) of at most `page_size` (default 20, max 100). */
function page<T>(ctx: RouteCtx, items: T[]): Reply | { items: T[]; page_token: string; has_more: boolean } {
  const size = Number(ctx.query.get('page_size') ?? '20');
  if (!Number.isInteger(size) || size < 1 || size > 100) return fieldInvalid('page_size', 'page_size must be 1-100');
  const from = Number(ctx.query.get('page_token') ?? '0');
  if (!Number.isInteger(from) || from < 0) return fieldInvalid('page_token', 'page_token is invalid');
  const slice = items.slice(from, from + size);
  const next = from + slice.length;
  return { items: slice, page_token: next < items.length ? String(next) : '', has_more: next < items.length };
}

function listChats(ctx: RouteCtx): Reply {
  const chats = [...ctx.state.chats.values()].map((c) => ({ chat_id: c.chat_id, name: c.name ?? '', chat_mode: c.chat_mode ?? 'group', chat_status: 'normal', tenant_key: ctx.state.config.tenantKey }));
  const p = page(ctx, chats);
  return 'status' in p ? p : ok(p);
}

function listMembers(ctx: RouteCtx): Reply {
  const chat = ctx.state.chats.get(ctx.params.chat_id ?? '');
  if (!chat) return larkFail(CODES.botNotInChat, 'Bot/User can NOT be out of the chat.');
  const idType = ctx.query.get('member_id_type') ?? 'open_id';
  const members = (chat.members ?? []).flatMap((openId) => {
    const user = ctx.state.findUser(openId, 'open_id');
    const id = user ? ctx.state.idOf(user, idType) : idType === 'open_id' ? openId : undefined;
    return id ? [{ member_id_type: idType, member_id: id, name: user?.name ?? '', tenant_key: ctx.state.config.tenantKey }] : [];
  });
  const p = page(ctx, members);
  return 'status' in p ? p : ok({ ...p, member_total: members.length });
}

/** Group list and group members. */
export const chatRoutes: Route[] = [
  { method: 'GET', pattern: '/open-apis/im/v1/chats', auth: 'tenant', handle: listChats },
  { method: 'GET', pattern: '/open-apis/im/v1/chats/:chat_id/members', auth: 'tenant', handle: listMembers },
];

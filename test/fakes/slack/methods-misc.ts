/** auth.test, conversations.open, conversations.members, users.info, users.lookupByEmail, files.info. */
import { stableId } from '../shared/ids.ts';
import { bool, fail, str, type MethodHandler } from './method-kit.ts';
import type { SlackUserInput } from './types.ts';

/** Offset of `tz` from UTC at `now`, in seconds, and its long label (users.info fields). */
export function zoneInfo(tz: string, now: number): { offset: number; label: string } {
  const at = new Date(now);
  const offsetName =
    new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(offsetName);
  const offset = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3]) * 60) : 0;
  const label =
    new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'long' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value ?? tz;
  return { offset, label };
}

function userObject(u: SlackUserInput & { team_id: string }, now: number, includeLocale: boolean) {
  const tz = u.tz ?? 'America/Los_Angeles';
  const { offset, label } = zoneInfo(tz, now);
  const name = u.name ?? u.id.toLowerCase();
  return {
    id: u.id,
    team_id: u.team_id,
    name,
    deleted: u.deleted ?? false,
    real_name: u.real_name ?? name,
    tz,
    tz_label: label,
    tz_offset: offset,
    profile: {
      real_name: u.real_name ?? name,
      display_name: name,
      ...(u.email ? { email: u.email } : {}),
      team: u.team_id,
    },
    is_admin: u.is_admin ?? false,
    is_owner: u.is_owner ?? false,
    is_bot: u.is_bot ?? false,
    is_app_user: false,
    updated: Math.floor(now / 1000),
    ...(includeLocale && u.locale ? { locale: u.locale } : {}),
  };
}

const authTest: MethodHandler = (ctx) => ({
  ok: true,
  url: `https://${ctx.auth.teamName.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.slack.com/`,
  team: ctx.auth.teamName,
  user: ctx.auth.kind === 'bot' ? 'outcome' : ctx.auth.userId.toLowerCase(),
  team_id: ctx.auth.teamId,
  user_id: ctx.auth.userId,
  ...(ctx.auth.botId ? { bot_id: ctx.auth.botId } : {}),
  ...(ctx.auth.enterpriseId ? { enterprise_id: ctx.auth.enterpriseId } : {}),
  is_enterprise_install: false,
});

const conversationsOpen: MethodHandler = (ctx, args) => {
  const channel = str(args, 'channel');
  if (channel) return ctx.state.resolveChannel(channel) ? { ok: true, channel: { id: channel } } : fail('channel_not_found');
  const users = (str(args, 'users') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (users.length === 0) return fail('users_list_not_supplied');
  if (users.length > 8) return fail('too_many_users');
  for (const id of users) {
    const user = ctx.state.users.get(id);
    if (!user) return fail('user_not_found');
    if (user.deleted) return fail('user_disabled');
  }
  const id = users.length === 1 ? ctx.state.dmChannelFor(users[0] as string) : `G${stableId([...users].sort().join(','), 8).toUpperCase()}`;
  return { ok: true, no_op: false, already_open: false, channel: { id } };
};

/** Members of a channel from the users' `channels`, paged by `limit` (default 100) and an offset cursor. */
const conversationsMembers: MethodHandler = (ctx, args) => {
  const channel = str(args, 'channel');
  if (!channel) return fail('invalid_arguments');
  const all = [...ctx.state.users.values()].filter((u) => u.channels?.includes(channel)).map((u) => u.id);
  if (all.length === 0) return fail('channel_not_found');
  const limit = Math.min(1000, Math.max(1, Number(str(args, 'limit') ?? 100)));
  const from = Number(str(args, 'cursor')?.replace(/^offset:/, '') ?? 0) || 0;
  const next = from + limit < all.length ? `offset:${from + limit}` : '';
  return { ok: true, members: all.slice(from, from + limit), response_metadata: { next_cursor: next } };
};

const usersInfo: MethodHandler = (ctx, args) => {
  const user = ctx.state.users.get(str(args, 'user') ?? '');
  if (!user) return fail('user_not_found');
  return { ok: true, user: userObject(user, ctx.now, bool(args, 'include_locale')) };
};

const lookupByEmail: MethodHandler = (ctx, args) => {
  const email = (str(args, 'email') ?? '').toLowerCase();
  const user = [...ctx.state.users.values()].find((u) => u.email?.toLowerCase() === email);
  if (!user) return fail('users_not_found');
  return { ok: true, user: userObject(user, ctx.now, false) };
};

const filesInfo: MethodHandler = (ctx, args) => {
  const entry = ctx.state.files.get(str(args, 'file') ?? '');
  if (!entry) return fail('file_not_found');
  return { ok: true, file: entry.file, comments: [], response_metadata: { next_cursor: '' } };
};

/** Methods that read workspace data. */
export const miscMethods: Record<string, MethodHandler> = {
  'auth.test': authTest,
  'conversations.open': conversationsOpen,
  'conversations.members': conversationsMembers,
  'users.info': usersInfo,
  'users.lookupByEmail': lookupByEmail,
  'files.info': filesInfo,
};

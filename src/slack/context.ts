import type { Context, webApi } from '@slack/bolt';
import type { CardContext } from '../../cards/view.ts';
import { personByAddress, type PersonRow } from '../db/queries/people.ts';
import type { WorkspaceRow } from '../db/repos/workspace-repo.ts';
import { localeFor, timeZoneFor } from '../delivery/recipient.ts';
import type { Deps, DepsCore } from '../deps.ts';
import type { PersonRef, WorkspaceContext } from '../domain/ports.ts';
import type { Locale } from '../domain/types.ts';
import { resolveLocale } from '../i18n/index.ts';
import { cardContext } from '../views/card-context.ts';
import type { RequestProps } from './inbound/dispatch.ts';
import { slackTimings, within } from './inbound/timing.ts';

/** Everything a listener works with for one request. */
export interface SlackScope {
  deps: Deps;
  workspace: WorkspaceRow;
  ws: WorkspaceContext;
  client: webApi.WebClient;
  defer: RequestProps['defer'];
}

/** The person acting, with the locale and zone their texts and dates use. */
export interface Member {
  row: PersonRow;
  ref: PersonRef;
  locale: Locale;
  timeZone: string;
  cards: CardContext;
}

/** The workspace our authorize put on Bolt's context. */
export const workspaceOf = (context: Context): WorkspaceRow => context.workspace as WorkspaceRow;

/** The deps of the request a listener runs for, handed to Bolt with it (dispatchToBolt); undefined outside one. */
export const depsIn = (context: Context | undefined): Deps | undefined => (context as Partial<RequestProps> | undefined)?.deps;

/** The same, for listeners, which always run inside a request. */
export function depsOf(context: Context): Deps {
  const deps = depsIn(context);
  if (!deps) throw new Error('a Slack listener ran without its request (dispatchToBolt passes the deps)');
  return deps;
}

/** What the domain verbs need to know about a workspace. */
const workspaceContext = (w: WorkspaceRow): WorkspaceContext => ({ id: w.id, platform: 'slack', settings: w.settings });

/** Builds the scope from Bolt's context (filled by our authorize and the dispatcher: the request's deps and defer). */
export function scopeOf(context: Context, client: webApi.WebClient): SlackScope {
  const workspace = workspaceOf(context);
  return { deps: depsOf(context), workspace, ws: workspaceContext(workspace), client, defer: context.defer as RequestProps['defer'] };
}

/**
 * What looking up a profile needs: the outbox sender has this much, listeners have a whole
 * scope. With `defer` (inside a request) the lookup is bounded; without it, it is awaited.
 */
export type ProfileScope = { deps: DepsCore; workspace: WorkspaceRow; client: webApi.WebClient; defer?: RequestProps['defer'] };

/** A cached Slack profile is refreshed after a week (name, locale and zone rarely change). */
const PROFILE_TTL_MS = 7 * 24 * 3600_000;

/** Reads the profile with users.info and caches it; false when Slack did not answer with one. */
async function refreshProfile(scope: ProfileScope, userId: string): Promise<boolean> {
  const { deps, workspace } = scope;
  try {
    const { user } = await scope.client.users.info({ user: userId, include_locale: true });
    await deps.repos.people.upsert(workspace.id, {
      platformUserId: userId,
      name: user?.real_name || user?.name || '',
      locale: resolveLocale(user?.locale, workspace.settings.locale),
      timeZone: user?.tz ?? null,
      // Remembered so that an admin check can fall back to it when Slack is slow.
      platformAdmin: Boolean(user?.is_admin || user?.is_owner),
    });
    return true;
  } catch (err) {
    deps.log('warn', 'users.info failed', { user: userId, error: err instanceof Error ? err.message : String(err) });
    return false;
  }
}

/**
 * The person behind a Slack user id, created on first sight. The profile (name, locale,
 * time zone) comes from users.info once and is cached in the people table, so texts follow
 * the user's Slack language without a users.info call on every request. Inside a request
 * the lookup gets a short budget (PROFILE_LOOKUP_BUDGET_MS in timing.ts): a slow Slack must
 * not cost the 3-second ack window, so past it the person goes on with the cached row (or a
 * new one, in the workspace's language) and the lookup finishes as deferred work.
 */
export async function ensurePerson(scope: ProfileScope, userId: string): Promise<PersonRow> {
  const { deps, workspace } = scope;
  const row = await personByAddress(deps.db, workspace.id, userId);
  const seen = row ? (row.updatedAt ?? row.createdAt).getTime() : 0;
  if (row?.locale && deps.clock.now().getTime() - seen < PROFILE_TTL_MS) return row;
  const lookup = refreshProfile(scope, userId);
  const done = scope.defer ? await within(lookup, slackTimings(deps).profileLookupBudgetMs) : { value: await lookup };
  if (!done) scope.defer?.(() => lookup);
  if (done?.value) return (await personByAddress(deps.db, workspace.id, userId))!;
  // No profile (yet): the person still works, in the workspace's language; we ask again next time.
  return row ?? (await deps.repos.people.ensure(workspace.id, [{ platformUserId: userId }]))[0]!;
}

/** The member for a row: locale and zone fall back to the workspace's. */
export function memberFrom(scope: SlackScope, row: PersonRow): Member {
  const locale = localeFor(row, scope.workspace);
  const timeZone = timeZoneFor(row, scope.workspace);
  const ref: PersonRef = { id: row.id, address: row.platformUserId, timeZone, locale, managerId: row.managerId };
  return { row, ref, locale, timeZone, cards: cardContext(locale, scope.deps.config.publicUrl) };
}

/** {@link ensurePerson} then {@link memberFrom}. */
export async function memberOf(scope: SlackScope, userId: string): Promise<Member> {
  return memberFrom(scope, await ensurePerson(scope, userId));
}

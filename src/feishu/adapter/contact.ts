import { addressesByName, personById, type PersonRow } from '../../db/queries/people.ts';
import type { Deps, DepsCore } from '../../deps.ts';
import type { PersonRef, WorkspaceContext } from '../../domain/ports.ts';
import { feishuClient } from './client.ts';
import { isOpenId } from '../context.ts';
import { ownTimeout, type LookupBudget } from './timeout.ts';

/** What the contact directory says about a user (contact/v3/users/:id, platform-facts §2.5). */
export interface ContactUser {
  name: string | null;
  /** The direct manager's open_id (`leader_user_id` asked for as open_id). */
  leaderOpenId: string | null;
  timeZone: string | null;
  isTenantManager: boolean;
}

/**
 * Looks a user up; null when the directory does not answer (no scope, outside the contact
 * range, down, slow). Inside a card callback pass the callback's shared budget.
 */
export async function contactUser(deps: Deps | DepsCore, openId: string, budget: LookupBudget = ownTimeout): Promise<ContactUser | null> {
  try {
    const res = await budget.bound(feishuClient(deps).contact.user.get({ path: { user_id: openId }, params: { user_id_type: 'open_id' } }));
    const u = res.data?.user as (Record<string, unknown> & { name?: string; leader_user_id?: string; time_zone?: string; is_tenant_manager?: boolean }) | undefined;
    if (!u) return null;
    return { name: u.name ?? null, leaderOpenId: isOpenId(u.leader_user_id) ? u.leader_user_id : null, timeZone: u.time_zone ?? null, isTenantManager: u.is_tenant_manager === true };
  } catch (err) {
    deps.log('warn', 'feishu contact lookup failed', { openId, error: err instanceof Error ? err.message : String(err) });
    return null;
  }
}

const ref = (p: PersonRow): PersonRef => ({ id: p.id, address: p.platformUserId, timeZone: p.timeZone, locale: p.locale });

/**
 * A person's direct manager: an admin's manual mapping wins; otherwise the org chart
 * (`leader_user_id`), remembered on the person; otherwise the last one remembered.
 * `lookup: false` uses only what is stored (inside a 3-second card callback).
 */
export async function directManager(deps: Deps | DepsCore, workspace: WorkspaceContext, person: PersonRef, opts: { lookup: boolean }): Promise<PersonRef | null> {
  const me = await personById(deps.db, workspace.id, person.id);
  const stored = me?.managerId ? await personById(deps.db, workspace.id, me.managerId) : null;
  if (me?.managerSource === 'manual' && stored) return ref(stored);
  if (opts.lookup) {
    const user = await contactUser(deps, person.address);
    // The directory's name is kept too: the reviewer picker lists people by name.
    if (user?.name && user.name !== me?.name) await deps.repos.people.upsert(workspace.id, { platformUserId: person.address, name: user.name });
    if (user?.leaderOpenId) {
      const leader = await deps.repos.people.upsert(workspace.id, { platformUserId: user.leaderOpenId });
      if (leader.id !== me?.managerId) await deps.repos.people.setManager(workspace.id, person.id, leader.id, 'org_chart');
      return leader;
    }
  }
  return stored ? ref(stored) : null;
}

/**
 * People the reviewer picker offers (at most `limit`): the prefilled one first, then the
 * member's direct manager as stored (org chart or manual mapping) — always offered, however
 * many people the workspace knows — then the others by name (unnamed ones last).
 */
export async function reviewerChoices(deps: Deps | DepsCore, workspaceId: string, member: PersonRef, first: string | null, limit = 30): Promise<string[]> {
  const me = await personById(deps.db, workspaceId, member.id);
  const [manager, known] = await Promise.all([
    me?.managerId ? personById(deps.db, workspaceId, me.managerId) : null,
    addressesByName(deps.db, workspaceId, member.id, limit),
  ]);
  const ids = [first, manager?.platformUserId, ...known].filter((x): x is string => isOpenId(x));
  return [...new Set(ids)].slice(0, limit);
}

import { findManagerId, listWorkspacePeople } from '../../db/queries/people-list.ts';
import type { Deps } from '../../deps.ts';
import { DomainError, assertNoFieldErrors, type FieldError } from '../../domain/errors.ts';
import type { WorkspaceSettingsShape } from '../../domain/settings.ts';
import { updateSettings } from '../../domain/update-settings.ts';
import type { Viewer } from '../env.ts';

export interface PersonOption {
  id: string;
  name: string;
  platformUserId: string;
  managerId: string | null;
  managerSource: 'org_chart' | 'manual' | null;
}

/** People of the viewer's workspace, for the PMO and manager pickers. */
export async function listPeople(db: Deps['db'], v: Viewer): Promise<PersonOption[]> {
  const rows = await listWorkspacePeople(db, v.workspace.id);
  return rows.map((r) => ({ ...r, name: r.name || r.platformUserId }));
}

/** Only admins read or change settings; everyone else gets the same clear refusal. */
export function assertAdmin(v: Viewer): void {
  if (!v.roles.admin) throw new DomainError('forbidden', 'error.admin_only');
}

/**
 * Checks manager changes against the workspace: both people exist in it, nobody manages
 * themselves, and no chain loops back (A → B → A). Returns field problems (`managers.<id>`).
 */
export function checkManagerChanges(all: PersonOption[], changes: Map<string, string | null>): FieldError[] {
  const byId = new Map(all.map((p) => [p.id, p]));
  const next = new Map(all.map((p) => [p.id, changes.has(p.id) ? changes.get(p.id)! : p.managerId]));
  const problems: FieldError[] = [];
  for (const [personId, managerId] of changes) {
    const field = `managers.${personId}`;
    if (!byId.has(personId) || (managerId !== null && !byId.has(managerId))) problems.push({ field, key: 'web.settings.manager_unknown' });
    else if (managerId === personId) problems.push({ field, key: 'web.settings.manager_self' });
    else {
      const seen = new Set<string>([personId]);
      for (let m = managerId; m; m = next.get(m) ?? null) {
        if (seen.has(m)) {
          problems.push({ field, key: 'web.settings.manager_cycle' });
          break;
        }
        seen.add(m);
      }
    }
  }
  return problems;
}

/**
 * Saves settings through the domain verb (which re-checks the admin and every value) and
 * manager mappings through the people repository. Everything is validated before anything
 * is written, so a bad value changes nothing.
 */
export async function saveSettings(deps: Deps, v: Viewer, patch: Partial<WorkspaceSettingsShape>, managers: Map<string, string | null>): Promise<WorkspaceSettingsShape> {
  assertAdmin(v);
  const all = managers.size ? await listPeople(deps.db, v) : [];
  const current = new Map(all.map((p) => [p.id, p.managerId]));
  // The form sends every row; only real changes are checked and written (an untouched org-chart row stays as it is).
  const changes = new Map([...managers].filter(([personId, managerId]) => current.get(personId) !== managerId));
  assertNoFieldErrors(checkManagerChanges(all, changes));
  const settings = Object.keys(patch).length
    ? await updateSettings({
        ctx: deps.verbs,
        input: { workspace: { id: v.workspace.id, platform: v.workspace.platform, settings: v.workspace.settings }, installedBy: v.workspace.installedBy, actor: { address: v.person.platformUserId, isPlatformAdmin: false }, patch },
      })
    : v.workspace.settings;
  for (const [personId, managerId] of changes) await deps.repos.people.setManager(v.workspace.id, personId, managerId, 'manual');
  return settings;
}

/** Re-reads one person's manager (for API answers). */
export async function managerOf(db: Deps['db'], v: Viewer, personId: string): Promise<string | null> {
  return findManagerId(db, v.workspace.id, personId);
}

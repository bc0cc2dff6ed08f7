import { findManagerId, listWorkspacePeople } from '../../db/queries/people-list.ts';
import type { Deps } from '../../deps.ts';
import { DomainError, assertNoFieldErrors } from '../../domain/errors.ts';
import { setManager, validateManagerChanges } from '../../domain/set-manager.ts';
import type { WorkspaceSettingsShape } from '../../domain/settings.ts';
import { updateSettings, validateSettings } from '../../domain/update-settings.ts';
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
 * Saves settings through the domain verb (which re-checks the admin and every value) and
 * manager mappings through the people repository. Everything is validated before anything
 * is written, so a bad value changes nothing.
 */
export async function saveSettings(deps: Deps, v: Viewer, patch: Partial<WorkspaceSettingsShape>, managers: Map<string, string | null>): Promise<WorkspaceSettingsShape> {
  assertAdmin(v);
  const all = managers.size ? await listPeople(deps.db, v) : [];
  const current = new Map(all.map((p) => [p.id, p.managerId]));
  // The form sends every row; only real changes are checked and written (an untouched org-chart row stays as it is).
  const changes = [...managers].filter(([personId, managerId]) => current.get(personId) !== managerId).map(([personId, managerId]) => ({ personId, managerId }));
  const workspace = { id: v.workspace.id, platform: v.workspace.platform, settings: v.workspace.settings };
  const input = { workspace, installedBy: v.workspace.installedBy, actor: { id: v.person.id, address: v.person.platformUserId, isPlatformAdmin: false } };
  // Checked before either write, so a bad manager or a bad value changes nothing.
  assertNoFieldErrors([...(await validateManagerChanges(deps.verbs.people, v.workspace.id, changes)), ...validateSettings(patch, v.workspace.settings)]);
  const settings = Object.keys(patch).length ? await updateSettings({ ctx: deps.verbs, input: { ...input, patch } }) : v.workspace.settings;
  await setManager({ ctx: deps.verbs, input: { ...input, changes } });
  return settings;
}

/** Re-reads one person's manager (for API answers). */
export async function managerOf(db: Deps['db'], v: Viewer, personId: string): Promise<string | null> {
  return findManagerId(db, v.workspace.id, personId);
}

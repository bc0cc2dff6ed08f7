import { isAdmin } from '../domain/admin-rights.ts';
import type { WorkspaceSettingsShape } from '../domain/settings.ts';

/**
 * Whether a chat member acts as the PMO on retrospectives (and sees every outcome): a PMO
 * reviewer or an admin of the workspace, the same roles the web gives `seesAll`.
 */
export function chatPmo(settings: WorkspaceSettingsShape, installedBy: string | null, member: { address: string; platformAdmin: boolean | null }): boolean {
  return settings.pmoReviewers.includes(member.address) || isAdmin(settings, installedBy, { address: member.address, isPlatformAdmin: member.platformAdmin === true });
}

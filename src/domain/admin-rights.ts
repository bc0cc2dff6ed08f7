import { DomainError } from './errors.ts';
import type { WorkspaceSettingsShape } from './settings.ts';

/** Who is asking for an admin change, as the platform knows them. */
export interface AdminActor {
  /** Platform user id. */
  address: string;
  /** Slack workspace admin/owner, Feishu tenant manager (the web has no such flag: false). */
  isPlatformAdmin: boolean;
}

/** An admin actor with their person id, which the audit trail records. */
export type AuditedActor = AdminActor & { id: string };

/** Admins are the installer, the listed admins, and the platform's own admins. */
export function isAdmin(settings: Pick<WorkspaceSettingsShape, 'admins'>, installedBy: string | null, actor: AdminActor): boolean {
  return actor.isPlatformAdmin || actor.address === installedBy || settings.admins.includes(actor.address);
}

/**
 * Refuses (`forbidden`, nothing changes) anyone who is not an admin. Every admin verb calls
 * it itself, so no surface can skip the check by forgetting it.
 */
export function assertAdmin(settings: Pick<WorkspaceSettingsShape, 'admins'>, installedBy: string | null, actor: AdminActor): void {
  if (!isAdmin(settings, installedBy, actor)) throw new DomainError('forbidden', 'error.admin_only');
}

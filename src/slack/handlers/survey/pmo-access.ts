import { isAdmin, type AdminActor } from '../../../domain/update-settings.ts';
import { adminActor } from '../admin/run-admin.ts';
import type { Member, SlackScope } from '../../context.ts';

/** Who is acting, as startSurvey wants it, and whether they may run PMO features. */
export interface PmoAccess {
  actor: AdminActor & { id: string };
  allowed: boolean;
}

/**
 * Surveys, their results across the workspace and the on-demand report belong to the PMO
 * reviewers and the admins (the installer, listed admins, Slack's own admins and owners).
 */
export async function pmoAccess(scope: SlackScope, member: Member): Promise<PmoAccess> {
  const settings = scope.ws.settings;
  const isPmo = settings.pmoReviewers.includes(member.ref.address);
  const actor = { ...(isPmo ? { address: member.ref.address, isPlatformAdmin: false } : await adminActor(scope, member)), id: member.ref.id };
  const allowed = isPmo || isAdmin(settings, scope.workspace.installedBy, actor);
  return { actor, allowed };
}

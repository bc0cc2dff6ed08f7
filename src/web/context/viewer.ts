import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { people, workspaces } from '../../db/schema/index.ts';
import { isAdmin } from '../../domain/update-settings.ts';
import type { Session } from '../../security/session.ts';
import type { Viewer } from '../env.ts';
import { noteWorkspace } from '../../request-context.ts';

/**
 * Resolves a session to a viewer with fresh roles. Null when the workspace or the person
 * no longer exists, or the person is not in the session's workspace.
 */
export async function loadViewer(db: Db, session: Session): Promise<Viewer | null> {
  const [[workspace], [person], reports] = await Promise.all([
    db.select().from(workspaces).where(eq(workspaces.id, session.workspaceId)),
    db
      .select()
      .from(people)
      .where(and(eq(people.id, session.personId), eq(people.workspaceId, session.workspaceId))),
    db
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.workspaceId, session.workspaceId), eq(people.managerId, session.personId))),
  ]);
  if (!workspace || !person) return null;
  noteWorkspace(workspace.id); // names the workspace in this request's access log line
  const address = person.platformUserId;
  return {
    workspace,
    person,
    // The web has no platform-admin flag: admins are the installer and settings.admins.
    roles: {
      admin: isAdmin(workspace.settings, workspace.installedBy, { address, isPlatformAdmin: false }),
      pmo: workspace.settings.pmoReviewers.includes(address),
      manager: reports.length > 0,
    },
    reportIds: reports.map((r) => r.id),
    timeZone: person.timeZone ?? workspace.settings.timeZone,
    via: session.via,
  };
}

/** PMO and admins see every outcome of their workspace. */
export const seesAll = (v: Viewer): boolean => v.roles.admin || v.roles.pmo;

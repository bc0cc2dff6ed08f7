import { requestOf, type Db } from '../../db/client.ts';
import type { Reader } from '../../db/queries/visibility.ts';
import { readViewerRows } from '../../db/queries/viewer.ts';
import { isAdmin } from '../../domain/update-settings.ts';
import type { Session } from '../../security/session.ts';
import type { Viewer } from '../env.ts';
import { noteWorkspace } from '../../request-context.ts';

/**
 * Resolves a session to a viewer with fresh roles. Null when the workspace or the person
 * no longer exists, or the person is not in the session's workspace.
 */
export async function loadViewer(db: Db, session: Session): Promise<Viewer | null> {
  const { workspace, person, reportIds } = await readViewerRows(db, session.workspaceId, session.personId);
  if (!workspace || !person) return null;
  noteWorkspace(requestOf(db), workspace.id); // names the workspace in this request's access log line
  const address = person.platformUserId;
  return {
    workspace,
    person,
    // The web has no platform-admin flag: admins are the installer and settings.admins.
    roles: {
      admin: isAdmin(workspace.settings, workspace.installedBy, { address, isPlatformAdmin: false }),
      pmo: workspace.settings.pmoReviewers.includes(address),
      manager: reportIds.length > 0,
    },
    reportIds,
    timeZone: person.timeZone ?? workspace.settings.timeZone,
    via: session.via,
  };
}

/** PMO and admins see every outcome of their workspace. */
export const seesAll = (v: Viewer): boolean => v.roles.admin || v.roles.pmo;

/** The viewer as the outcome queries take it (src/db/queries/visibility.ts decides what they see). */
export const readerOf = (v: Viewer): Reader => ({ personId: v.person.id, seesAll: seesAll(v) });

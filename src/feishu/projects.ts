import type { Deps, DepsCore } from '../deps.ts';
import * as q from '../db/queries/projects.ts';

export type { ProjectOption } from '../db/queries/projects.ts';

/** Projects the form offers (the select holds at most this many). */
export const listProjects = (deps: Deps | DepsCore, workspaceId: string, limit = 50) => q.listProjects(deps.db, workspaceId, limit);

/** True when the project belongs to this workspace (a form value is untrusted). */
export const projectExists = (deps: Deps, workspaceId: string, id: string) => q.projectExists(deps.db, workspaceId, id);

/** The project with this name, created with its go-live date if new (the one rule in src/db/queries/projects.ts). */
export const ensureProject = (deps: Deps, workspaceId: string, name: string, goLiveAt: Date | null, ownerId: string) =>
  q.ensureProject(deps.db, workspaceId, { name, goLiveAt, ownerId, at: deps.clock.now() });

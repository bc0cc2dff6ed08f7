import { and, asc, eq } from 'drizzle-orm';
import type { Deps, DepsCore } from '../deps.ts';
import { projects } from '../db/schema/index.ts';
import { cleanText } from '../domain/clean-text.ts';

export interface ProjectOption {
  id: string;
  name: string;
}

/** Projects the form offers (the select holds at most this many). */
export async function listProjects(deps: Deps | DepsCore, workspaceId: string, limit = 50): Promise<ProjectOption[]> {
  return deps.db.select({ id: projects.id, name: projects.name }).from(projects).where(eq(projects.workspaceId, workspaceId)).orderBy(asc(projects.name)).limit(limit);
}

/** True when the project belongs to this workspace (a form value is untrusted). */
export async function projectExists(deps: Deps, workspaceId: string, id: string): Promise<boolean> {
  const [p] = await deps.db.select({ id: projects.id }).from(projects).where(and(eq(projects.workspaceId, workspaceId), eq(projects.id, id)));
  return Boolean(p);
}

/** The project with this name, created with its go-live date if new (names are unique per workspace). */
export async function ensureProject(deps: Deps, workspaceId: string, rawName: string, goLiveAt: Date | null, ownerId: string): Promise<string> {
  const name = cleanText(rawName);
  await deps.db.insert(projects).values({ workspaceId, name, goLiveAt, ownerId, createdAt: deps.clock.now() }).onConflictDoNothing();
  const [p] = await deps.db.select({ id: projects.id }).from(projects).where(and(eq(projects.workspaceId, workspaceId), eq(projects.name, name)));
  return p!.id;
}

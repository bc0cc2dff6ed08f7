import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { projects } from '../../db/schema/index.ts';
import { cleanText } from '../../domain/clean-text.ts';

/** Projects a member can pick in the submit modal (Slack shows at most 100 options). */
export async function listProjects(db: Db, workspaceId: string): Promise<{ id: string; name: string }[]> {
  return db.select({ id: projects.id, name: projects.name }).from(projects).where(eq(projects.workspaceId, workspaceId)).orderBy(asc(projects.name)).limit(100);
}

/** The name of a project of this workspace; null when there is none with that id. */
export async function projectName(db: Db, workspaceId: string, projectId: string): Promise<string | null> {
  const [p] = await db.select({ name: projects.name }).from(projects).where(and(eq(projects.workspaceId, workspaceId), eq(projects.id, projectId)));
  return p?.name ?? null;
}

/** Whether `projectId` is a project of this workspace (a forged option value is not). */
export async function projectExists(db: Db, workspaceId: string, projectId: string): Promise<boolean> {
  return (await projectName(db, workspaceId, projectId)) !== null;
}

/**
 * The project named `name`, created with its go-live date when new. Names are unique per
 * workspace, so two members naming the same new project share it.
 */
export async function ensureProject(db: Db, workspaceId: string, p: { name: string; goLiveAt: Date | null; ownerId: string }): Promise<string> {
  const name = cleanText(p.name).trim();
  await db.insert(projects).values({ workspaceId, name, goLiveAt: p.goLiveAt, ownerId: p.ownerId }).onConflictDoNothing();
  const [row] = await db.select({ id: projects.id }).from(projects).where(and(eq(projects.workspaceId, workspaceId), eq(projects.name, name)));
  return row!.id;
}

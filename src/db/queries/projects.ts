import { cleanText } from '../../domain/clean-text.ts';
import { and, asc, eq, sql } from 'drizzle-orm';
import { perDb, type Db } from '../client.ts';
import { projects } from '../schema/index.ts';

export interface ProjectOption {
  id: string;
  name: string;
}

/** Projects a member can pick, by name (forms hold at most `limit`: Slack selects 100). */
export async function listProjects(db: Db, workspaceId: string, limit = 100): Promise<ProjectOption[]> {
  return projectOptions(db).all({ workspaceId, limit });
}

// Every submit form lists them: prepared once (see perDb in src/db/client.ts).
const projectOptions = perDb((db) =>
  db
    .select({ id: projects.id, name: projects.name })
    .from(projects)
    .where(eq(projects.workspaceId, sql.placeholder('workspaceId')))
    .orderBy(asc(projects.name))
    .limit(sql.placeholder('limit'))
    .prepare(),
);

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
 * The project named `name` (trimmed), created with its go-live date when new. Names are
 * unique per workspace, so two members naming the same new project share it.
 */
export async function ensureProject(db: Db, workspaceId: string, p: { name: string; goLiveAt: Date | null; ownerId: string; at?: Date }): Promise<string> {
  const name = cleanText(p.name).trim();
  await db.insert(projects).values({ workspaceId, name, goLiveAt: p.goLiveAt, ownerId: p.ownerId, ...(p.at ? { createdAt: p.at } : {}) }).onConflictDoNothing();
  const [row] = await db.select({ id: projects.id }).from(projects).where(and(eq(projects.workspaceId, workspaceId), eq(projects.name, name)));
  return row!.id;
}

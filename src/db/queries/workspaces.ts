import { eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import type { WorkspaceRow } from '../repos/workspace-repo.ts';
import { workspaces } from '../schema/index.ts';

/** One workspace by our id (the outbox knows workspaces by id, the platforms by team or tenant). */
export async function workspaceById(db: Db, id: string): Promise<WorkspaceRow | null> {
  const [w] = await db.select().from(workspaces).where(eq(workspaces.id, id));
  return w ?? null;
}

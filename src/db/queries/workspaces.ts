import { eq, sql } from 'drizzle-orm';
import { perDb, type Db } from '../client.ts';
import type { WorkspaceRow } from '../repos/workspace-repo.ts';
import { workspaces } from '../schema/index.ts';

/** One workspace by our id (the outbox knows workspaces by id, the platforms by team or tenant). */
export async function workspaceById(db: Db, id: string): Promise<WorkspaceRow | null> {
  const [w] = await byId(db).all({ id });
  return w ?? null;
}

// Every message the outbox sends reads its workspace: prepared once (see perDb in src/db/client.ts).
const byId = perDb((db) => db.select().from(workspaces).where(eq(workspaces.id, sql.placeholder('id'))).prepare());

/** Records an OAuth install: the encrypted bot token, the bot user and who installed. */
export async function saveInstallation(db: Db, id: string, install: { name: string; botTokenEnc: string; botUserId: string | null; installedBy: string; at: Date }): Promise<void> {
  await db.update(workspaces).set({ name: install.name, botTokenEnc: install.botTokenEnc, botUserId: install.botUserId, installedBy: install.installedBy, updatedAt: install.at }).where(eq(workspaces.id, id));
}

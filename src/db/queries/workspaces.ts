import { eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import type { WorkspaceRow } from '../repos/workspace-repo.ts';
import { workspaces } from '../schema/index.ts';

/** One workspace by our id (the outbox knows workspaces by id, the platforms by team or tenant). */
export async function workspaceById(db: Db, id: string): Promise<WorkspaceRow | null> {
  const [w] = await db.select().from(workspaces).where(eq(workspaces.id, id));
  return w ?? null;
}

/** Records an OAuth install: the encrypted bot token, the bot user and who installed. */
export async function saveInstallation(db: Db, id: string, install: { name: string; botTokenEnc: string; botUserId: string | null; installedBy: string; at: Date }): Promise<void> {
  await db.update(workspaces).set({ name: install.name, botTokenEnc: install.botTokenEnc, botUserId: install.botUserId, installedBy: install.installedBy, updatedAt: install.at }).where(eq(workspaces.id, id));
}

import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { WorkspaceRow } from '../../db/repos/workspace-repo.ts';
import { workspaces } from '../../db/schema/index.ts';
import type { WorkspaceContext } from '../../domain/ports.ts';

export { workspaceById } from '../../db/queries/workspaces.ts';

/** Records an OAuth install: the encrypted bot token, the bot user and who installed. */
export async function saveInstallation(db: Db, id: string, install: { name: string; botTokenEnc: string; botUserId: string | null; installedBy: string; at: Date }): Promise<void> {
  await db.update(workspaces).set({ name: install.name, botTokenEnc: install.botTokenEnc, botUserId: install.botUserId, installedBy: install.installedBy, updatedAt: install.at }).where(eq(workspaces.id, id));
}

/** What the domain verbs need to know about a workspace. */
export const workspaceContext = (w: WorkspaceRow): WorkspaceContext => ({ id: w.id, platform: 'slack', settings: w.settings });

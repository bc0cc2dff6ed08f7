import { and, eq, sql } from 'drizzle-orm';
import type { AuditEntry, StoredSettings } from '../../domain/ports.ts';
import type { WorkspaceSettingsShape } from '../../domain/settings.ts';
import type { Db } from '../client.ts';
import { auditLog, workspaces } from '../schema/index.ts';

/**
 * Workspace settings with compare-and-set. The version is the stored JSON text itself, so no
 * column is needed: a write applies only while the text is still what the writer read, and
 * its audit entry is inserted under the same guard in the same batch (both or neither).
 */
export function createSettingsStore(db: Db) {
  const raw = sql<string>`cast(${workspaces.settings} as text)`;
  return {
    async readSettings(workspaceId: string): Promise<StoredSettings | null> {
      const [w] = await db.select({ version: raw }).from(workspaces).where(eq(workspaces.id, workspaceId));
      return w ? { version: w.version, settings: JSON.parse(w.version) as WorkspaceSettingsShape } : null;
    },

    async saveSettings(workspaceId: string, version: string, settings: WorkspaceSettingsShape, audit: AuditEntry): Promise<boolean> {
      const unchanged = and(eq(workspaces.id, workspaceId), sql`${raw} = ${version}`);
      const [, updated] = await db.batch([
        // Listed in the table's column order (drizzle inserts a select into every column).
        db.insert(auditLog).select(
          sql`select ${crypto.randomUUID()}, ${workspaceId}, ${audit.entity}, ${audit.entityId}, ${audit.action}, ${audit.actorId}, null, null, ${audit.comment}, ${audit.at.getTime()}, ${audit.via}
              where exists (select 1 from ${workspaces} where ${unchanged})`,
        ),
        db.update(workspaces).set({ settings, updatedAt: audit.at }).where(unchanged).returning({ id: workspaces.id }),
      ]);
      return updated.length === 1;
    },
  };
}

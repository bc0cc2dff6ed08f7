import { and, eq, sql } from 'drizzle-orm';
import { defaultSettings, withDefaults, type WorkspaceSettingsShape } from '../../domain/settings.ts';
import type { Locale, Platform } from '../../domain/types.ts';
import { noteWorkspace } from '../../request-context.ts';
import { perDb, requestOf, type Db } from '../client.ts';
import { workspaces } from '../schema/index.ts';

export type WorkspaceRow = typeof workspaces.$inferSelect;

// Every platform request reads its workspace: prepared once (see perDb in src/db/client.ts).
const byExternal = perDb((db) =>
  db
    .select()
    .from(workspaces)
    .where(and(eq(workspaces.platform, sql.placeholder('platform')), eq(workspaces.externalId, sql.placeholder('externalId'))))
    .prepare(),
);

/** Workspaces (Slack teams, Feishu tenants): the root every other row belongs to. */
export function createWorkspaceRepo(db: Db, defaults: { timeZone: string; locale: Locale }) {
  return {
    async byExternalId(platform: Platform, externalId: string): Promise<WorkspaceRow | null> {
      const [w] = await byExternal(db).all({ platform, externalId });
      if (w) noteWorkspace(requestOf(db), w.id); // names the workspace in this request's access log line
      return w ?? null;
    },

    /** Returns the workspace, creating it with default settings on first sight. */
    async ensure(platform: Platform, externalId: string, init: Partial<Pick<WorkspaceRow, 'name' | 'installedBy' | 'botTokenEnc' | 'botUserId'>> = {}): Promise<WorkspaceRow> {
      await db
        .insert(workspaces)
        .values({ platform, externalId, name: init.name ?? '', installedBy: init.installedBy ?? null, botTokenEnc: init.botTokenEnc ?? null, botUserId: init.botUserId ?? null, settings: defaultSettings(defaults.timeZone, defaults.locale) })
        .onConflictDoNothing();
      const w = await this.byExternalId(platform, externalId);
      return w!;
    },

    /**
     * Merges `patch` into the stored settings without an admin check or an audit entry: for
     * seeding and tests only. Product writes go through the domain's updateSettings verb.
     * Compare-and-set like the verb, so a concurrent edit is not lost.
     */
    async updateSettings(id: string, patch: Partial<WorkspaceSettingsShape>): Promise<WorkspaceSettingsShape> {
      for (;;) {
        const [w] = await db.select({ version: sql<string>`cast(${workspaces.settings} as text)` }).from(workspaces).where(eq(workspaces.id, id));
        if (!w) throw new Error(`workspace ${id} does not exist`);
        const settings = { ...withDefaults(JSON.parse(w.version) as WorkspaceSettingsShape), ...patch };
        const done = await db
          .update(workspaces)
          .set({ settings, updatedAt: new Date() })
          .where(and(eq(workspaces.id, id), sql`cast(${workspaces.settings} as text) = ${w.version}`))
          .returning({ id: workspaces.id });
        if (done.length) return settings;
      }
    },
  };
}

export type WorkspaceRepo = ReturnType<typeof createWorkspaceRepo>;

import { and, eq } from 'drizzle-orm';
import { defaultSettings, type WorkspaceSettingsShape } from '../../domain/settings.ts';
import type { Locale, Platform } from '../../domain/types.ts';
import { noteWorkspace } from '../../request-context.ts';
import type { Db } from '../client.ts';
import { workspaces } from '../schema/index.ts';

export type WorkspaceRow = typeof workspaces.$inferSelect;

/** Workspaces (Slack teams, Feishu tenants): the root every other row belongs to. */
export function createWorkspaceRepo(db: Db, defaults: { timeZone: string; locale: Locale }) {
  return {
    async byExternalId(platform: Platform, externalId: string): Promise<WorkspaceRow | null> {
      const [w] = await db
        .select()
        .from(workspaces)
        .where(and(eq(workspaces.platform, platform), eq(workspaces.externalId, externalId)));
      if (w) noteWorkspace(w.id); // names the workspace in this request's access log line
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

    async updateSettings(id: string, patch: Partial<WorkspaceSettingsShape>): Promise<WorkspaceSettingsShape> {
      const [w] = await db.select({ settings: workspaces.settings }).from(workspaces).where(eq(workspaces.id, id));
      if (!w) throw new Error(`workspace ${id} does not exist`);
      const settings = { ...w.settings, ...patch };
      await db.update(workspaces).set({ settings, updatedAt: new Date() }).where(eq(workspaces.id, id));
      return settings;
    },
  };
}

export type WorkspaceRepo = ReturnType<typeof createWorkspaceRepo>;

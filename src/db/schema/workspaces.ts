import { withDefaults, type WorkspaceSettingsShape } from '../../domain/settings.ts';
import { customType, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, id, instant } from './base-columns.ts';

/** Per-workspace settings an admin can change (design.md §1); PMO reviewers and admins are platform user ids. */
export type WorkspaceSettings = WorkspaceSettingsShape;

/** JSON text; keys added to the settings since a row was written read as their defaults. */
const settingsJson = customType<{ data: WorkspaceSettings; driverData: string }>({
  dataType: () => 'text',
  toDriver: (v) => JSON.stringify(v),
  fromDriver: (v) => withDefaults(JSON.parse(v)),
});

export const workspaces = sqliteTable(
  'workspaces',
  {
    id: id(),
    platform: text('platform', { enum: ['slack', 'feishu'] }).notNull(),
    /** Slack team id or Feishu tenant key. */
    externalId: text('external_id').notNull(),
    name: text('name').notNull().default(''),
    /** Bot token encrypted with APP_SECRET (AES-GCM); null in single-workspace mode. */
    botTokenEnc: text('bot_token_enc'),
    botUserId: text('bot_user_id'),
    installedBy: text('installed_by'),
    settings: settingsJson('settings').notNull(),
    createdAt: createdAt(),
    updatedAt: instant('updated_at'),
  },
  (t) => [uniqueIndex('workspaces_platform_external').on(t.platform, t.externalId)],
);

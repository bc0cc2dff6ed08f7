import type { Db } from '../client.ts';
import type { Platform } from '../../domain/types.ts';
import type { WorkspaceSettingsShape } from '../../domain/settings.ts';
import { insertNotifications } from './outbox-rows.ts';

/** Why Feishu OKR sync stopped: the operation refused, Feishu's code and words, and the scopes to add. */
export interface OkrBlocked {
  operation: 'import' | 'progress';
  code: number;
  msg: string;
  scopes: string[];
}

/** Who hears about it: the installer and the listed admins; the PMO when the workspace names no admin. */
export function okrAdmins(ws: { installedBy: string | null; settings: Pick<WorkspaceSettingsShape, 'admins' | 'pmoReviewers'> }): string[] {
  const admins = [...new Set([ws.installedBy, ...ws.settings.admins].filter((a): a is string => !!a))];
  return admins.length ? admins : [...new Set(ws.settings.pmoReviewers)];
}

/**
 * Tells the admins once that Feishu refused an OKR operation: the dedupe key (operation, code,
 * admin) makes every later refusal of the same kind a no-op, so a blocked sync is shown once
 * rather than on every verified outcome.
 */
export async function writeOkrBlocked(db: Db, ws: { id: string; platform: Platform; installedBy: string | null; settings: WorkspaceSettingsShape }, b: OkrBlocked, at: Date): Promise<void> {
  const notes = okrAdmins(ws).map((address) => ({ kind: 'okr_sync_blocked' as const, to: { personId: null, address }, data: { ...b }, dedupeKey: `okr_sync_blocked:${b.operation}:${b.code}:${address}` }));
  const statements = insertNotifications(db, ws.id, ws.platform, notes, at);
  if (statements.length) await db.batch(statements as [(typeof statements)[number], ...typeof statements]);
}

import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { auditLog, outcomes, people } from '../schema/index.ts';

/** Where a page of the trail continues: the last row's instant and id (newest first). */
export interface AuditCursor {
  at: number;
  id: string;
}

/** One entry of the audit trail, with the actor's name and, for an outcome, its title. */
export interface AuditRow {
  id: string;
  entity: 'outcome' | 'workspace' | 'person';
  entityId: string;
  /** The outcome's title when the entry is about one (null for other entities or a deleted outcome). */
  outcomeTitle: string | null;
  action: string;
  actorId: string | null;
  actorName: string | null;
  fromStatus: string | null;
  toStatus: string | null;
  comment: string | null;
  at: Date;
  via: 'chat' | 'web' | 'api' | 'job' | null;
}

export interface AuditPage {
  rows: AuditRow[];
  next: AuditCursor | null;
}

/** At most this many entries per page. */
export const MAX_AUDIT_PAGE = 200;

async function pageOf(db: Db, where: SQL, limit: number, before: AuditCursor | null): Promise<AuditPage> {
  const n = Math.max(1, Math.min(limit, MAX_AUDIT_PAGE));
  // A row value comparison keeps the keyset on the index ((workspace, …, at, id)), newest first.
  const after = before ? sql`(${auditLog.at}, ${auditLog.id}) < (${before.at}, ${before.id})` : undefined;
  const rows = await db
    .select({
      id: auditLog.id,
      entity: auditLog.entity,
      entityId: auditLog.entityId,
      outcomeTitle: outcomes.title,
      action: auditLog.action,
      actorId: auditLog.actorId,
      actorName: sql<string | null>`nullif(coalesce(nullif(${people.name}, ''), ${people.platformUserId}), '')`,
      fromStatus: auditLog.fromStatus,
      toStatus: auditLog.toStatus,
      comment: auditLog.comment,
      at: auditLog.at,
      via: auditLog.via,
    })
    .from(auditLog)
    .leftJoin(people, eq(people.id, auditLog.actorId))
    .leftJoin(outcomes, and(eq(auditLog.entity, 'outcome'), eq(outcomes.id, auditLog.entityId)))
    .where(and(where, after))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(n + 1);
  const list = rows.slice(0, n) as AuditRow[];
  const last = list.at(-1);
  return { rows: list, next: rows.length > n && last ? { at: last.at.getTime(), id: last.id } : null };
}

/** One outcome's trail, newest first (served by the audit_log_entity index). */
export function outcomeAuditTrail(db: Db, workspaceId: string, outcomeId: string, page: { limit: number; before: AuditCursor | null }): Promise<AuditPage> {
  return pageOf(db, and(eq(auditLog.workspaceId, workspaceId), eq(auditLog.entity, 'outcome'), eq(auditLog.entityId, outcomeId))!, page.limit, page.before);
}

/** The whole workspace's trail, newest first (served by the audit_log_workspace index); for admins. */
export function workspaceAuditTrail(db: Db, workspaceId: string, page: { limit: number; before: AuditCursor | null }): Promise<AuditPage> {
  return pageOf(db, eq(auditLog.workspaceId, workspaceId), page.limit, page.before);
}

/** A cursor as {@link AuditPage.next} makes it: an instant a Date can hold and an id. */
export const isAuditCursor = (v: unknown): v is AuditCursor =>
  typeof v === 'object' && v !== null && typeof (v as AuditCursor).at === 'number' && Number.isFinite(new Date((v as AuditCursor).at).getTime()) && typeof (v as AuditCursor).id === 'string';

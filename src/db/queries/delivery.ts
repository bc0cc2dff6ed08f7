import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { outbox, people } from '../schema/index.ts';

export const OUTBOX_STATES = ['pending', 'sending', 'sent', 'dead'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/** One outbox row as the admins' delivery page shows it. */
export interface DeliveryRow {
  id: string;
  platform: string;
  kind: string;
  destination: string;
  /** The recipient's name when the row names a person of the workspace. */
  recipientName: string | null;
  status: OutboxState;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date;
  sentAt: Date | null;
  createdAt: Date;
}

export interface DeliveryCursor {
  at: number;
  id: string;
}

/** At most this many rows per page. */
export const MAX_DELIVERY_PAGE = 200;

/** One workspace's outbox rows in one state, newest first, keyset-paged (the outbox_workspace_status index). */
export async function listDelivery(db: Db, workspaceId: string, state: OutboxState, page: { limit: number; before: DeliveryCursor | null }): Promise<{ rows: DeliveryRow[]; next: DeliveryCursor | null }> {
  const n = Math.max(1, Math.min(page.limit, MAX_DELIVERY_PAGE));
  const rows = await db
    .select({
      id: outbox.id,
      platform: outbox.platform,
      kind: outbox.kind,
      destination: outbox.destination,
      recipientName: sql<string | null>`nullif(${people.name}, '')`,
      status: outbox.status,
      attempts: outbox.attempts,
      lastError: outbox.lastError,
      nextAttemptAt: outbox.nextAttemptAt,
      sentAt: outbox.sentAt,
      createdAt: outbox.createdAt,
    })
    .from(outbox)
    .leftJoin(people, and(eq(people.workspaceId, outbox.workspaceId), eq(people.platformUserId, outbox.destination)))
    .where(
      and(
        eq(outbox.workspaceId, workspaceId),
        eq(outbox.status, state),
        page.before ? sql`(${outbox.createdAt}, ${outbox.id}) < (${page.before.at}, ${page.before.id})` : undefined,
      ),
    )
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(n + 1);
  const list = rows.slice(0, n);
  const last = list.at(-1);
  return { rows: list, next: rows.length > n && last ? { at: last.createdAt.getTime(), id: last.id } : null };
}

export const isDeliveryCursor = (v: unknown): v is DeliveryCursor =>
  typeof v === 'object' && v !== null && typeof (v as DeliveryCursor).at === 'number' && Number.isFinite(new Date((v as DeliveryCursor).at).getTime()) && typeof (v as DeliveryCursor).id === 'string';

import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { apiTokens } from '../schema/index.ts';

/** The rate window of every token. */
export const RATE_WINDOW_MS = 60_000;

export type ApiTokenRow = typeof apiTokens.$inferSelect;

/** Stores a new token (by its hash). */
export async function insertApiToken(db: Db, row: { workspaceId: string; name: string; tokenHash: string; prefix: string; scopes: string[]; rateLimit: number; createdBy: string; now: Date }): Promise<string> {
  const [r] = await db
    .insert(apiTokens)
    .values({ workspaceId: row.workspaceId, name: row.name, tokenHash: row.tokenHash, prefix: row.prefix, scopes: row.scopes, rateLimit: row.rateLimit, createdBy: row.createdBy, createdAt: row.now })
    .returning({ id: apiTokens.id });
  return r!.id;
}

/** Revokes a token of this workspace; false when there is no such live token. */
export async function revokeApiToken(db: Db, workspaceId: string, id: string, by: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: now, revokedBy: by })
    .where(and(eq(apiTokens.workspaceId, workspaceId), eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}

/** A used token: who it is and where its rate window stands after counting this request. */
export interface TokenUse {
  id: string;
  workspaceId: string;
  scopes: string[];
  rateLimit: number;
  windowStart: Date;
  windowCount: number;
}

/**
 * Authenticates, counts and records the use of a token in one statement: a live token with
 * this hash gets its fixed one-minute window restarted (when it has passed) or counted, and
 * `last_used_at` set. Null for an unknown or revoked token. SQLite evaluates every SET
 * expression on the old row, so the window test reads the same values in both columns; the
 * single statement is atomic, so concurrent requests (other processes, other isolates) count
 * exactly.
 */
export async function useApiToken(db: Db, tokenHash: string, now: Date): Promise<TokenUse | null> {
  const at = now.getTime();
  const expired = sql`(${apiTokens.windowStart} is null or ${apiTokens.windowStart} <= ${at - RATE_WINDOW_MS} or ${apiTokens.windowStart} > ${at})`;
  const [row] = await db
    .update(apiTokens)
    .set({
      windowStart: sql`case when ${expired} then ${at} else ${apiTokens.windowStart} end`,
      windowCount: sql`case when ${expired} then 1 else ${apiTokens.windowCount} + 1 end`,
      lastUsedAt: now,
    })
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id, workspaceId: apiTokens.workspaceId, scopes: apiTokens.scopes, rateLimit: apiTokens.rateLimit, windowStart: apiTokens.windowStart, windowCount: apiTokens.windowCount });
  return row ? { ...row, windowStart: row.windowStart ?? now } : null;
}

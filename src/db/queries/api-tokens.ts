import { desc, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { apiTokens } from '../schema/index.ts';

/** The workspace's tokens, newest first, for the settings page (never the hash). */
export function listApiTokens(db: Db, workspaceId: string) {
  return db
    .select({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix, scopes: apiTokens.scopes, rateLimit: apiTokens.rateLimit, lastUsedAt: apiTokens.lastUsedAt, createdAt: apiTokens.createdAt, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .where(eq(apiTokens.workspaceId, workspaceId))
    .orderBy(desc(apiTokens.createdAt));
}

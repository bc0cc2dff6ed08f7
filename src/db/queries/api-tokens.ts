import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { apiTokens, people } from '../schema/index.ts';

/** The workspace's tokens, newest first, for the settings page (never the hash). */
export function listApiTokens(db: Db, workspaceId: string) {
  return db
    .select({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix, scopes: apiTokens.scopes, rateLimit: apiTokens.rateLimit, lastUsedAt: apiTokens.lastUsedAt, createdAt: apiTokens.createdAt, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .where(eq(apiTokens.workspaceId, workspaceId))
    .orderBy(desc(apiTokens.createdAt));
}

/** The person who created a token (a write through the token is theirs); null when they are gone. */
export async function tokenCreator(db: Db, workspaceId: string, tokenId: string) {
  const [row] = await db
    .select({ id: people.id, address: people.platformUserId, timeZone: people.timeZone, locale: people.locale })
    .from(apiTokens)
    .innerJoin(people, eq(people.id, apiTokens.createdBy))
    .where(and(eq(apiTokens.workspaceId, workspaceId), eq(apiTokens.id, tokenId)));
  return row ?? null;
}

import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, id, instant, workspaceId } from './columns.ts';
import { people } from './people.ts';

/**
 * Workspace API tokens (design.md §11). Only the SHA-256 of a token is stored; the token
 * itself is shown once, when an admin creates it. The rate window lives in the row so the
 * limit holds across Node processes and Worker isolates alike: one UPDATE … RETURNING per
 * request authenticates, counts and records the last use.
 */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: id(),
    workspaceId: workspaceId(),
    name: text('name').notNull(),
    /** Hex SHA-256 of the whole token. */
    tokenHash: text('token_hash').notNull(),
    /** The token's first characters (`oc_abcd…`), so admins can tell tokens apart. */
    prefix: text('prefix').notNull(),
    scopes: text('scopes', { mode: 'json' }).$type<string[]>().notNull(),
    /** Requests allowed per rate window (one minute). */
    rateLimit: integer('rate_limit').notNull().default(600),
    windowStart: instant('window_start'),
    windowCount: integer('window_count').notNull().default(0),
    lastUsedAt: instant('last_used_at'),
    createdBy: text('created_by').references(() => people.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    revokedAt: instant('revoked_at'),
    revokedBy: text('revoked_by').references(() => people.id, { onDelete: 'set null' }),
  },
  (t) => [uniqueIndex('api_tokens_hash').on(t.tokenHash), index('api_tokens_workspace').on(t.workspaceId, t.createdAt)],
);

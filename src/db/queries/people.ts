import { and, eq, ne, sql } from 'drizzle-orm';
import { perDb, type Db } from '../client.ts';
import { people } from '../schema/index.ts';

export type PersonRow = typeof people.$inferSelect;

/** A person by platform user id (Slack user id, Feishu open_id), with the cached profile and manager mapping. */
export async function personByAddress(db: Db, workspaceId: string, address: string): Promise<PersonRow | null> {
  const [p] = await byAddress(db).all({ workspaceId, key: address });
  return p ?? null;
}

// Every click and command reads its person: prepared once per key (see perDb in src/db/client.ts).
const personBy = (key: typeof people.id | typeof people.platformUserId) =>
  perDb((db) =>
    db
      .select()
      .from(people)
      .where(and(eq(people.workspaceId, sql.placeholder('workspaceId')), eq(key, sql.placeholder('key'))))
      .prepare(),
  );
const byAddress = personBy(people.platformUserId);
const byId = personBy(people.id);

/** A person by our id. */
export async function personById(db: Db, workspaceId: string, id: string): Promise<PersonRow | null> {
  const [p] = await byId(db).all({ workspaceId, key: id });
  return p ?? null;
}

/**
 * Platform addresses of a workspace's people other than `except`, by name (unnamed ones
 * last), at most `limit`: the order a people picker offers them in.
 */
export async function addressesByName(db: Db, workspaceId: string, except: string, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: people.platformUserId })
    .from(people)
    .where(and(eq(people.workspaceId, workspaceId), ne(people.id, except)))
    .orderBy(sql`${people.name} = ''`, people.name, people.platformUserId)
    .limit(limit);
  return rows.map((r) => r.id);
}

import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { people } from '../../db/schema/index.ts';

export type PersonRow = typeof people.$inferSelect;

/** A person by Slack user id, with the cached profile and manager mapping. */
export async function personBySlackId(db: Db, workspaceId: string, userId: string): Promise<PersonRow | null> {
  const [p] = await db.select().from(people).where(and(eq(people.workspaceId, workspaceId), eq(people.platformUserId, userId)));
  return p ?? null;
}

/** A person by our id. */
export async function personById(db: Db, workspaceId: string, id: string): Promise<PersonRow | null> {
  const [p] = await db.select().from(people).where(and(eq(people.workspaceId, workspaceId), eq(people.id, id)));
  return p ?? null;
}

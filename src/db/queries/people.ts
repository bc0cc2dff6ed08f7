import { and, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { people } from '../schema/index.ts';

export type PersonRow = typeof people.$inferSelect;

/** A person by platform user id (Slack user id, Feishu open_id), with the cached profile and manager mapping. */
export async function personByAddress(db: Db, workspaceId: string, address: string): Promise<PersonRow | null> {
  const [p] = await db.select().from(people).where(and(eq(people.workspaceId, workspaceId), eq(people.platformUserId, address)));
  return p ?? null;
}

/** A person by our id. */
export async function personById(db: Db, workspaceId: string, id: string): Promise<PersonRow | null> {
  const [p] = await db.select().from(people).where(and(eq(people.workspaceId, workspaceId), eq(people.id, id)));
  return p ?? null;
}

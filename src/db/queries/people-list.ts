import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { people } from '../schema/index.ts';

/** The people of a workspace with their manager mapping, by name then platform address. */
export function listWorkspacePeople(db: Db, workspaceId: string) {
  return db
    .select({ id: people.id, name: people.name, platformUserId: people.platformUserId, managerId: people.managerId, managerSource: people.managerSource })
    .from(people)
    .where(eq(people.workspaceId, workspaceId))
    .orderBy(asc(people.name), asc(people.platformUserId));
}

/** One person's manager id; null when they have none or are not in the workspace. */
export async function findManagerId(db: Db, workspaceId: string, personId: string): Promise<string | null> {
  const [p] = await db.select({ managerId: people.managerId }).from(people).where(and(eq(people.workspaceId, workspaceId), eq(people.id, personId)));
  return p?.managerId ?? null;
}

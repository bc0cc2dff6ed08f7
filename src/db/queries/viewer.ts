import { and, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { people, workspaces } from '../schema/index.ts';

/**
 * A signed-in person's workspace, their row in it and their direct reports' ids. The
 * workspace or person is undefined when gone, or when the person is not in that workspace.
 */
export async function readViewerRows(db: Db, workspaceId: string, personId: string) {
  const [[workspace], [person], reports] = await Promise.all([
    db.select().from(workspaces).where(eq(workspaces.id, workspaceId)),
    db
      .select()
      .from(people)
      .where(and(eq(people.id, personId), eq(people.workspaceId, workspaceId))),
    db
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.workspaceId, workspaceId), eq(people.managerId, personId))),
  ]);
  return { workspace, person, reportIds: reports.map((r) => r.id) };
}

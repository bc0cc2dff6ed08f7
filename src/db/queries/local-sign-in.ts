import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { people, workspaces } from '../schema/index.ts';

// LOCAL sign-in only (src/web/auth/local.ts, localhost with no platform configured): it offers
// every workspace of the database, so unlike the other queries these take no workspace id.

/** Every workspace by name, and the first 500 people by name with how many report to them. */
export async function listSignInChoices(db: Db) {
  const [spaces, folks] = await Promise.all([
    db.select().from(workspaces).orderBy(asc(workspaces.name)),
    db
      .select({
        id: people.id,
        workspaceId: people.workspaceId,
        name: people.name,
        platformUserId: people.platformUserId,
        // Spelled out: a single-table select renders ${people.id} as a bare "id", which inside the
        // subquery binds to the report's own id (so nobody had reports, every manager was a "member").
        reports: sql<number>`(select count(*) from "people" as "report" where "report"."manager_id" = "people"."id")`,
      })
      .from(people)
      .orderBy(asc(people.name))
      .limit(500),
  ]);
  return { spaces, folks };
}

/** The person chosen on the local sign-in page, with their workspace; undefined when unknown. */
export async function findSignInPerson(db: Db, personId: string) {
  const [p] = await db.select({ id: people.id, workspaceId: people.workspaceId }).from(people).where(eq(people.id, personId));
  return p;
}

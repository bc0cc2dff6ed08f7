import { and, asc, eq, sql } from 'drizzle-orm';
import { perDb, type Db } from '../client.ts';
import { keyResults, objectives, outcomes } from '../schema/index.ts';

export interface KeyResultOption {
  id: string;
  /** "Objective › key result", so two objectives' look-alike KRs can be told apart. */
  title: string;
}

/** The workspace's key results an outcome can link to, by objective then KR (forms hold at most `limit`). */
export async function listKeyResultOptions(db: Db, workspaceId: string, limit = 100): Promise<KeyResultOption[]> {
  const rows = await options(db).all({ workspaceId, limit });
  return rows.map((r) => ({ id: r.id, title: `${r.objective} › ${r.kr}` }));
}

// Every submit form lists them: prepared once (see perDb in src/db/client.ts).
const options = perDb((db) =>
  db
    .select({ id: keyResults.id, kr: keyResults.title, objective: objectives.title })
    .from(keyResults)
    .innerJoin(objectives, eq(objectives.id, keyResults.objectiveId))
    .where(eq(keyResults.workspaceId, sql.placeholder('workspaceId')))
    .orderBy(asc(objectives.title), asc(keyResults.title))
    .limit(sql.placeholder('limit'))
    .prepare(),
);

/** Whether `id` is a key result of this workspace (a forged option value is not). */
export async function keyResultExists(db: Db, workspaceId: string, id: string): Promise<boolean> {
  const [row] = await db.select({ id: keyResults.id }).from(keyResults).where(and(eq(keyResults.workspaceId, workspaceId), eq(keyResults.id, id)));
  return Boolean(row);
}

/** The key result an outcome links to, for prefilling an edit form. */
export async function outcomeKeyResultId(db: Db, workspaceId: string, outcomeId: string): Promise<string | null> {
  const [row] = await db.select({ id: outcomes.keyResultId }).from(outcomes).where(and(eq(outcomes.workspaceId, workspaceId), eq(outcomes.id, outcomeId)));
  return row?.id ?? null;
}

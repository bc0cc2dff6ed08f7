import { and, eq, sql } from 'drizzle-orm';
import type { Db, Statement } from '../client.ts';
import { keyResults, objectives, okrCycles, outcomes } from '../schema/index.ts';

export interface CycleFields {
  name: string;
  kind: 'quarter' | 'half' | 'year';
  startsAt: Date;
  endsAt: Date;
}
export interface ObjectiveFields {
  title: string;
  ownerId: string | null;
  parentId: string | null;
  cycleId: string | null;
}
export interface KeyResultFields {
  objectiveId: string;
  title: string;
  kind: 'metric' | 'milestone';
  /** Set by hand; null to derive it from the linked outcomes. */
  score: number | null;
}

/** Cycles, objectives and key results as admins and the PMO write them (checked by src/okr/manage-okr.ts first). */
export function createOkrRepo(db: Db) {
  return {
    async insertCycle(workspaceId: string, f: CycleFields, at: Date) {
      const [row] = await db.insert(okrCycles).values({ workspaceId, ...f, createdAt: at }).returning();
      return row!;
    },
    async updateCycle(workspaceId: string, id: string, f: Partial<CycleFields>, at: Date) {
      const [row] = await db.update(okrCycles).set({ ...f, updatedAt: at }).where(and(eq(okrCycles.workspaceId, workspaceId), eq(okrCycles.id, id))).returning();
      return row;
    },
    async insertObjective(workspaceId: string, f: ObjectiveFields, at: Date) {
      const [row] = await db.insert(objectives).values({ workspaceId, ...f, createdAt: at }).returning();
      return row!;
    },
    async updateObjective(workspaceId: string, id: string, f: Partial<ObjectiveFields>, at: Date) {
      const [row] = await db.update(objectives).set({ ...f, updatedAt: at }).where(and(eq(objectives.workspaceId, workspaceId), eq(objectives.id, id))).returning();
      return row;
    },
    async insertKeyResult(workspaceId: string, f: KeyResultFields, at: Date) {
      const [row] = await db.insert(keyResults).values({ workspaceId, ...f, createdAt: at }).returning();
      return row!;
    },
    async updateKeyResult(workspaceId: string, id: string, f: Partial<KeyResultFields>, at: Date) {
      const [row] = await db.update(keyResults).set({ ...f, updatedAt: at }).where(and(eq(keyResults.workspaceId, workspaceId), eq(keyResults.id, id))).returning();
      return row;
    },
    /** Links an outcome to a key result (null unlinks); false when the outcome is not in the workspace. */
    async linkOutcome(workspaceId: string, outcomeId: string, keyResultId: string | null, at: Date): Promise<boolean> {
      const rows = await db.update(outcomes).set({ keyResultId, updatedAt: at }).where(and(eq(outcomes.workspaceId, workspaceId), eq(outcomes.id, outcomeId))).returning({ id: outcomes.id });
      return rows.length > 0;
    },
  };
}
export type OkrRepo = ReturnType<typeof createOkrRepo>;

/** What a Feishu OKR import brings: periods, objectives and key results by their Feishu ids. */
export interface OkrImport {
  cycles: (CycleFields & { externalId: string })[];
  objectives: { externalId: string; cycleExternalId: string; title: string; ownerId: string | null }[];
  keyResults: { externalId: string; objectiveExternalId: string; title: string }[];
}

/**
 * Writes an import in one batch, keyed by the Feishu ids: a re-import updates the same rows
 * (titles, dates, owners), never duplicates them, and leaves what is ours alone — parents,
 * a key result's kind, its score set by hand and the outcomes linked to it.
 */
export async function writeOkrImport(db: Db, workspaceId: string, data: OkrImport, at: Date): Promise<void> {
  const cycleId = (ext: string) => sql`(select ${okrCycles.id} from ${okrCycles} where ${okrCycles.workspaceId} = ${workspaceId} and ${okrCycles.externalId} = ${ext})`;
  const objectiveId = (ext: string) => sql`(select ${objectives.id} from ${objectives} where ${objectives.workspaceId} = ${workspaceId} and ${objectives.externalId} = ${ext})`;
  const external = sql`external_id IS NOT NULL`;
  const statements: Statement[] = [
    ...data.cycles.map((c) =>
      db
        .insert(okrCycles)
        .values({ workspaceId, ...c, createdAt: at })
        .onConflictDoUpdate({ target: [okrCycles.workspaceId, okrCycles.externalId], targetWhere: external, set: { name: c.name, startsAt: c.startsAt, endsAt: c.endsAt, updatedAt: at } }),
    ),
    ...data.objectives.map((o) =>
      db
        .insert(objectives)
        .values({ workspaceId, title: o.title, ownerId: o.ownerId, externalId: o.externalId, cycleId: cycleId(o.cycleExternalId), createdAt: at })
        .onConflictDoUpdate({ target: [objectives.workspaceId, objectives.externalId], targetWhere: external, set: { title: o.title, ownerId: o.ownerId, updatedAt: at } }),
    ),
    ...data.keyResults.map((k) =>
      db
        .insert(keyResults)
        .values({ workspaceId, title: k.title, externalId: k.externalId, objectiveId: objectiveId(k.objectiveExternalId), createdAt: at })
        .onConflictDoUpdate({ target: [keyResults.workspaceId, keyResults.externalId], targetWhere: external, set: { title: k.title, updatedAt: at } }),
    ),
  ];
  if (statements.length) await db.batch(statements as [Statement, ...Statement[]]);
}

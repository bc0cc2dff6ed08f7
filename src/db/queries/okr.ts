import { and, asc, desc, eq, gt, ne, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { keyResults, metrics, objectives, okrCycles, outcomes, people } from '../schema/index.ts';
import { visibleOutcomes, type Reader } from './visibility.ts';

/** The cycles of a workspace, latest first. */
export function listCycles(db: Db, workspaceId: string) {
  return db.select().from(okrCycles).where(eq(okrCycles.workspaceId, workspaceId)).orderBy(desc(okrCycles.startsAt), asc(okrCycles.name));
}

/**
 * The workspace's outcomes linked to a key result, found by outcomes_key_result: a range on the
 * key result id (ids are never empty), the workspace checked on those rows (the unary + keeps
 * SQLite from walking all 100,000 of the workspace by one of its indexes instead).
 */
const linkedIn = (workspaceId: string) => and(sql`+${outcomes.workspaceId} = ${workspaceId}`, gt(outcomes.keyResultId, ''));

/** Everything the OKR tree of one workspace shows, in four reads (joins, never id lists: D1 binds ≤ 100 parameters). */
export async function loadOkrRows(db: Db, workspaceId: string, reader: Reader) {
  const [cycles, objs, krs, linked, ms] = await Promise.all([
    listCycles(db, workspaceId),
    db
      .select({ o: objectives, ownerName: people.name })
      .from(objectives)
      .leftJoin(people, eq(people.id, objectives.ownerId))
      .where(eq(objectives.workspaceId, workspaceId))
      .orderBy(asc(objectives.createdAt), asc(objectives.id)),
    db.select().from(keyResults).where(eq(keyResults.workspaceId, workspaceId)).orderBy(asc(keyResults.createdAt), asc(keyResults.id)),
    // Rejected outcomes never count towards a key result.
    db
      .select({ id: outcomes.id, title: outcomes.title, status: outcomes.status, keyResultId: outcomes.keyResultId, cost: outcomes.cost, benefit: outcomes.benefit })
      .from(outcomes)
      .where(and(linkedIn(workspaceId), ne(outcomes.status, 'rejected')))
      // Sorted after the linked few are found by outcomes_key_result (the unary + keeps SQLite from walking the creation index).
      .orderBy(sql`+${outcomes.createdAt}`),
    db
      .select({ outcomeId: metrics.outcomeId, baseline: metrics.baseline, target: metrics.target, actual: metrics.actual })
      .from(metrics)
      .innerJoin(outcomes, eq(outcomes.id, metrics.outcomeId))
      .where(and(linkedIn(workspaceId), ne(outcomes.status, 'rejected'))),
  ]);
  // Which linked outcomes this reader may open (the scores count them all; the titles are theirs to see).
  const visible = new Set(
    (
      await db
        .select({ id: outcomes.id })
        .from(outcomes)
        .where(and(reader.seesAll ? linkedIn(workspaceId) : visibleOutcomes(workspaceId, reader), gt(outcomes.keyResultId, '')))
    ).map((r) => r.id),
  );
  return { cycles, objectives: objs.map((r) => ({ ...r.o, ownerName: r.ownerName })), keyResults: krs, outcomes: linked.map((o) => ({ ...o, visible: visible.has(o.id) })), metrics: ms };
}
export type OkrRows = Awaited<ReturnType<typeof loadOkrRows>>;

/** One cycle of the workspace, or undefined. */
export async function cycleById(db: Db, workspaceId: string, id: string) {
  const [row] = await db.select().from(okrCycles).where(and(eq(okrCycles.workspaceId, workspaceId), eq(okrCycles.id, id)));
  return row;
}

/** One objective of the workspace, or undefined. */
export async function objectiveById(db: Db, workspaceId: string, id: string) {
  const [row] = await db.select().from(objectives).where(and(eq(objectives.workspaceId, workspaceId), eq(objectives.id, id)));
  return row;
}

/** One key result of the workspace, or undefined. */
export async function keyResultById(db: Db, workspaceId: string, id: string) {
  const [row] = await db.select().from(keyResults).where(and(eq(keyResults.workspaceId, workspaceId), eq(keyResults.id, id)));
  return row;
}

/** Each objective's parent in the workspace (to refuse a loop). */
export async function objectiveParents(db: Db, workspaceId: string): Promise<Map<string, string | null>> {
  const rows = await db.select({ id: objectives.id, parentId: objectives.parentId }).from(objectives).where(eq(objectives.workspaceId, workspaceId));
  return new Map(rows.map((r) => [r.id, r.parentId]));
}

/** The key results an outcome can link to: each with its objective and cycle, for a select. */
export function keyResultOptions(db: Db, workspaceId: string) {
  return db
    .select({ id: keyResults.id, title: keyResults.title, objective: objectives.title, cycle: okrCycles.name })
    .from(keyResults)
    .innerJoin(objectives, eq(objectives.id, keyResults.objectiveId))
    .leftJoin(okrCycles, eq(okrCycles.id, objectives.cycleId))
    .where(eq(keyResults.workspaceId, workspaceId))
    .orderBy(desc(okrCycles.startsAt), asc(objectives.title), asc(keyResults.title));
}

/** The key result an outcome links to, with its Feishu id, or undefined. */
export async function linkedKeyResult(db: Db, workspaceId: string, outcomeId: string) {
  const [row] = await db
    .select({ id: keyResults.id, title: keyResults.title, externalId: keyResults.externalId, objective: objectives.title })
    .from(outcomes)
    .innerJoin(keyResults, eq(keyResults.id, outcomes.keyResultId))
    .innerJoin(objectives, eq(objectives.id, keyResults.objectiveId))
    .where(and(eq(outcomes.workspaceId, workspaceId), eq(outcomes.id, outcomeId)));
  return row;
}

/** People of the workspace who can own objectives, and whose Feishu OKRs the import reads. */
export function okrPeople(db: Db, workspaceId: string) {
  return db.select({ id: people.id, name: people.name, platformUserId: people.platformUserId }).from(people).where(eq(people.workspaceId, workspaceId)).orderBy(asc(people.name));
}

/** An outcome the reader sees, with who submitted and owns it (to decide who may link it), or undefined. */
export async function outcomeForLink(db: Db, workspaceId: string, reader: Reader, outcomeId: string) {
  const [row] = await db
    .select({ id: outcomes.id, submitterId: outcomes.submitterId, ownerId: outcomes.ownerId, keyResultId: outcomes.keyResultId })
    .from(outcomes)
    .where(and(visibleOutcomes(workspaceId, reader), eq(outcomes.id, outcomeId)));
  return row;
}

/** What a key result's score is computed from: its manual score and its linked outcomes' metrics. */
export async function keyResultScoreRows(db: Db, workspaceId: string, keyResultId: string) {
  const [kr, ms] = await Promise.all([
    keyResultById(db, workspaceId, keyResultId),
    db
      .select({ outcomeId: metrics.outcomeId, baseline: metrics.baseline, target: metrics.target, actual: metrics.actual })
      .from(metrics)
      .innerJoin(outcomes, eq(outcomes.id, metrics.outcomeId))
      .where(and(eq(outcomes.workspaceId, workspaceId), eq(outcomes.keyResultId, keyResultId), ne(outcomes.status, 'rejected'))),
  ]);
  return kr ? { manual: kr.score, metrics: ms } : null;
}

/** An outcome's title, status, linked key result and metrics, for the progress record written about it. */
export async function outcomeForProgress(db: Db, workspaceId: string, outcomeId: string) {
  const [o] = await db.select({ id: outcomes.id, title: outcomes.title, keyResultId: outcomes.keyResultId }).from(outcomes).where(and(eq(outcomes.workspaceId, workspaceId), eq(outcomes.id, outcomeId)));
  if (!o) return null;
  const ms = await db.select({ baseline: metrics.baseline, target: metrics.target, actual: metrics.actual }).from(metrics).where(eq(metrics.outcomeId, outcomeId));
  return { ...o, metrics: ms };
}

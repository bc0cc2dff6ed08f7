import { and, asc, desc, eq, ne, or, sql } from 'drizzle-orm';
import { perDb, type Db } from '../client.ts';
import { decodeRow, decodeRows, jsonRowOf, jsonRowsOf } from '../json-rows.ts';
import { evidence, metrics, outcomes, people, projects, reviews } from '../schema/index.ts';

type OutcomeRow = typeof outcomes.$inferSelect;

/** The project of an outcome of this workspace; undefined when there is no such outcome. */
export async function projectOfOutcome(db: Db, workspaceId: string, outcomeId: string): Promise<string | null | undefined> {
  const [o] = await db.select({ projectId: outcomes.projectId }).from(outcomes).where(and(eq(outcomes.workspaceId, workspaceId), eq(outcomes.id, outcomeId)));
  return o ? o.projectId : undefined;
}

/**
 * Outcomes a survey can be about, newest first, with their project. A form holds at most
 * `limit` (Slack's select 100); `withoutRejected` leaves rejected ones out (the Feishu form does).
 */
export async function surveyableOutcomes(
  db: Db,
  workspaceId: string,
  opts: { limit: number; withoutRejected: boolean },
): Promise<{ id: string; title: string; projectId: string | null; projectName: string | null }[]> {
  const inWorkspace = eq(outcomes.workspaceId, workspaceId);
  return db
    .select({ id: outcomes.id, title: outcomes.title, projectId: outcomes.projectId, projectName: projects.name })
    .from(outcomes)
    .leftJoin(projects, eq(projects.id, outcomes.projectId))
    .where(opts.withoutRejected ? and(inWorkspace, ne(outcomes.status, 'rejected')) : inWorkspace)
    .orderBy(desc(outcomes.createdAt))
    .limit(opts.limit);
}

/** An outcome's metrics in position order (the caller has checked the outcome's workspace). */
export function outcomeMetrics(db: Db, workspaceId: string, outcomeId: string) {
  return db.select().from(metrics).where(and(eq(metrics.workspaceId, workspaceId), eq(metrics.outcomeId, outcomeId))).orderBy(asc(metrics.position));
}

/** One outcome with everything a card or page shows about it, as {@link readOutcomeParts} reads it. */
export type OutcomeParts = NonNullable<Awaited<ReturnType<typeof readOutcomeParts>>>;

/** People read with an outcome besides those it names (see {@link readOutcomeParts}). */
export interface AlsoPeople {
  /** By id: a reviewer about to decide, so the decided card needs no read. */
  ids?: string[];
  /** By platform user id: the PMO reviewers a stage-1 approval asks next. */
  addresses?: string[];
}

/**
 * One outcome of this workspace with everything a card or page shows about it (project,
 * metrics in position order, evidence and decisions oldest first, the people named), read in
 * ONE statement (src/db/json-rows.ts): one round trip and one snapshot, and on the embedded
 * database one pass through the driver instead of a batch's nine. Null when it is not in
 * this workspace. `also` are people read in the same statement.
 */
export async function readOutcomeParts(db: Db, workspaceId: string, outcomeId: string, also: AlsoPeople = {}) {
  const [row] = await partsStatement(db).all({ workspaceId, outcomeId, ids: JSON.stringify(also.ids ?? []), addresses: JSON.stringify(also.addresses ?? []) });
  if (!row) return null;
  return {
    outcome: decodeRow(outcomes, JSON.parse(row.o) as Record<string, unknown>),
    project: decodeRows(projects, row.project)[0] ?? null,
    metrics: decodeRows(metrics, row.metrics),
    evidence: decodeRows(evidence, row.evidence),
    reviews: decodeRows(reviews, row.reviews),
    people: decodeRows(people, row.people),
  };
}

/**
 * {@link readOutcomeParts}'s statement, prepared once per database: every click and every
 * message about an outcome reads it, and drizzle's building of it cost more than running it.
 * The extra people come as JSON arrays (one parameter each, empty when none).
 */
const partsStatement = perDb((db: Db) => {
  const ws = sql.placeholder('workspaceId');
  // The people by their ids, each found by its key: `+` keeps SQLite from walking the
  // workspace's people instead (with an OR of these it tested every one: 1–3 ms per read in a
  // workspace of 1,000, bench/scale.ts's database). Four terms: D1 refuses a compound SELECT
  // of more than five.
  const named = sql`+${people.workspaceId} = ${ws} and ${people.id} in (
    select value from json_each(json_array(${outcomes.submitterId}, ${outcomes.ownerId}, ${outcomes.reviewerId}))
    union all select ${reviews.reviewerId} from ${reviews} where ${reviews.outcomeId} = ${outcomes.id}
    union all select value from json_each(${sql.placeholder('ids')})
    union all select x."id" from ${people} x where x."workspace_id" = ${ws} and x."platform_user_id" in (select value from json_each(${sql.placeholder('addresses')})))`;
  return db
    .select({
      o: sql<string>`${jsonRowOf(outcomes)}`,
      project: sql<string>`${jsonRowsOf(projects, eq(projects.id, outcomes.projectId))}`,
      metrics: sql<string>`${jsonRowsOf(metrics, and(eq(metrics.workspaceId, ws), eq(metrics.outcomeId, outcomes.id))!, asc(metrics.position))}`,
      evidence: sql<string>`${jsonRowsOf(evidence, eq(evidence.outcomeId, outcomes.id), asc(evidence.createdAt))}`,
      reviews: sql<string>`${jsonRowsOf(reviews, eq(reviews.outcomeId, outcomes.id), asc(reviews.decidedAt))}`,
      people: sql<string>`${jsonRowsOf(people, named)}`,
    })
    .from(outcomes)
    .where(and(eq(outcomes.workspaceId, ws), eq(outcomes.id, sql.placeholder('outcomeId'))))
    .prepare();
});

/**
 * The same parts after a write to the outcome's row and decisions (a decision): those two are
 * read again, in one statement; project, metrics, evidence and people are kept as they were read.
 * Null when the outcome is gone.
 */
export async function rereadDecided(db: Db, parts: OutcomeParts): Promise<OutcomeParts | null> {
  const { id, workspaceId } = parts.outcome;
  const [row] = await decidedStatement(db).all({ workspaceId, id });
  const o = row && decodeRow(outcomes, JSON.parse(row.o) as Record<string, unknown>);
  const rs = row ? decodeRows(reviews, row.reviews) : [];
  if (!o) return null;
  // Someone not read before is named now (another reviewer decided meanwhile): read it all.
  const known = new Set(parts.people.map((p) => p.id));
  if (![o.submitterId, o.ownerId, o.reviewerId, ...rs.map((r) => r.reviewerId)].every((p) => !p || known.has(p))) return readOutcomeParts(db, workspaceId, id);
  return { ...parts, outcome: o, reviews: rs };
}

/** {@link rereadDecided}'s statement, prepared once per database. */
const decidedStatement = perDb((db: Db) =>
  db
    .select({ o: sql<string>`${jsonRowOf(outcomes)}`, reviews: sql<string>`${jsonRowsOf(reviews, eq(reviews.outcomeId, outcomes.id), asc(reviews.decidedAt))}` })
    .from(outcomes)
    .where(and(eq(outcomes.workspaceId, sql.placeholder('workspaceId')), eq(outcomes.id, sql.placeholder('id'))))
    .prepare(),
);

export interface OutcomeListItem {
  id: string;
  title: string;
  status: OutcomeRow['status'];
  round: number;
  projectName: string | null;
  updatedAt: Date;
}

const listColumns = { id: outcomes.id, title: outcomes.title, status: outcomes.status, round: outcomes.round, projectName: projects.name, updatedAt: outcomes.updatedAt, createdAt: outcomes.createdAt };
const toItem = (r: { id: string; title: string; status: OutcomeRow['status']; round: number; projectName: string | null; updatedAt: Date | null; createdAt: Date }): OutcomeListItem => ({
  id: r.id,
  title: r.title,
  status: r.status,
  round: r.round,
  projectName: r.projectName,
  updatedAt: r.updatedAt ?? r.createdAt,
});

/** A member's own outcomes, newest first. */
export async function listMyOutcomes(db: Db, workspaceId: string, personId: string, limit = 20): Promise<OutcomeListItem[]> {
  const rows = await db
    .select(listColumns)
    .from(outcomes)
    .leftJoin(projects, eq(projects.id, outcomes.projectId))
    .where(and(eq(outcomes.workspaceId, workspaceId), eq(outcomes.submitterId, personId)))
    .orderBy(desc(outcomes.createdAt))
    .limit(limit);
  return rows.map(toItem);
}

/** What awaits this person's decision: outcomes assigned to them, and stage 2 when they are PMO. */
export async function listAwaitingReview(db: Db, workspaceId: string, personId: string, isPmo: boolean, limit = 20): Promise<OutcomeListItem[]> {
  const mine = and(eq(outcomes.reviewerId, personId), eq(outcomes.status, 'submitted'));
  const rows = await db
    .select(listColumns)
    .from(outcomes)
    .leftJoin(projects, eq(projects.id, outcomes.projectId))
    .where(and(eq(outcomes.workspaceId, workspaceId), isPmo ? or(mine, and(eq(outcomes.status, 'manager_approved'), ne(outcomes.submitterId, personId))) : mine))
    .orderBy(asc(outcomes.submittedAt))
    .limit(limit);
  return rows.map(toItem);
}

import { and, asc, desc, eq, inArray, ne, or, sql } from 'drizzle-orm';
import { MAX_BOUND_PARAMS, type Db } from '../client.ts';
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
  const named = or(
    sql`${people.id} in (${outcomes.submitterId}, ${outcomes.ownerId}, ${outcomes.reviewerId})`,
    inArray(people.id, db.select({ id: reviews.reviewerId }).from(reviews).where(eq(reviews.outcomeId, outcomeId))),
    ...(also.ids?.length ? [inArray(people.id, also.ids)] : []),
    ...(also.addresses?.length ? [inArray(people.platformUserId, also.addresses.slice(0, MAX_BOUND_PARAMS - 8))] : []),
  )!;
  const [row] = await db.all<{ o: string; project: string; metrics: string; evidence: string; reviews: string; people: string }>(sql`
    select ${jsonRowOf(outcomes)} as o,
      ${jsonRowsOf(projects, eq(projects.id, outcomes.projectId))} as project,
      ${jsonRowsOf(metrics, and(eq(metrics.workspaceId, workspaceId), eq(metrics.outcomeId, outcomes.id))!, asc(metrics.position))} as metrics,
      ${jsonRowsOf(evidence, eq(evidence.outcomeId, outcomes.id), asc(evidence.createdAt))} as evidence,
      ${jsonRowsOf(reviews, eq(reviews.outcomeId, outcomes.id), asc(reviews.decidedAt))} as reviews,
      ${jsonRowsOf(people, and(eq(people.workspaceId, workspaceId), named)!)} as people
    from ${outcomes} where ${outcomes.workspaceId} = ${workspaceId} and ${outcomes.id} = ${outcomeId}`);
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
 * The same parts after a write to the outcome's row and decisions (a decision): those two are
 * read again, in one statement; project, metrics, evidence and people are kept as they were read.
 * Null when the outcome is gone.
 */
export async function rereadDecided(db: Db, parts: OutcomeParts): Promise<OutcomeParts | null> {
  const { id, workspaceId } = parts.outcome;
  const [row] = await db.all<{ o: string; reviews: string }>(sql`
    select ${jsonRowOf(outcomes)} as o, ${jsonRowsOf(reviews, eq(reviews.outcomeId, outcomes.id), asc(reviews.decidedAt))} as reviews
    from ${outcomes} where ${outcomes.workspaceId} = ${workspaceId} and ${outcomes.id} = ${id}`);
  const o = row && decodeRow(outcomes, JSON.parse(row.o) as Record<string, unknown>);
  const rs = row ? decodeRows(reviews, row.reviews) : [];
  if (!o) return null;
  // Someone not read before is named now (another reviewer decided meanwhile): read it all.
  const known = new Set(parts.people.map((p) => p.id));
  if (![o.submitterId, o.ownerId, o.reviewerId, ...rs.map((r) => r.reviewerId)].every((p) => !p || known.has(p))) return readOutcomeParts(db, workspaceId, id);
  return { ...parts, outcome: o, reviews: rs };
}

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

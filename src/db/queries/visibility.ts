import { and, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { outcomes, people } from '../schema/index.ts';

/** Who reads, for the outcome queries: their person id, and whether their role sees the whole workspace. */
export interface Reader {
  personId: string;
  /** PMO and admins see every outcome of their workspace. */
  seesAll: boolean;
}

/** The project and period filters of the portfolio and the export. */
export interface OutcomePeriod {
  project: string | null;
  fromAt: Date | null;
  toAt: Date | null;
}

/**
 * The outcomes a reader may see, as a WHERE condition every outcome query starts from:
 * always their workspace only; PMO and admins everything in it; others their own outcomes
 * (submitted or owned), their direct reports', and the ones assigned to them for review.
 * Reports are a subquery, not a list of ids, so D1's 100-parameter limit never bites.
 *
 * For a reader who sees only some outcomes the condition is `id IN (…)` over a union of index
 * searches (submitter, owner, reviewer, and their reports'), which holds the workspace itself:
 * SQLite then finds the reader's few rows by primary key instead of walking the workspace.
 */
export function visibleOutcomes(workspaceId: string, reader: Reader): SQL {
  const inWorkspace = eq(outcomes.workspaceId, workspaceId);
  if (reader.seesAll) return inWorkspace;
  const me = reader.personId;
  const reports = sql`(select ${people.id} from ${people} where ${people.managerId} = ${me} and ${people.workspaceId} = ${workspaceId})`;
  const ids = (who: SQL) => sql`select ${outcomes.id} from ${outcomes} where ${outcomes.workspaceId} = ${workspaceId} and ${who}`;
  return sql`${outcomes.id} in (${ids(sql`${outcomes.submitterId} = ${me}`)} union ${ids(sql`${outcomes.ownerId} = ${me}`)} union ${ids(sql`${outcomes.reviewerId} = ${me}`)} union ${ids(sql`${outcomes.submitterId} in ${reports}`)} union ${ids(sql`${outcomes.ownerId} in ${reports}`)})`;
}

/**
 * An outcome status condition beside {@link visibleOutcomes}: for a reader who sees only some
 * outcomes the unary + (a no-op on the value) keeps SQLite from walking every workspace's
 * outcomes of that status by the status index instead of the reader's few.
 */
export function statusIs(reader: Reader, status: (typeof outcomes.$inferSelect)['status']): SQL {
  return reader.seesAll ? eq(outcomes.status, status) : sql`+${outcomes.status} = ${status}`;
}

/** SQL for the project and period filters (the status filter is applied by the caller). */
export function periodAndProject(f: OutcomePeriod): SQL | undefined {
  // The period is when the outcome was submitted (created, for drafts).
  const when = sql`coalesce(${outcomes.submittedAt}, ${outcomes.createdAt})`;
  return and(
    f.project ? eq(outcomes.projectId, f.project) : undefined,
    f.fromAt ? gte(when, f.fromAt.getTime()) : undefined,
    f.toAt ? lt(when, f.toAt.getTime()) : undefined,
  );
}

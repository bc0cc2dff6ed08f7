import { and, asc, desc, eq, isNotNull, isNull, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { OutcomeStatus } from '../../domain/types.ts';
import type { Db } from '../client.ts';
import { outcomes, people, projects } from '../schema/index.ts';
import { periodAndProject, statusIs, visibleOutcomes, type OutcomePeriod, type Reader } from './visibility.ts';

/** The sorts of the outcome list; each walks one index (workspace_id, key, id), id breaking ties. */
export const LIST_SORTS = ['newest', 'attainment', 'title'] as const;
export type ListSort = (typeof LIST_SORTS)[number];

/**
 * Where the next page starts: the last row's sort value and id. Attainment pages walk the
 * measured outcomes first (highest first), then the unmeasured ones (`value` null).
 */
export interface ListCursor {
  value: string | number | null;
  id: string;
}

export type ListFilter = OutcomePeriod & { status: OutcomeStatus | null };

const COLUMNS = {
  id: outcomes.id,
  title: outcomes.title,
  status: outcomes.status,
  projectName: projects.name,
  indicatorClass: outcomes.indicatorClass,
  submitterName: people.name,
  submitterAddress: people.platformUserId,
  updatedAt: outcomes.updatedAt,
  createdAt: outcomes.createdAt,
  attainment: outcomes.attainment,
};

type Row = { id: string; title: string; createdAt: Date; attainment: number | null };

/** The sort value a cursor carries for a row. */
export function cursorValue(sort: ListSort, row: Row): string | number | null {
  return sort === 'newest' ? row.createdAt.getTime() : sort === 'title' ? row.title : row.attainment;
}

/**
 * One page of the outcomes the reader may see under the filters, by keyset (no OFFSET: a deep
 * page costs what the first does). Returns `limit` rows and whether more follow.
 */
export async function listOutcomePage(db: Db, workspaceId: string, reader: Reader, f: ListFilter, sort: ListSort, after: ListCursor | null, limit: number) {
  // A reader who sees only some outcomes: their few are found by the submitter / owner / reviewer
  // indexes and sorted after; walking a sort index would visit the whole workspace. The unary +
  // (a no-op on any value) tells SQLite not to use the sort index for these terms.
  const k = (col: AnyColumn) => (reader.seesAll ? sql`${col}` : sql`+${col}`);
  const createdAt = k(outcomes.createdAt);
  const title = k(outcomes.title);
  const attainment = k(outcomes.attainment);
  const id = k(outcomes.id);
  const base = and(visibleOutcomes(workspaceId, reader), periodAndProject(f), f.status ? statusIs(reader, f.status) : undefined);
  const page = (where: SQL | undefined, order: SQL[], n: number) =>
    db.select(COLUMNS).from(outcomes).leftJoin(projects, eq(projects.id, outcomes.projectId)).innerJoin(people, eq(people.id, outcomes.submitterId)).where(and(base, where)).orderBy(...order).limit(n);
  let rows;
  if (sort === 'newest') {
    rows = await page(after ? sql`(${createdAt}, ${id}) < (${Number(after.value)}, ${after.id})` : undefined, [desc(createdAt), desc(id)], limit + 1);
  } else if (sort === 'title') {
    rows = await page(after ? sql`(${title}, ${id}) > (${String(after.value)}, ${after.id})` : undefined, [asc(title), asc(id)], limit + 1);
  } else {
    // Measured outcomes, highest first, then the unmeasured ones by id: two index ranges.
    const measured =
      after && after.value === null
        ? []
        : await page(and(isNotNull(outcomes.attainment), after ? sql`(${attainment}, ${id}) < (${Number(after.value)}, ${after.id})` : undefined), [desc(attainment), desc(id)], limit + 1);
    const rest = measured.length > limit ? [] : await page(and(isNull(outcomes.attainment), after && after.value === null ? sql`${id} < ${after.id}` : undefined), [desc(id)], limit + 1 - measured.length);
    rows = [...measured, ...rest];
  }
  return { rows: rows.slice(0, limit), more: rows.length > limit };
}

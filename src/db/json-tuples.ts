import { sql, type Column, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Db } from './client.ts';
import { exactReal, fromJson, isReal } from './json-rows.ts';

/**
 * Many rows of picked columns in ONE value: each row is a `json_array(v1, v2, …)` of the
 * columns (of any joined tables), the rows are joined into one JSON text by SQLite, and the
 * text is parsed once by the runtime and decoded with the columns' own drizzle mappers. The
 * compact cousin of json-rows.ts (objects of whole rows, for one card's read), for bulk reads
 * such as the export: the driver hands over one string per page instead of building an
 * object per row and column (that was most of the export's time, bench/scale.ts).
 */

/** One row's columns, in the given order (pass the same object to {@link readTuples}). */
export const jsonTupleOf = (fields: Record<string, Column>): SQL => sql`json_array(${sql.join(Object.values(fields).map((c) => (isReal(c) ? exactReal(c) : c)), sql`, `)})`;

/**
 * The rows of `query` decoded as `R`: `query` selects one column `j` (a {@link jsonTupleOf}
 * of `fields`) and its ORDER BY is kept (SQLite does not flatten an ordered subquery into an
 * aggregate, so group_concat sees the rows in that order, as json-rows.ts relies on too).
 * NULLs stay null; other values go through the column's mapper (timestamps become Dates);
 * REALs travel as 17-digit text (see exactReal in json-rows.ts).
 */
export async function readTuples<R>(db: Db, fields: { [K in keyof R]: Column }, query: SQLWrapper): Promise<R[]> {
  const [row] = await db.all<{ rows: string | null }>(sql`select '[' || group_concat(j, ',') || ']' as rows from (${query})`);
  if (!row?.rows) return [];
  const keys = Object.keys(fields);
  const columns = Object.values<Column>(fields);
  return (JSON.parse(row.rows) as unknown[][]).map((tuple) => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const v = tuple[i];
      out[keys[i]!] = v === null || v === undefined ? null : fromJson(columns[i]!, v);
    }
    return out as R;
  });
}

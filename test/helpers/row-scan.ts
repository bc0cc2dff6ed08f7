/** Every row of every table, for tests that check what a change wrote (e.g. that anonymous answers name no one). */
import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';

/** Each table's rows (rowid included), as JSON text. */
export async function everyRow(db: Db): Promise<Map<string, Set<string>>> {
  // Virtual tables (the knowledge-base index, which holds copies of the texts) are read too;
  // their shadow tables are FTS5's internal encoding (some without a rowid) and are skipped.
  const tables = await db.all<{ name: string }>(
    sql`select name from pragma_table_list where schema = 'main' and type in ('table', 'virtual') and name not like 'sqlite%' and name not like '\\_%' escape '\\'`,
  );
  const out = new Map<string, Set<string>>();
  for (const { name } of tables) out.set(name, new Set((await db.all(sql.raw(`select rowid as _rowid, * from "${name}"`))).map((r) => JSON.stringify(r))));
  return out;
}

/** Rows in `after` that were not in `before` (new or changed), as "table: row". */
export function rowsWritten(before: Map<string, Set<string>>, after: Map<string, Set<string>>): string[] {
  const added: string[] = [];
  for (const [table, rows] of after) for (const r of rows) if (!before.get(table)?.has(r)) added.push(`${table}: ${r}`);
  return added;
}

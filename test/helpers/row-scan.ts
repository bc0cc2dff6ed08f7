/** Every row of every table, for tests that check what a change wrote (e.g. that anonymous answers name no one). */
import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';

/** Each table's rows (rowid included), as JSON text. */
export async function everyRow(db: Db): Promise<Map<string, Set<string>>> {
  const tables = await db.all<{ name: string }>(sql`select name from sqlite_master where type = 'table' and name not like 'sqlite%' and name not like '\\_%' escape '\\'`);
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

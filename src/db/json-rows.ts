import { getTableColumns, getTableName, sql, type Column, type SQL } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';

/**
 * Rows of several tables in ONE statement: each table's rows are selected as a JSON array
 * of `json_object(column, value, …)` (SQLite's JSON1, on libsql and D1 alike) and decoded
 * back with the columns' own drizzle mappers (timestamps, JSON, enums), so callers get the
 * same row objects as `db.select().from(table)`. On the embedded database every statement
 * costs a round through the native driver (≈ 0.1 ms here, bench/ack.ts), and a batch adds
 * BEGIN and COMMIT: a card's read of seven tables drops from nine statements to one.
 */
export function jsonRowOf(table: SQLiteTable): SQL {
  // Built once per table as text: composing a drizzle chunk per column on every read was
  // most of a card read's CPU (bench/ack.ts). The text is what drizzle renders for columns
  // in a template, `"table"."column"` (tables are never aliased here).
  let text = jsonObjects.get(table);
  if (!text) {
    const name = quoted(getTableName(table));
    text = `json_object(${Object.values(getTableColumns(table))
      .map((c) => `'${c.name}', ${isReal(c) ? exactRealText(`${name}.${quoted(c.name)}`) : `${name}.${quoted(c.name)}`}`)
      .join(', ')})`;
    jsonObjects.set(table, text);
  }
  return sql.raw(text);
}

const jsonObjects = new WeakMap<SQLiteTable, string>();

/**
 * A REAL column as text that reads back to the same double, for JSON built by SQLite: its JSON
 * (and its cast to text) writes 15 significant digits, so 0.1 + 0.2 came back as 0.3 and a
 * reading just past its target as on it. 17 digits round-trip; NULL stays NULL.
 * {@link fromJson} turns it back.
 */
export const exactReal = (column: Column): SQL => sql`CASE WHEN ${column} IS NULL THEN NULL ELSE printf('%!.17g', ${column}) END`;
/** The same as text, for {@link jsonRowOf}'s text built once per table. */
const exactRealText = (expr: string) => `CASE WHEN ${expr} IS NULL THEN NULL ELSE printf('%!.17g', ${expr}) END`;

/** Whether a column is a REAL (sent as {@link exactReal} text). */
export const isReal = (column: Column) => column.columnType === 'SQLiteReal';

/** A value read from JSON made here, through its column's mapper (a REAL from its exact text). */
export const fromJson = (column: Column, v: unknown): unknown => column.mapFromDriverValue(isReal(column) ? Number(v) : v);
const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The JSON array of `table`'s rows that a subquery `from`/`where` selects, oldest `orderBy` first. */
export function jsonRowsOf(table: SQLiteTable, where: SQL, orderBy?: SQL): SQL {
  return sql`(select coalesce(json_group_array(json(j)), '[]') from (select ${jsonRowOf(table)} as j from ${table} where ${where}${orderBy ? sql` order by ${orderBy}` : sql``}))`;
}

/** A table's columns as decodeRow reads them, listed once per table (rows are decoded by the thousand on some pages). */
const decodeColumns = new WeakMap<SQLiteTable, [key: string, col: Column][]>();
const columnsOf = (table: SQLiteTable) => decodeColumns.get(table) ?? decodeColumns.set(table, Object.entries(getTableColumns(table))).get(table)!;

/** Decodes one JSON object made by {@link jsonRowOf} into the table's row shape. */
export function decodeRow<T extends SQLiteTable>(table: T, obj: Record<string, unknown>): T['$inferSelect'] {
  const out: Record<string, unknown> = {};
  for (const [key, col] of columnsOf(table)) {
    const v = obj[col.name];
    out[key] = v === null || v === undefined ? null : fromJson(col, v);
  }
  return out as T['$inferSelect'];
}

/** Decodes a JSON array made by {@link jsonRowsOf}. */
export function decodeRows<T extends SQLiteTable>(table: T, json: unknown): T['$inferSelect'][] {
  const list = typeof json === 'string' ? (JSON.parse(json) as Record<string, unknown>[]) : [];
  return list.map((o) => decodeRow(table, o));
}

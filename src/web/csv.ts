/** CSV as spreadsheet programs read it: UTF-8 with a BOM, CRLF, RFC 4180 quoting. */

export type Cell = string | number | null | undefined;

/** Text cells starting like a formula are prefixed with ' so a spreadsheet shows, not runs, them. */
const FORMULA = /^[=+\-@\t\r]/;

/** One cell: numbers as they are, text defused and quoted when it holds a comma, quote or newline. */
export function csvCell(value: Cell, { text = true }: { text?: boolean } = {}): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const s = text && FORMULA.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The whole document: BOM, header row, rows, CRLF line ends (also after the last row). */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return `\uFEFF${[header, ...rows].map((r) => r.map((c) => csvCell(c)).join(',')).join('\r\n')}\r\n`;
}

/** The same document as {@link toCsv}, written page by page as the reader takes it. */
export async function* csvChunks(header: readonly string[], pages: AsyncIterable<readonly (readonly Cell[])[]>): AsyncGenerator<Uint8Array> {
  const enc = new TextEncoder();
  const line = (r: readonly Cell[]) => `${r.map((c) => csvCell(c)).join(',')}\r\n`;
  yield enc.encode(`\uFEFF${line(header)}`);
  for await (const rows of pages) yield enc.encode(rows.map(line).join(''));
}

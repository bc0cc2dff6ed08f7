import { parseCsv } from './csv-parse.ts';
import { bearerHeader } from './http-json.ts';
import { limitedFetch } from './limited-fetch.ts';
import { dailyKey, type Pulled } from './pulled.ts';
import { PullError } from './pull-error.ts';
import type { PullOptions } from './types.ts';
import { numberFrom, timeFrom } from './values.ts';

export interface CsvConfig {
  url: string;
  valueColumn: string;
  timeColumn?: string;
}

/** Most rows one pull stores (the last ones): a long history is imported over the API. */
export const CSV_MAX_ROWS = 5_000;

function column(header: string[], name: string): number {
  const i = header.findIndex((h) => h.trim() === name);
  if (i < 0) throw new PullError(`the CSV has no column "${name}" (columns: ${header.slice(0, 8).join(', ').slice(0, 120)})`);
  return i;
}

/**
 * Reads a CSV with a header row. With a time column every row is a reading keyed by its time
 * (re-reading the file stores only new rows); without, the last row is read at fetch time.
 * Rows whose value cell is empty are skipped; any other non-number fails the pull.
 */
export async function pullCsv(c: CsvConfig, bearer: string | null, opts: PullOptions): Promise<Pulled[]> {
  const { body } = await limitedFetch(c.url, opts, { accept: 'text/csv, text/plain', ...bearerHeader(bearer) });
  const [header, ...rows] = parseCsv(body);
  if (!header) throw new PullError('the CSV is empty');
  const vi = column(header, c.valueColumn);
  const ti = c.timeColumn ? column(header, c.timeColumn) : -1;
  const filled = rows.map((cells, n) => ({ cells, line: n + 2 })).filter((r) => (r.cells[vi] ?? '').trim() !== '');
  if (!filled.length) throw new PullError(`the CSV has no values in column "${c.valueColumn}"`);
  if (ti < 0) {
    const last = filled.at(-1)!;
    const value = numberFrom(last.cells[vi], `row ${last.line}, column "${c.valueColumn}"`);
    const now = opts.clock.now();
    return [{ value, measuredAt: now, key: dailyKey(now, value) }];
  }
  return filled.slice(-CSV_MAX_ROWS).map(({ cells, line }) => {
    const measuredAt = timeFrom(cells[ti], `row ${line}, column "${c.timeColumn}"`);
    return { value: numberFrom(cells[vi], `row ${line}, column "${c.valueColumn}"`), measuredAt, key: measuredAt.toISOString() };
  });
}

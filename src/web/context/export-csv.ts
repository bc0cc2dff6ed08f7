import type { Context } from 'hono';
import { toCsv } from '../csv.ts';
import type { WebEnv } from '../env.ts';
import { loadExportRows } from '../queries/export.ts';
import { parseFilters } from '../queries/filters.ts';
import { kitOf } from './render.ts';

/** GET …/export.csv (page and API alike): the viewer's outcomes under the portfolio filters, as a CSV download. */
export async function exportCsv(c: Context<WebEnv>): Promise<Response> {
  const kit = kitOf(c);
  const { deps, viewer } = c.var;
  const f = parseFilters((n) => c.req.query(n), viewer.timeZone);
  const { header, rows } = await loadExportRows(deps.db, viewer, f, kit);
  return c.body(toCsv(header, rows), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="outcomes-${kit.date(deps.clock.now())}.csv"` });
}

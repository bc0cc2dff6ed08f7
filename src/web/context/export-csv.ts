import type { Context } from 'hono';
import { csvChunks } from '../csv.ts';
import type { WebEnv } from '../env.ts';
import { exportHeader, exportRows } from '../queries/export.ts';
import { parseFilters } from '../queries/filters.ts';
import { xlsxChunks } from '../xlsx.ts';
import { byteStream } from '../zip-stream.ts';
import { kitOf } from './render.ts';

type Format = 'csv' | 'xlsx';

const TYPES: Record<Format, string> = { csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };

/**
 * GET …/export.csv and …/export.xlsx (page and API alike): the viewer's outcomes under the
 * portfolio filters, streamed as a download page by page (memory stays bounded at any size).
 * The filters are checked before the first byte, so a bad one is still a 400.
 */
function exportAs(format: Format) {
  return (c: Context<WebEnv>): Response => {
    const kit = kitOf(c);
    const { deps, viewer } = c.var;
    const f = parseFilters((n) => c.req.query(n), viewer.timeZone);
    const pages = exportRows(deps.db, viewer, f, kit);
    const header = exportHeader(kit);
    const now = deps.clock.now();
    const chunks = format === 'csv' ? csvChunks(header, pages) : xlsxChunks(kit.t('web.nav.portfolio'), header, pages, now);
    return c.body(byteStream(chunks), 200, { 'content-type': TYPES[format], 'content-disposition': `attachment; filename="outcomes-${kit.date(now)}.${format}"` });
  };
}

/** GET …/export.csv */
export const exportCsv = exportAs('csv');
/** GET …/export.xlsx: the same columns and access rules as the CSV. */
export const exportXlsx = exportAs('xlsx');

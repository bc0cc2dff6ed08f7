/**
 * A one-sheet .xlsx (Office Open XML SpreadsheetML) written as a stream: the sheet's rows are
 * XML produced page by page into a deflated ZIP entry (zip-stream.ts). Text is inline strings,
 * so no shared-string table has to be built first; numbers are numbers. A text cell is never a
 * formula in SpreadsheetML, so text needs no defusing (unlike CSV).
 */
import type { Cell } from './csv.ts';
import { zipChunks } from './zip-stream.ts';

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006';
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

// XML 1.0 allows tab, LF, CR and U+0020 on (minus surrogates and U+FFFE/FFFF): others are dropped.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const MARKUP = /[&<>"]/g;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
// The markup in one pass, and none for a text without any (most cells of an export).
const escape = (s: string) => {
  const kept = s.replace(NOT_XML, '');
  return kept.search(MARKUP) < 0 ? kept : kept.replace(MARKUP, (c) => ENTITY[c]!);
};

/** One cell's XML: empty for no value, a number, or an inline string keeping its spaces. */
export function xlsxCell(value: Cell): string {
  if (value === null || value === undefined || value === '') return '<c/>';
  if (typeof value === 'number') return Number.isFinite(value) ? `<c><v>${value}</v></c>` : '<c/>';
  return `<c t="inlineStr"><is><t xml:space="preserve">${escape(value)}</t></is></c>`;
}

const row = (cells: readonly Cell[]) => `<row>${cells.map(xlsxCell).join('')}</row>`;

async function* sheet(header: readonly string[], pages: AsyncIterable<readonly (readonly Cell[])[]>): AsyncGenerator<Uint8Array> {
  const enc = new TextEncoder();
  yield enc.encode(`${XML}<worksheet xmlns="${NS}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" state="frozen"/></sheetView></sheetViews><sheetData>${row(header)}`);
  for await (const rows of pages) yield enc.encode(rows.map(row).join(''));
  yield enc.encode('</sheetData></worksheet>');
}

async function* text(s: string): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(s);
}

/** The workbook's bytes: one sheet named `sheetName`, a header row (frozen) and the rows of every page. */
export function xlsxChunks(sheetName: string, header: readonly string[], pages: AsyncIterable<readonly (readonly Cell[])[]>, modified: Date): AsyncGenerator<Uint8Array> {
  const name = escape(sheetName.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31));
  return zipChunks(
    [
      {
        name: '[Content_Types].xml',
        data: text(
          `${XML}<Types xmlns="${PKG}/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
        ),
      },
      { name: '_rels/.rels', data: text(`${XML}<Relationships xmlns="${PKG}/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`) },
      { name: 'xl/workbook.xml', data: text(`${XML}<workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="${name}" sheetId="1" r:id="rId1"/></sheets></workbook>`) },
      { name: 'xl/_rels/workbook.xml.rels', data: text(`${XML}<Relationships xmlns="${PKG}/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`) },
      { name: 'xl/worksheets/sheet1.xml', data: sheet(header, pages) },
    ],
    modified,
  );
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metrics, outcomes } from '../../../src/db/schema/index.ts';
import { loadViewer } from '../../../src/web/context/viewer.ts';
import { csvCell, toCsv, type Cell } from '../../../src/web/csv.ts';
import { exportRows } from '../../../src/web/queries/export.ts';
import { createKit } from '../../../src/web/render/kit.ts';
import { NOW, O, P, W, XSS_TITLE } from '../../fixtures/web/world.ts';
import { webHarness, type WebHarness } from './harness.ts';

let h: WebHarness;
beforeAll(async () => {
  h = await webHarness();
});
afterAll(() => h.close());

/** A small RFC 4180 reader, to check the export parses back to the same cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += ch;
  }
  return rows;
}

describe('CSV export', () => {
  it('is UTF-8 with a BOM, an attachment, CRLF rows and the header row', async () => {
    const res = await (await h.as(W.a, P.pmo)).get('/app/export.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="outcomes-2026-11-23.csv"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual([
      'Outcome ID', 'Title', 'Project', 'Indicator class', 'Status', 'Round', 'Submitted by', 'Owner', 'Submitted at', 'Verified at', 'Due / go-live',
      'Metric', 'Unit', 'Direction', 'Baseline', 'Target', 'Actual', 'Change %', 'Progress %', 'Cost', 'Benefit', 'ROI %', 'Decisions', 'Impact (mean)', 'Difficulty (mean)', 'Innovation (mean)', 'Review trail',
    ]);
    expect(rows.every((r) => r.length === rows[0]!.length)).toBe(true);
    expect(rows.slice(1).map((r) => r[0]).sort()).toEqual([O.member, O.other, O.peer].sort());
  });

  it('writes metrics, ROI, mean scores and the review trail, quoting commas and quotes', async () => {
    const rows = parseCsv(new TextDecoder().decode((await (await (await h.as(W.a, P.member)).get('/app/export.csv')).arrayBuffer()).slice(3)));
    const header = rows[0]!;
    const row = Object.fromEntries(header.map((k, i) => [k, rows[1]![i]]));
    expect(rows).toHaveLength(2);
    expect(row).toMatchObject({
      Title: XSS_TITLE,
      Project: 'Support',
      Status: 'Verified',
      Metric: 'Waiting time',
      Baseline: '45',
      Target: '28',
      Actual: '32',
      'Change %': '-28.9',
      'Progress %': '76.5',
      Cost: '100',
      Benefit: '250',
      'ROI %': '150',
      Decisions: '2',
      'Impact (mean)': '4.5',
    });
    expect(row['Review trail']).toContain('PMO review: Approve (Pat PMO) — Verified, "quoted", with, commas');
  });

  it('in Chinese for a Chinese reader, with Chinese text intact', async () => {
    const text = new TextDecoder().decode((await (await (await h.as(W.b, P.bAdmin)).get('/app/export.csv')).arrayBuffer()).slice(3));
    expect(text.split('\r\n')[0]!.startsWith('成果 ID,标题,项目,指标类型,状态')).toBe(true);
    expect(text).toContain('乙公司的成果');
    expect(text).toContain('拣货时间');
  });

  it('honours the portfolio filters, and refuses a bad one', async () => {
    const c = await h.as(W.a, P.pmo);
    const text = await (await c.get('/app/export.csv?status=submitted')).text();
    expect(text).toContain(O.peer);
    expect(text).not.toContain(O.member);
    expect((await c.get('/api/export.csv?from=yesterday')).status).toBe(400);
  });
});

describe('export pages', () => {
  let paged: WebHarness;
  beforeAll(async () => {
    paged = await webHarness();
    const at = new Date('2099-01-01T00:00:00Z'); // after the world's outcomes, created at the test's run
    const base = { workspaceId: W.a, round: 1, status: 'submitted' as const, submitterId: P.member, ownerId: P.member };
    // Seven outcomes created at one instant (ties broken by id, newest id first), one a day later, one with three metrics.
    await paged.deps.db.insert(outcomes).values([
      ...['t-3', 't-7', 't-1', 't-5', 't-2', 't-6', 't-4'].map((id) => ({ ...base, id, title: `Tie ${id}`, createdAt: at })),
      { ...base, id: 't-later', title: 'Later', createdAt: new Date(at.getTime() + 86_400_000) },
    ]);
    await paged.deps.db.insert(metrics).values(
      [2, 0, 1].map((position) => ({ id: `tm-${position}`, workspaceId: W.a, outcomeId: 't-5', position, name: `Metric ${position}`, direction: 'increase' as const, baseline: 0, target: 10 })),
    );
  });
  afterAll(() => paged.close());

  const rowsWith = async (pageSize: number | undefined): Promise<Cell[][]> => {
    const v = (await loadViewer(paged.deps.db, { workspaceId: W.a, personId: P.pmo, via: 'slack', exp: NOW.getTime() + 1000 }))!;
    const out: Cell[][] = [];
    for await (const page of exportRows(paged.deps.db, v, { project: null, status: null, from: null, to: null, fromAt: null, toAt: null }, createKit('en', 'UTC'), pageSize)) out.push(...page);
    return out;
  };

  it('writes every outcome once, newest first, ties by id, metrics in position order, whatever the page size', async () => {
    const whole = await rowsWith(undefined);
    const ids = whole.map((r) => r[0]);
    expect(ids.slice(0, 10)).toEqual(['t-later', 't-7', 't-6', 't-5', 't-5', 't-5', 't-4', 't-3', 't-2', 't-1']);
    expect(whole.filter((r) => r[0] === 't-5').map((r) => r[11])).toEqual(['Metric 0', 'Metric 1', 'Metric 2']);
    expect(new Set(ids)).toEqual(new Set(['t-later', 't-7', 't-6', 't-5', 't-4', 't-3', 't-2', 't-1', O.member, O.peer, O.other]));
    // A page boundary inside the tie, and between an outcome's metrics' rows: the same rows.
    for (const size of [1, 2, 3]) expect(await rowsWith(size)).toEqual(whole);
  });
});

describe('csv cells', () => {
  it('quotes commas, quotes and newlines; defuses formulas in text; leaves numbers', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell(-28.9)).toBe('-28.9');
    expect(csvCell(null)).toBe('');
    expect(toCsv(['a', 'b'], [[1, 'x']])).toBe('\uFEFFa,b\r\n1,x\r\n');
  });
});

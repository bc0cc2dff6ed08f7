import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { d1Db } from '../../src/db/d1.ts';
import { readExportPage } from '../../src/db/queries/export.ts';
import { metrics, outcomes, people, reviews, workspaces } from '../../src/db/schema/index.ts';
import { defaultSettings } from '../../src/domain/settings.ts';
import { zipChunks } from '../../src/web/zip-stream.ts';
import { unzip } from '../helpers/unzip.ts';

// The export's page reads (ids as one json_each parameter, rows as one JSON text) and its zip
// writer (gzip's CRC, awaited writes) on D1 and workerd's CompressionStream, as on libsql and Node:
// test/integration/web/export.test.ts is the full story.
const db = d1Db(env.DB);
const WS = 'ws-export-d1';
const F = { project: null, status: null, fromAt: null, toAt: null };

describe('the export inside workerd', () => {
  it('pages outcomes by keyset with their metrics in position order and their reviews oldest first, on D1', async () => {
    await db.insert(workspaces).values({ id: WS, platform: 'slack', externalId: 'T-export-d1', name: 'Export', installedBy: 'UX', settings: defaultSettings('UTC', 'en') });
    await db.insert(people).values({ id: 'xp', workspaceId: WS, platformUserId: 'UX', name: 'Xi' });
    const at = new Date('2026-11-01T00:00:00Z');
    await db.insert(outcomes).values(['x1', 'x2', 'x3'].map((id, i) => ({ id, workspaceId: WS, title: `T ${id}`, status: 'verified' as const, submitterId: 'xp', createdAt: new Date(at.getTime() + i * 1000) })));
    await db.insert(metrics).values([1, 0].map((position) => ({ id: `xm${position}`, workspaceId: WS, outcomeId: 'x2', position, name: `M${position}`, direction: 'increase' as const, baseline: 0, target: 1 })));
    await db.insert(reviews).values(
      (['pmo', 'manager'] as const).map((stage, i) => ({ workspaceId: WS, outcomeId: 'x2', round: 1, stage, reviewerId: 'xp', decision: 'approve' as const, decidedAt: new Date(at.getTime() + (1 - i) * 60_000) })),
    );
    const reader = { personId: 'xp', seesAll: true };
    const first = await readExportPage(db, WS, reader, { ...F, status: null }, null, 2);
    expect(first.list.map((o) => o.id)).toEqual(['x3', 'x2']);
    expect(first.list[0]!.createdAt).toEqual(new Date(at.getTime() + 2000));
    expect(first.ms.map((m) => m.name)).toEqual(['M0', 'M1']);
    expect(first.rs.map((r) => r.stage)).toEqual(['manager', 'pmo']);
    const second = await readExportPage(db, WS, reader, { ...F, status: null }, first.next, 2);
    expect(second.list.map((o) => o.id)).toEqual(['x1']);
    expect(second.next).toBeNull();
  });

  it('zips with the CRC and sizes from workerd’s gzip', async () => {
    async function* parts(): AsyncGenerator<Uint8Array> {
      for (const s of ['<sheet>', 'x'.repeat(100_000), '中文</sheet>']) yield new TextEncoder().encode(s);
    }
    const chunks: Uint8Array[] = [];
    for await (const c of zipChunks([{ name: 'sheet.xml', data: parts() }], new Date('2026-11-23T00:00:00Z'))) chunks.push(c);
    const files = unzip(Buffer.concat(chunks));
    expect(files.get('sheet.xml')!.toString('utf8')).toBe(`<sheet>${'x'.repeat(100_000)}中文</sheet>`);
  });
});

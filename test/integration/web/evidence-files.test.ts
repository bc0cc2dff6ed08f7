import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFolderBlobStore } from '../../../src/blobs/folder-store.ts';
import { evidence, outbox } from '../../../src/db/schema/index.ts';
import { startNodeServer } from '../../../src/entry/node.ts';
import { MAX_EVIDENCE_FILE_BYTES } from '../../../src/domain/file-rules.ts';
import { quietLog } from '../../../src/log.ts';
import { CSV, DOCX, EXE, PDF, PNG } from '../../fixtures/files/samples.ts';
import { cookieFor, O, P, W } from '../../fixtures/web/world.ts';
import { freshDb } from '../../helpers/db.ts';
import { everyRow, rowsWritten } from '../../helpers/row-scan.ts';
import { apiHarness, type ApiHarness } from '../api/api-harness.ts';
import { ORIGIN } from './harness.ts';

/** Every file under `dir`, as paths relative to it. */
async function filesIn(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
}

/** The rows a request wrote, apart from its token's rate-limit counter. */
const written = (before: Awaited<ReturnType<typeof everyRow>>, after: Awaited<ReturnType<typeof everyRow>>) => rowsWritten(before, after).filter((r) => !r.startsWith('api_tokens:'));

const form = (name: string, bytes: Uint8Array, type = 'application/octet-stream') => {
  const f = new FormData();
  f.append('file', new File([bytes], name, { type }));
  return f;
};

describe('evidence files in a folder (BLOB_DIR), on the web and in the API', () => {
  let dir: string;
  let h: ApiHarness;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'outcome-blobs-'));
    h = await apiHarness({}, { blobs: createFolderBlobStore(dir) });
  });
  afterAll(async () => {
    await h.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** A browser posting the outcome page's upload form as `person`. */
  const upload = async (person: string, outcomeId: string, body: FormData, headers: Record<string, string> = { origin: ORIGIN }) => {
    return h.request(`/app/outcomes/${outcomeId}/evidence`, { method: 'POST', cookie: await cookieFor(W.a, person), headers: { 'accept-language': 'en', ...headers }, body });
  };
  /** A raw-body API call (the bytes as they are). */
  const rawPost = (path: string, token: string, body: Uint8Array | string, type = 'application/octet-stream') => h.request(path, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': type, 'accept-language': 'en' }, body });
  const storedOf = (outcomeId: string) => h.deps.db.select().from(evidence).where(and(eq(evidence.outcomeId, outcomeId), eq(evidence.kind, 'image')));

  it('offers the upload form to the submitter only, and uploading stores the file, its row and the card refresh', async () => {
    const mine = await (await (await h.as(W.a, P.member)).get(`/app/outcomes/${O.member}`, { 'accept-language': 'en' })).text();
    expect(mine).toContain('data-testid="evidence-upload"');
    expect(mine).toContain('enctype="multipart/form-data"');
    const pmoPage = await (await (await h.as(W.a, P.pmo)).get(`/app/outcomes/${O.member}`)).text();
    expect(pmoPage).not.toContain('data-testid="evidence-upload"');

    const res = await upload(P.member, O.member, form('chart.png', PNG, 'text/html'));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/app/outcomes/${O.member}?file=added#evidence`);
    const [row] = await storedOf(O.member);
    // The type is the one the bytes prove, not the one the browser declared.
    expect(row).toMatchObject({ workspaceId: W.a, title: 'chart.png', contentType: 'image/png', byteSize: PNG.byteLength, addedBy: P.member });
    expect(row!.blobKey).toMatch(new RegExp(`^${W.a}/${O.member}/[0-9a-f-]{36}$`));
    expect(await filesIn(dir)).toEqual([row!.blobKey]);
    expect(new Uint8Array(await readFile(join(dir, row!.blobKey!)))).toEqual(PNG);
    const notes = await h.deps.db.select().from(outbox).where(eq(outbox.kind, 'evidence_added'));
    expect(notes).toHaveLength(1);
    expect(notes[0]!.payload).toMatchObject({ outcomeId: O.member, round: 1 });

    const after = await (await (await h.as(W.a, P.member)).get(`/app/outcomes/${O.member}?file=added`, { 'accept-language': 'en' })).text();
    expect(after).toContain('data-testid="file-added"');
    expect(after).toContain(`href="${ORIGIN}/app/outcomes/${O.member}/evidence/${row!.id}"`);
  });

  it('is downloaded, as an attachment with nosniff, only by those who see the outcome', async () => {
    const [row] = await storedOf(O.member);
    const url = `/app/outcomes/${O.member}/evidence/${row!.id}`;
    for (const reader of [P.member, P.manager, P.pmo, P.admin]) {
      const res = await (await h.as(W.a, reader)).get(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="chart.png"; filename*=UTF-8''chart.png`);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(PNG);
    }
    // Another member of the workspace, someone in another workspace, a made-up id: all the same 404.
    expect((await (await h.as(W.a, P.other)).get(url)).status).toBe(404);
    expect((await (await h.as(W.b, P.bAdmin)).get(url)).status).toBe(404);
    expect((await (await h.as(W.a, P.member)).get(`/app/outcomes/${O.member}/evidence/nope`)).status).toBe(404);
    expect((await h.request(url, { redirect: 'manual' })).status).toBe(302);
  });

  it('a wrong type, a disguised file, an empty or too large one, another person or a cross-site post: 4xx and nothing written', async () => {
    const before = await everyRow(h.deps.db);
    const files = await filesIn(dir);
    const cases: [Promise<Response>, number, string][] = [
      [upload(P.member, O.member, form('setup.exe', EXE)), 400, 'This type of file is not accepted'],
      [upload(P.member, O.member, form('report.pdf', EXE, 'application/pdf')), 400, 'is not a .pdf file'],
      [upload(P.member, O.member, form('empty.pdf', new Uint8Array())), 400, 'The file is empty'],
      [upload(P.member, O.member, new FormData()), 400, 'Choose a file to upload'],
      [upload(P.member, O.member, form('big.pdf', new Uint8Array(MAX_EVIDENCE_FILE_BYTES + 1).fill(0x25))), 413, 'larger than 10 MB'],
      [upload(P.member, O.member, form('huge.pdf', new Uint8Array(MAX_EVIDENCE_FILE_BYTES + 200_000).fill(0x25))), 413, ''],
      [upload(P.peer, O.member, form('chart.png', PNG)), 403, 'Only the outcome’s submitter or owner'],
      [upload(P.member, O.b, form('chart.png', PNG)), 404, ''],
      [upload(P.member, O.member, form('chart.png', PNG), { origin: 'https://evil.example' }), 403, ''],
    ];
    for (const [pending, status, text] of cases) {
      const res = await pending;
      expect(res.status).toBe(status);
      expect(await res.text()).toContain(text);
    }
    expect(written(before, await everyRow(h.deps.db))).toEqual([]);
    expect(await filesIn(dir)).toEqual(files);
  });

  it('the API takes a raw body or a multipart form with a token holding evidence:write, and serves the file to outcomes:read', async () => {
    const writer = await h.createToken(['evidence:write']);
    const reader = await h.createToken(['outcomes:read']);
    const raw = await rawPost(`/api/v1/outcomes/${O.other}/evidence/files?name=${encodeURIComponent('周报 data.csv')}`, writer, CSV);
    expect(raw.status).toBe(201);
    const created = (await raw.json()) as { id: string; name: string; content_type: string; size: number; evidence_count: number };
    expect(created).toMatchObject({ name: '周报 data.csv', content_type: 'text/csv; charset=utf-8', size: CSV.byteLength, evidence_count: 1 });
    const multipart = await h.request(`/api/v1/outcomes/${O.other}/evidence/files`, { method: 'POST', headers: { authorization: `Bearer ${writer}` }, body: form('plan.docx', DOCX) });
    expect(multipart.status).toBe(201);
    expect(await multipart.json()).toMatchObject({ name: 'plan.docx', evidence_count: 2 });

    const file = await h.api('GET', `/api/v1/outcomes/${O.other}/evidence/${created.id}/file`, { token: reader });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename="__ data.csv"; filename*=UTF-8''${encodeURIComponent('周报 data.csv')}`);
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(CSV);
    // Each scope for its own direction.
    expect((await h.api('GET', `/api/v1/outcomes/${O.other}/evidence/${created.id}/file`, { token: writer })).status).toBe(403);
    expect((await rawPost(`/api/v1/outcomes/${O.other}/evidence/files?name=a.pdf`, reader, PDF)).status).toBe(403);
  });

  it('the API refuses a bad file with the error shape and writes nothing', async () => {
    const writer = await h.createToken(['evidence:write']);
    const before = await everyRow(h.deps.db);
    const files = await filesIn(dir);
    const bad = await rawPost(`/api/v1/outcomes/${O.other}/evidence/files?name=report.pdf`, writer, EXE, 'application/pdf');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'validation_failed', fields: [{ field: 'file', key: 'evidence.file.mismatch' }] });
    const big = await rawPost(`/api/v1/outcomes/${O.other}/evidence/files?name=big.pdf`, writer, new Uint8Array(MAX_EVIDENCE_FILE_BYTES + 1).fill(0x25));
    expect(big.status).toBe(413);
    const nameless = await rawPost(`/api/v1/outcomes/${O.other}/evidence/files`, writer, PDF);
    expect(nameless.status).toBe(400);
    expect(written(before, await everyRow(h.deps.db))).toEqual([]);
    expect(await filesIn(dir)).toEqual(files);
  });

  it('documents both routes in the OpenAPI document', async () => {
    const doc = (await (await h.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>> };
    expect(Object.keys(doc.paths['/v1/outcomes/{id}/evidence/files']!.post!.requestBody!.content)).toEqual(['multipart/form-data', 'application/octet-stream']);
    expect(doc.paths['/v1/outcomes/{id}/evidence/{evidence_id}/file']!.get).toBeDefined();
  });
});

describe('without a file store', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await apiHarness();
  });
  afterAll(() => h.close());

  it('offers no upload (links still work) and refuses one with a clear 404', async () => {
    const page = await (await (await h.as(W.a, P.member)).get(`/app/outcomes/${O.member}`, { 'accept-language': 'en' })).text();
    expect(page).not.toContain('data-testid="evidence-upload"');
    expect(page).toContain('data-testid="evidence"');
    const writer = await h.createToken(['evidence:write']);
    const res = await h.request(`/api/v1/outcomes/${O.member}/evidence/files?name=chart.png`, { method: 'POST', headers: { authorization: `Bearer ${writer}`, 'content-type': 'application/octet-stream', 'accept-language': 'en' }, body: PNG });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'platform_off', message: expect.stringContaining('no file store configured') });
  });
});

describe('BLOB_DIR on the Node entry', () => {
  it('is read once at the start and gives the server a folder store', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'outcome-blob-dir-'));
    const database = await freshDb();
    const server = await startNodeServer({ env: { DATABASE_URL: database.url, BLOB_DIR: dir }, port: 0, hostname: '127.0.0.1', jobIntervalMs: null, log: quietLog });
    try {
      await server.deps.blobs!.put('w/o/k', PDF, 'application/pdf');
      expect(new Uint8Array(await readFile(join(dir, 'w', 'o', 'k')))).toEqual(PDF);
    } finally {
      await server.stop();
      await database.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

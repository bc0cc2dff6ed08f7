import { env } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { displayPrefix, hashToken, newToken } from '../../src/api/auth/token-secret.ts';
import { d1Db } from '../../src/db/d1.ts';
import { apiTokens, evidence, outbox, outcomes, people, workspaces } from '../../src/db/schema/index.ts';
import { defaultSettings } from '../../src/domain/settings.ts';
import { EXE, PNG } from '../fixtures/files/samples.ts';
import './preload-platforms.ts';

const keysInBucket = async () => (await env.EVIDENCE.list()).objects.map((o) => o.key).sort();

describe('evidence files in an R2 bucket inside workerd', () => {
  it('stores an upload in R2 with its row and card refresh in D1, serves it as an attachment, and refuses a disguised file without writing', async () => {
    const db = d1Db(env.DB);
    await db.insert(workspaces).values({ id: 'ws-r2', platform: 'slack', externalId: 'T-r2', name: 'R2', settings: defaultSettings('UTC', 'en') });
    await db.insert(people).values({ id: 'p-r2', workspaceId: 'ws-r2', platformUserId: 'UR2' });
    await db.insert(outcomes).values({ id: 'o-r2', workspaceId: 'ws-r2', title: 'R2', description: 'd', status: 'submitted', submitterId: 'p-r2', round: 1 });
    const token = newToken();
    await db.insert(apiTokens).values({ workspaceId: 'ws-r2', name: 't', tokenHash: await hashToken(token), prefix: displayPrefix(token), scopes: ['evidence:write', 'outcomes:read'], rateLimit: 100 });
    const call = (path: string, init: RequestInit = {}) => exports.default.fetch(`http://outcome.test/api/v1${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });

    const res = await call('/outcomes/o-r2/evidence/files?name=burn-down.png', { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: PNG });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const [row] = await db.select().from(evidence).where(eq(evidence.id, id));
    expect(row).toMatchObject({ outcomeId: 'o-r2', kind: 'image', title: 'burn-down.png', contentType: 'image/png', byteSize: PNG.byteLength });
    const object = await env.EVIDENCE.get(row!.blobKey!);
    expect(new Uint8Array(await object!.arrayBuffer())).toEqual(PNG);
    expect(object!.httpMetadata?.contentType).toBe('image/png');
    expect(await db.select({ kind: outbox.kind }).from(outbox).where(eq(outbox.workspaceId, 'ws-r2'))).toEqual([{ kind: 'evidence_added' }]);

    const file = await call(`/outcomes/o-r2/evidence/${id}/file`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="burn-down.png"/);
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(PNG);

    const keys = await keysInBucket();
    const bad = await call('/outcomes/o-r2/evidence/files?name=invoice.pdf', { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: EXE });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'validation_failed', fields: [{ field: 'file', key: 'evidence.file.mismatch' }] });
    expect(await keysInBucket()).toEqual(keys);
    expect(await db.select({ id: evidence.id }).from(evidence).where(eq(evidence.outcomeId, 'o-r2'))).toHaveLength(1);
  });
});

import { eq, like } from 'drizzle-orm';
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { encodeFormAction } from '../../cards/feishu/form-action.ts';
import { cardProblems } from '../../cards/feishu/limits.ts';
import { d1Db } from '../../src/db/d1.ts';
import { outbox, outcomes } from '../../src/db/schema/index.ts';
import worker from '../../src/entry/worker.ts';
import { cardActionBody, signedFeishuRequest } from '../helpers/feishu-sign.ts';
import './preload-platforms.ts';

const KEY = 'workers-encrypt-key';
const TOKEN = 'workers-verification-token';

const form = {
  title: 'Faster invoice approval',
  description: 'Invoices now go straight to the budget owner instead of waiting for the weekly batch.',
  indicator: 'process',
  project_new: 'Finance flow',
  project_golive: '2026-12-01 +0800',
  due: '2026-12-15 +0800',
  m0_name: 'Approval time',
  m0_unit: 'days',
  m0_direction: 'decrease',
  m0_baseline: '9',
  m0_target: '3',
  reviewer: 'ou_workers_boss',
};

function callback(opts: { formValue: Record<string, string>; headers?: Record<string, string> }) {
  const body = cardActionBody({ token: TOKEN, tenantKey: 'tenant_workers', appId: 'cli_workers', openId: 'ou_workers_alice', value: encodeFormAction({ a: 'submit', n: 'wnonce' }), name: 'submit', formValue: opts.formValue, openMessageId: 'om_workers_form' });
  return signedFeishuRequest('https://outcome.test/feishu/cards', { encryptKey: KEY, body, headers: opts.headers });
}

async function fetchWorker(req: Request) {
  const ctx = createExecutionContext();
  const res = await worker.fetch(req, { ...env }, ctx);
  // The runtime reads the response first; deferred work starts after it (src/defer.ts).
  const text = await res.text();
  await waitOnExecutionContext(ctx);
  return new Response(text, res);
}

describe('a Feishu card callback inside workerd', () => {
  it('verifies, decrypts and dispatches through the Lark SDK, stores the outcome in D1 and answers with the summary card', async () => {
    const res = await fetchWorker(callback({ formValue: form }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { toast: { type: string }; card: { type: string; data: Record<string, unknown> } };
    expect(body.toast.type).toBe('success');
    expect(body.card.type).toBe('raw');
    expect(cardProblems(body.card.data)).toEqual([]);
    expect(JSON.stringify(body.card.data)).toContain('Faster invoice approval');

    const db = d1Db(env.DB);
    // Workers test files share one D1 (see vitest.config.ts): look only at what this request wrote.
    // The client key names the form card, its nonce and the clicker (each person's click is their own outcome).
    const [stored] = await db.select().from(outcomes).where(like(outcomes.clientKey, 'om_workers_form:wnonce:%'));
    expect(stored).toMatchObject({ status: 'submitted', title: 'Faster invoice approval' });
    const rows = await db.select().from(outbox).where(eq(outbox.workspaceId, stored!.workspaceId));
    expect(rows.map((r) => r.kind).sort()).toEqual(['approval_request', 'submission_receipt']);

    // The deferred delivery ran through waitUntil: the SDK fetched a tenant token and posted to the fake from workerd.
    const calls = (await (await fetch(`${env.FAKE_CONTROL_URL}/feishu/calls`)).json()) as { method: string; path: string; body?: { uuid?: string } }[];
    expect(calls.some((c) => c.path === '/open-apis/auth/v3/tenant_access_token/internal')).toBe(true);
    const approval = rows.find((r) => r.kind === 'approval_request')!;
    expect(calls.some((c) => c.method === 'POST' && c.path === '/open-apis/im/v1/messages' && c.body?.uuid === approval.id)).toBe(true);
  });

  it('refuses a forged callback with 401 and writes nothing', async () => {
    const db = d1Db(env.DB);
    const before = (await db.select().from(outcomes)).length;
    const res = await fetchWorker(callback({ formValue: { ...form, title: 'Forged' }, headers: { 'x-lark-signature': '0'.repeat(64) } }));
    expect(res.status).toBe(401);
    expect(await db.select().from(outcomes)).toHaveLength(before);
  });
});

import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { outbox, workspaces } from '../../src/db/schema/index.ts';
import { consoleLog, type Log } from '../../src/log.ts';
import type { SlackViewRecord } from '../fakes/fake-slack.ts';
import { testDeps } from '../helpers/db.ts';
import { interactionBody, signedSlackRequest, slashCommandBody } from '../helpers/slack-sign.ts';
import { APP_SECRET, PUBLIC_URL, SECRET, startSlackHarness, TEAM, USERS, type Harness } from './slack/harness.ts';
import { stateOf, submission, validForm } from './slack/payloads.ts';

/** Every line the app logs, as the JSON text written to stdout/stderr. */
function captureLog(): { log: Log; lines: string[]; records: () => Record<string, unknown>[] } {
  const lines: string[] = [];
  const original = { log: console.log, error: console.error };
  // consoleLog itself, writing into the array: the same redaction and shape production writes.
  const log: Log = (level, msg, data) => {
    console.log = console.error = (line: string) => lines.push(line);
    try {
      consoleLog(level, msg, data);
    } finally {
      Object.assign(console, original);
    }
  };
  return { log, lines, records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('request ids and the access log', () => {
  const cap = captureLog();
  let t: Awaited<ReturnType<typeof testDeps>>;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    t = await testDeps({ log: cap.log });
    app = createApp(t.deps);
    // A route using the app's own deferral, as platform handlers do after their ack.
    app.get('/test/defer', (c) => {
      c.var.defer(async () => c.var.deps.log('info', 'deferred work ran'));
      return c.text('ok');
    });
    app.get('/test/defer-fail', (c) => {
      c.var.defer(async () => {
        throw new Error('deferred task broke');
      });
      return c.text('ok');
    });
  });
  afterAll(() => t.close());

  it('gives every request an id, returns it as x-request-id and writes one JSON access line', async () => {
    const res = await app.request('/healthz');
    const id = res.headers.get('x-request-id')!;
    expect(id).toMatch(UUID);
    const access = cap.records().filter((r) => r.msg === 'request' && r.requestId === id);
    expect(access).toEqual([{ t: expect.any(String), level: 'info', msg: 'request', requestId: id, method: 'GET', path: '/healthz', status: 200, ms: expect.any(Number), workspace: null }]);
  });

  it('keeps a sane incoming x-request-id and replaces anything else', async () => {
    expect((await app.request('/healthz', { headers: { 'x-request-id': 'lb-7f3a.2026:01_x' } })).headers.get('x-request-id')).toBe('lb-7f3a.2026:01_x');
    for (const bad of ['has space', 'a"b', 'x'.repeat(129), '{"json":1}', 'é']) {
      const got = (await app.request('/healthz', { headers: { 'x-request-id': bad } })).headers.get('x-request-id');
      expect(got).toMatch(UUID);
    }
  });

  it('logs unknown paths and errors too, with their status, and never the query string', async () => {
    const res = await app.request('/nothing-here?code=abc&state=xyz');
    const id = res.headers.get('x-request-id');
    expect(cap.records().find((r) => r.msg === 'request' && r.requestId === id)).toMatchObject({ path: '/nothing-here', status: 404 });
    expect(cap.lines.join('\n')).not.toContain('code=abc');
  });

  it('carries the request id into deferred work', async () => {
    const res = await app.request('/test/defer', { headers: { 'x-request-id': 'defer-check-1' } });
    expect(await res.text()).toBe('ok');
    await t.drainDeferred();
    expect(cap.records().find((r) => r.msg === 'deferred work ran')).toMatchObject({ requestId: 'defer-check-1' });
  });

  it('logs a deferred task’s failure with the request id', async () => {
    const res = await app.request('/test/defer-fail', { headers: { 'x-request-id': 'defer-fail-1' } });
    expect(await res.text()).toBe('ok');
    await t.drainDeferred();
    const failed = cap.records().filter((r) => r.msg === 'deferred work failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ level: 'error', requestId: 'defer-fail-1', error: expect.stringContaining('deferred task broke') });
  });
});

describe('one Slack submission followed from its request to the messages it caused, with no secret in the log', () => {
  const cap = captureLog();
  const COOKIE = 'outcome_session=cookie-value-that-must-not-be-logged';
  let h: Harness;
  beforeAll(async () => {
    h = await startSlackHarness({ log: cap.log });
  });
  afterAll(() => h.close());

  const signed = (body: string, requestId: string) => {
    const req = signedSlackRequest(`${PUBLIC_URL}/slack/events`, SECRET, body, undefined, { headers: { 'x-request-id': requestId, cookie: COOKIE, authorization: 'Bearer xoxb-test' } });
    return h.send(req);
  };

  it('names the workspace in the access line and writes the request id on each outbox row the submission caused', async () => {
    const opened = await signed(slashCommandBody({ text: '', user_id: USERS.member.id, team_id: TEAM, trigger_id: h.fake.issueTrigger(), response_url: h.fake.respondUrl() }), 'open-modal-1');
    expect(opened.status).toBe(200);
    expect(opened.headers.get('x-request-id')).toBe('open-modal-1');
    const view = (h.fake.callsTo('views.open').at(-1)!.response as { view: SlackViewRecord }).view;

    const submitted = await signed(interactionBody(submission(view, stateOf(validForm()), USERS.member.id)), 'submit-1');
    expect(submitted.status).toBe(200);
    expect(submitted.headers.get('x-request-id')).toBe('submit-1');

    const [ws] = await h.db.select().from(workspaces).where(eq(workspaces.externalId, TEAM));
    expect(cap.records().find((r) => r.msg === 'request' && r.requestId === 'submit-1')).toMatchObject({ method: 'POST', path: '/slack/events', status: 200, workspace: ws!.id });
    // Every message the submission caused (the manager's approval request, the receipt) names its request.
    const rows = await h.db.select().from(outbox);
    expect(rows.map((r) => r.kind)).toContain('approval_request');
    expect(rows.map((r) => r.requestId)).toEqual(rows.map(() => 'submit-1'));
  });

  it('keeps tokens, signing secrets, the app secret and cookies out of every line', async () => {
    // Also what a careless handler might log: headers, a token inside an error text, a query string.
    h.deps.log('error', 'slack call failed', { headers: { cookie: COOKIE, authorization: 'Bearer xoxb-test' }, error: 'invalid_auth for xoxb-test', url: `${PUBLIC_URL}/x?token=${SECRET}`, secret: APP_SECRET });
    const all = cap.lines.join('\n');
    expect(cap.lines.length).toBeGreaterThan(3);
    for (const secret of ['xoxb-test', SECRET, APP_SECRET, 'cookie-value-that-must-not-be-logged']) expect(all).not.toContain(secret);
  });
});

describe('Feishu secrets in log lines', () => {
  it('are removed verbatim, wherever they appear', async () => {
    const cap = captureLog();
    const FEISHU = { FEISHU_APP_ID: 'cli_logtest', FEISHU_APP_SECRET: 'feishu-app-secret-value', FEISHU_ENCRYPT_KEY: 'feishu-encrypt-key-value', FEISHU_VERIFICATION_TOKEN: 'feishu-verification-token', APP_SECRET: 'app-secret-for-the-log-test-0123456789' };
    const t = await testDeps({ env: FEISHU, log: cap.log });
    try {
      t.deps.log('warn', 'feishu request rejected', { body: `{"token":"${FEISHU.FEISHU_VERIFICATION_TOKEN}","encrypt":"..."}`, note: `key ${FEISHU.FEISHU_ENCRYPT_KEY} / ${FEISHU.FEISHU_APP_SECRET}`, app_secret: FEISHU.FEISHU_APP_SECRET });
      const all = cap.lines.join('\n');
      expect(all).toContain('feishu request rejected');
      for (const v of Object.values(FEISHU).slice(1)) expect(all).not.toContain(v);
    } finally {
      await t.close();
    }
  });
});

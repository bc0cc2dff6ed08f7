import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../src/entry/worker.ts';

/**
 * Bolt inside workerd: a signed slash command makes the Worker call views.open on the fake
 * Slack (started by the global setup; SLACK_* bindings point the Worker at it). The control
 * server hands out a trigger id and reports the calls the fake received.
 */
const control = (path: string, init?: RequestInit) => fetch(`${env.FAKE_CONTROL_URL}${path}`, init).then((r) => r.json());

async function sign(body: string, ts: number, secret = env.SLACK_SIGNING_SECRET): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`v0:${ts}:${body}`)));
  return `v0=${[...mac].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

async function slashCommand(triggerId: string, secret?: string): Promise<Response> {
  const body = new URLSearchParams({
    token: 'x', team_id: 'T0001', team_domain: 'workers', channel_id: 'C0001', channel_name: 'general', user_id: 'UWORKER1', user_name: 'wendy',
    command: '/outcome', text: '', response_url: 'https://hooks.slack.com/commands/T0001/1/workers', trigger_id: triggerId, api_app_id: 'A0001',
  }).toString();
  const ts = Math.floor(Date.now() / 1000);
  const request = new Request('https://outcome.test/slack/events', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': await sign(body, ts, secret) },
    body,
  });
  const ctx = createExecutionContext();
  const res = await worker.fetch(request, { ...env }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

type Call = { method: string; body: { trigger_id?: string; view?: { callback_id?: string } }; response?: { ok?: boolean } };

describe('Slack inside workerd', () => {
  it('opens the submit modal for a signed /outcome, Bolt calling the fake Slack', async () => {
    const { trigger_id } = (await control('/slack/trigger', { method: 'POST' })) as { trigger_id: string };
    const res = await slashCommand(trigger_id);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    const opened = ((await control('/slack/calls')) as Call[]).filter((c) => c.method === 'views.open');
    expect(opened.at(-1)).toMatchObject({ body: { trigger_id, view: { callback_id: 'outcome_submit' } }, response: { ok: true } });
  });

  it('refuses a forged signature with a 401 before Bolt sees it', async () => {
    const before = ((await control('/slack/calls')) as Call[]).length;
    const { trigger_id } = (await control('/slack/trigger', { method: 'POST' })) as { trigger_id: string };
    expect((await slashCommand(trigger_id, 'not-the-secret')).status).toBe(401);
    expect(((await control('/slack/calls')) as Call[]).length).toBe(before);
  });
});

import { env } from 'cloudflare:test';

/** The fakes' control server (global-setup.ts): trigger ids, and the calls the fake Slack received. */
export const control = (path: string, init?: RequestInit) => fetch(`${env.FAKE_CONTROL_URL}${path}`, init).then((r) => r.json());

async function sign(body: string, ts: number, secret: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`v0:${ts}:${body}`)));
  return `v0=${[...mac].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** A signed `/outcome` (no text: opens the submit modal) with this trigger id. */
export async function slashCommandRequest(triggerId: string, secret = env.SLACK_SIGNING_SECRET): Promise<Request> {
  const body = new URLSearchParams({
    token: 'x', team_id: 'T0001', team_domain: 'workers', channel_id: 'C0001', channel_name: 'general', user_id: 'UWORKER1', user_name: 'wendy',
    command: '/outcome', text: '', response_url: 'https://hooks.slack.com/commands/T0001/1/workers', trigger_id: triggerId, api_app_id: 'A0001',
  }).toString();
  const ts = Math.floor(Date.now() / 1000);
  return new Request('https://outcome.test/slack/events', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': await sign(body, ts, secret) },
    body,
  });
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { testDeps } from '../helpers/db.ts';

const PUBLIC_URL = 'https://outcome.example.com';

describe('setting up a platform from a server where it is still off', () => {
  let t: Awaited<ReturnType<typeof testDeps>>;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    t = await testDeps({ env: { PUBLIC_URL } });
    app = createApp(t.deps);
  });
  afterAll(() => t.close());

  it('serves the Slack manifest before Slack is configured, built from PUBLIC_URL, with Sign in with Slack', async () => {
    const res = await app.request('/slack/manifest');
    expect(res.status).toBe(200);
    const manifest = await res.json();
    expect(manifest).toMatchObject({
      features: { slash_commands: [{ command: '/outcome', url: `${PUBLIC_URL}/slack/events` }] },
      oauth_config: {
        redirect_urls: [`${PUBLIC_URL}/slack/oauth_redirect`, `${PUBLIC_URL}/auth/slack/callback`],
        scopes: { bot: expect.arrayContaining(['commands', 'chat:write']), user: ['openid', 'profile', 'email'] },
      },
      settings: { event_subscriptions: { request_url: `${PUBLIC_URL}/slack/events` }, interactivity: { request_url: `${PUBLIC_URL}/slack/events` } },
    });
  });

  it('keeps the other Slack routes off, answering with the next steps, the first of which is the manifest', async () => {
    const res = await app.request('/slack/events', { method: 'POST', body: 'x' });
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: string; message: string; setup: string[]; docs: string };
    expect(body).toMatchObject({ error: 'platform_off', message: expect.stringContaining('SLACK_SIGNING_SECRET'), docs: 'README.md#connect-slack' });
    expect(body.setup.join('\n')).toContain(`${PUBLIC_URL}/slack/manifest`);
  });

  it('answers /feishu/* with the Feishu setup steps and this server’s request URLs, not a bare 404', async () => {
    for (const path of ['/feishu/events', '/feishu/cards', '/feishu/anything']) {
      const res = await app.request(path, { method: 'POST', body: '{}' });
      expect(res.status).toBe(404);
      const body = (await res.json()) as { error: string; setup: string[]; docs: string };
      expect(body).toMatchObject({ error: 'platform_off', docs: 'README.md#connect-feishu--lark' });
      const steps = body.setup.join('\n');
      expect(steps).toContain('FEISHU_ENCRYPT_KEY');
      expect(steps).toContain(`Request URL ${PUBLIC_URL}/feishu/events`);
      expect(steps).toContain(`Request URL ${PUBLIC_URL}/feishu/cards`);
    }
  });
});

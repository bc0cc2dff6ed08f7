import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeFeishu, type FakeFeishu } from '../fakes/fake-feishu.ts';
import { startFakeSlack, type FakeSlack } from '../fakes/fake-slack.ts';
import { feishuEventBody, messageReceiveEvent, signedFeishuRequest } from '../helpers/feishu-sign.ts';
import { bothPlatformsEnv } from '../helpers/platform-env.ts';
import { signedSlackRequest, slashCommandBody } from '../helpers/slack-sign.ts';
import { waitForHealth } from '../helpers/wait-for-health.ts';

const ROOT = join(import.meta.dirname, '../..');
const PATH = `${dirname(process.execPath)}:${process.env.PATH}`;


/** Waits until `check` holds (a bound against a hang, not a timing assertion). */
async function eventually(check: () => boolean, ms = 20_000): Promise<void> {
  const started = Date.now();
  while (!check() && Date.now() - started < ms) await new Promise((r) => setTimeout(r, 50));
}

/**
 * `npm start` runs the bundle built from the sources (src/entry/start.mjs). The bundle has
 * both SDKs inside it, loaded lazily: this drives each platform through it, so a bundling
 * mistake (a CommonJS package reading __dirname, a lost dynamic import) fails here.
 */
describe('npm start runs the bundled entry with both platforms', () => {
  let slack: FakeSlack;
  let feishu: FakeFeishu;
  let dir: string;
  let server: ChildProcess;
  let output = '';
  let port: number;
  let env: Record<string, string>;
  beforeAll(async () => {
    slack = await startFakeSlack();
    feishu = await startFakeFeishu();
    dir = await mkdtemp(join(tmpdir(), 'outcome-bundle-'));
    port = 20000 + Math.floor(Math.random() * 20000);
    env = bothPlatformsEnv({ slack: slack.url, feishu: feishu.url });
    server = spawn('npm', ['start', '--silent'], { cwd: ROOT, env: { PATH, HOME: dir, PORT: String(port), DATABASE_URL: `file:${join(dir, 'outcome.db')}`, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    server.stdout!.on('data', (d) => (output += d));
    server.stderr!.on('data', (d) => (output += d));
    expect(await waitForHealth(port, 120_000), output).toBe(200);
  }, 130_000);
  afterAll(async () => {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    await Promise.all([slack.close(), feishu.close()]);
    await rm(dir, { recursive: true, force: true });
  });

  it('serves the bundle, not the TypeScript sources', async () => {
    const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { platforms: unknown };
    expect(health.platforms).toEqual({ slack: true, feishu: true });
    expect(output).not.toContain('starting from the TypeScript sources');
  });

  it('opens the submit modal for a signed /outcome from Slack (Bolt inside the bundle)', async () => {
    const trigger = slack.issueTrigger();
    const req = signedSlackRequest(`http://127.0.0.1:${port}/slack/events`, env.SLACK_SIGNING_SECRET!, slashCommandBody({ trigger_id: trigger }));
    const res = await fetch(req);
    expect(res.status).toBe(200);
    await eventually(() => slack.callsTo('views.open').length > 0);
    expect(slack.callsTo('views.open'), output).toHaveLength(1);
  });

  it('answers a signed, encrypted Feishu message with a card (the Lark SDK inside the bundle)', async () => {
    const body = feishuEventBody('im.message.receive_v1', messageReceiveEvent({ text: '/outcome help' }), { token: env.FEISHU_VERIFICATION_TOKEN });
    const res = await fetch(signedFeishuRequest(`http://127.0.0.1:${port}/feishu/events`, { encryptKey: env.FEISHU_ENCRYPT_KEY!, body }));
    expect(res.status).toBe(200);
    await eventually(() => feishu.callsTo(/\/open-apis\/im\/v1\/messages/).length > 0);
    expect(feishu.callsTo(/\/open-apis\/im\/v1\/messages/).length, output).toBeGreaterThan(0);
  });
});

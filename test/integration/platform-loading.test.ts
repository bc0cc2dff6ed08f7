import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

/**
 * In a fresh Node process, as `npm start` runs it: starts the server with `env`, answers one
 * /healthz, waits for the platform modules the app began loading, and reports which SDKs
 * are in the module cache (both SDKs are CommonJS, so every module they load is listed there).
 */
const PROBE = `
import { createRequire } from 'node:module';
const { startNodeServer } = await import(${JSON.stringify(join(ROOT, 'src/entry/node.ts'))});
const server = await startNodeServer({ env: JSON.parse(process.env.PROBE_ENV), port: 0, jobIntervalMs: null, log: () => {}, hostname: '127.0.0.1' });
const health = await fetch(server.url + '/healthz').then((r) => r.json());
for (const p of ['slack', 'feishu']) await fetch(server.url + '/' + p + '/nothing', { method: 'POST' });
const loaded = Object.keys(createRequire(import.meta.url).cache);
await server.stop();
console.log(JSON.stringify({ platforms: health.platforms, bolt: loaded.some((f) => f.includes('/@slack/bolt/')), lark: loaded.some((f) => f.includes('/@larksuiteoapi/node-sdk/')) }));
`;

async function probe(env: Record<string, string>): Promise<{ platforms: { slack: boolean; feishu: boolean }; bolt: boolean; lark: boolean }> {
  const child = spawn(process.execPath, ['--experimental-strip-types', '--disable-warning=ExperimentalWarning', '--input-type=module', '-e', PROBE], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, PROBE_ENV: JSON.stringify(env) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const code = await new Promise((resolve) => child.on('exit', resolve));
  expect(code, err).toBe(0);
  return JSON.parse(out.trim().split('\n').pop()!);
}

const SLACK = { SLACK_SIGNING_SECRET: 'probe-signing-secret', SLACK_BOT_TOKEN: 'xoxb-probe', SLACK_API_URL: 'http://127.0.0.1:9/api/' };
const FEISHU = { FEISHU_APP_ID: 'cli_probe', FEISHU_APP_SECRET: 'probe-secret', FEISHU_ENCRYPT_KEY: 'probe-key', FEISHU_VERIFICATION_TOKEN: 'probe-token', FEISHU_DOMAIN: 'http://127.0.0.1:9' };
const APP_SECRET = { APP_SECRET: 'probe-app-secret-probe-app-secret-0123' };

describe("a platform's SDK loads only when that platform is configured", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'outcome-sdk-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  const db = (name: string) => ({ DATABASE_URL: `file:${join(dir, name)}` });

  it('loads neither Bolt nor the Lark SDK with no platform configured', async () => {
    expect(await probe(db('none.db'))).toEqual({ platforms: { slack: false, feishu: false }, bolt: false, lark: false });
  });

  it('loads Bolt only, with only Slack configured', async () => {
    expect(await probe({ ...db('slack.db'), ...SLACK, ...APP_SECRET })).toEqual({ platforms: { slack: true, feishu: false }, bolt: true, lark: false });
  });

  it('loads the Lark SDK only, with only Feishu configured', async () => {
    expect(await probe({ ...db('feishu.db'), ...FEISHU, ...APP_SECRET })).toEqual({ platforms: { slack: false, feishu: true }, bolt: false, lark: true });
  });
});

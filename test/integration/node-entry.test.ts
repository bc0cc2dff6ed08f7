import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeServer, type NodeServer } from '../../src/entry/node.ts';
import { quietLog } from '../../src/log.ts';

const ROOT = join(import.meta.dirname, '../..');
/** How `npm start` runs the entry (tsx), resolved from the project so any working directory works. */
const START = ['--import', import.meta.resolve('tsx'), join(ROOT, 'src/entry/node.ts')];

describe('the Node entry', () => {
  let dir: string;
  let server: NodeServer;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'outcome-node-'));
    server = await startNodeServer({ env: { DATABASE_URL: `file:${join(dir, 'nested/folder/outcome.db')}` }, port: 0, log: quietLog, jobIntervalMs: null, hostname: '127.0.0.1' });
  });
  afterAll(async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('creates the database folder and file and answers /healthz', async () => {
    expect(existsSync(join(dir, 'nested/folder/outcome.db'))).toBe(true);
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', version: '0.1.0', runtime: 'node', database: { reachable: true }, platforms: { slack: false, feishu: false } });
  });

  it('answers unknown paths and switched-off platforms with a 404 that says why', async () => {
    const off = await fetch(`${server.url}/slack/events`, { method: 'POST', body: 'x' });
    expect(off.status).toBe(404);
    expect(await off.json()).toMatchObject({ error: 'platform_off', message: expect.stringContaining('SLACK_SIGNING_SECRET') });
    const unknown = await fetch(`${server.url}/nothing-here`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'not_found', message: 'No route for GET /nothing-here' });
  });

  it('finishes deferred work before it stops', async () => {
    const other = await startNodeServer({ env: { DATABASE_URL: `file:${join(dir, 'second.db')}` }, port: 0, log: quietLog, jobIntervalMs: null, hostname: '127.0.0.1' });
    let finished = false;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    other.deps.defer(async () => {
      await gate;
      finished = true;
    });
    const stopped = other.stop();
    await new Promise((r) => setImmediate(r));
    expect(finished).toBe(false);
    release();
    await stopped;
    expect(finished).toBe(true);
    await expect(fetch(`${other.url}/healthz`)).rejects.toThrow();
  });
});

describe('npm start as a newcomer runs it', () => {
  it('serves /healthz on the embedded database within 10 s with no credentials, and exits 0 on SIGTERM', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'outcome-start-'));
    const port = 20000 + Math.floor(Math.random() * 20000);
    const child = spawn(process.execPath, START, {
      cwd: dir,
      env: { PATH: process.env.PATH, PORT: String(port), HOME: dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const started = Date.now();
      let status = 0;
      while (Date.now() - started < 10_000 && status !== 200) {
        status = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status, () => 0);
        if (status !== 200) await new Promise((r) => setTimeout(r, 100));
      }
      expect(status, output).toBe(200);
      expect(existsSync(join(dir, 'data/outcome.db'))).toBe(true);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(output).toContain('outcome stopped');
    } finally {
      child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start on a malformed variable, naming it', async () => {
    const child = spawn(process.execPath, START, {
      env: { PATH: process.env.PATH, PORT: 'not-a-port' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(78);
    expect(stderr).toContain('PORT:');
  });
});

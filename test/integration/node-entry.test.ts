import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeServer, type NodeServer } from '../../src/entry/node.ts';
import { quietLog } from '../../src/log.ts';
import { waitForHealth } from '../helpers/wait-for-health.ts';

const ROOT = join(import.meta.dirname, '../..');
/** How `npm start` runs the entry (Node's own type stripping), with absolute paths so any working directory works. */
const START = ['--experimental-strip-types', '--disable-warning=ExperimentalWarning', '--import', join(ROOT, 'src/entry/resolve-cache.ts'), join(ROOT, 'src/entry/node.ts')];
/** This Node first on PATH, so `npm` and the scripts it runs use it rather than the machine's default. */
const PATH = `${dirname(process.execPath)}:${process.env.PATH}`;

/** The processes whose parent is `pid` (procps `ps`, as on Linux CI; it exits 1 when there are none). */
function childrenOf(pid: number): { pid: number; command: string }[] {
  const out = spawnSync('ps', ['-o', 'pid=,comm=', '--ppid', String(pid)], { encoding: 'utf8' }).stdout.trim();
  return out ? out.split('\n').map((line) => {
    const [p, command] = line.trim().split(/\s+/);
    return { pid: Number(p), command: command ?? '' };
  }) : [];
}


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
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`serves /healthz on a fresh database with no credentials, and stops cleanly on ${signal} to the process npm started`, async () => {
      const dir = await mkdtemp(join(tmpdir(), 'outcome-start-'));
      const port = 20000 + Math.floor(Math.random() * 20000);
      const npm = spawn('npm', ['start', '--silent'], {
        cwd: ROOT,
        env: { PATH, PORT: String(port), HOME: dir, DATABASE_URL: `file:${join(dir, 'data/outcome.db')}` },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      npm.stdout.on('data', (d) => (output += d));
      npm.stderr.on('data', (d) => (output += d));
      const npmExited = new Promise<number | null>((resolve) => npm.on('exit', (code) => resolve(code)));
      let server: { pid: number; command: string } | undefined;
      try {
        // The bound covers building the bundle, which the first start after a source change does.
        expect(await waitForHealth(port, 120_000), output).toBe(200);
        expect(existsSync(join(dir, 'data/outcome.db'))).toBe(true);
        // The start script execs node: npm's only child is the server itself, no shell or tsx in between.
        const children = childrenOf(npm.pid!);
        expect(children.map((c) => c.command)).toEqual(['node']);
        server = children[0]!;
        expect(childrenOf(server.pid)).toEqual([]);
        process.kill(server.pid, signal);
        expect(await npmExited, output).toBe(0);
        expect(output).toContain(`${signal}: finishing deferred work`);
        expect(output).toContain('outcome stopped');
        expect(() => process.kill(server!.pid, 0)).toThrow(); // the server process is gone
        await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow(); // and the port is closed
      } finally {
        npm.kill('SIGKILL');
        if (server) {
          try {
            process.kill(server.pid, 'SIGKILL');
          } catch {
            // already gone
          }
        }
        await rm(dir, { recursive: true, force: true });
      }
    }, 150_000);
  }

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

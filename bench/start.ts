/**
 * Start time and idle memory of `npm start`, next to a bare Hono process on the same machine
 * in the same run (not part of `npm test`; prints numbers, asserts nothing).
 *   npm run bench          (or: node --experimental-strip-types bench/start.ts)
 *
 * Each case starts a fresh process on a fresh database in a temporary folder, polls /healthz
 * every 5 ms from the moment of spawn, and reads the resident set size from /proc (Linux)
 * after the process has idled for IDLE_MS.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildBundle, bundleIsStale } from '../src/entry/server-bundle.mjs';

const ROOT = join(import.meta.dirname, '..');
const RUNS = 3;
const IDLE_MS = 3000;
const PATH = `${dirname(process.execPath)}:${process.env.PATH}`;

/** How the TypeScript sources ran before the bundle (and still run without dev dependencies): Node's type stripping. */
const SOURCE_FLAGS = ['--experimental-strip-types', '--disable-warning=ExperimentalWarning', '--import', './src/entry/resolve-cache.ts'];

/** A Hono app with one route on @hono/node-server: the floor any Hono service starts from. */
const BARE_HONO = `
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
serve({ fetch: new Hono().get('/healthz', (c) => c.json({ status: 'ok' })).fetch, port: Number(process.env.PORT) });
`;

/** Credentials that switch both platforms on; the API URLs point at a closed local port (nothing is called at start). */
const BOTH_PLATFORMS = {
  SLACK_SIGNING_SECRET: 'bench-signing-secret',
  SLACK_BOT_TOKEN: 'xoxb-bench-token',
  SLACK_API_URL: 'http://127.0.0.1:9/api/',
  FEISHU_APP_ID: 'cli_bench',
  FEISHU_APP_SECRET: 'bench-app-secret',
  FEISHU_ENCRYPT_KEY: 'bench-encrypt-key',
  FEISHU_VERIFICATION_TOKEN: 'bench-verification-token',
  FEISHU_DOMAIN: 'http://127.0.0.1:9',
  APP_SECRET: 'bench-app-secret-bench-app-secret-0123',
};

interface Case {
  name: string;
  setup: string;
  command: string[];
  env?: Record<string, string>;
}

const CASES: Case[] = [
  { name: 'bare Hono', setup: 'node -e: one /healthz route on @hono/node-server, no database', command: [process.execPath, '--input-type=module', '-e', BARE_HONO] },
  { name: 'npm start', setup: 'fresh database file (migrations applied), no platform configured', command: ['npm', 'start', '--silent'] },
  { name: 'node', setup: 'the command npm start execs (node src/entry/start.mjs), without npm: fresh database file, no platform configured', command: [process.execPath, 'src/entry/start.mjs'] },
  { name: 'npm start', setup: 'fresh database file, Slack and Feishu both configured', command: ['npm', 'start', '--silent'], env: BOTH_PLATFORMS },
  { name: 'sources', setup: 'the TypeScript sources on type stripping (no bundle), Slack and Feishu both configured', command: [process.execPath, ...SOURCE_FLAGS, 'src/entry/node.ts'], env: BOTH_PLATFORMS },
];

/** A port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Resident set size of one process in MiB (VmRSS), 0 when it is gone. */
function rssMiB(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** The process tree under `pid` (itself included), via procps `ps`. */
function tree(pid: number): number[] {
  const kids = spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
    .stdout.split('\n')
    .map((s) => Number(s.trim()))
    .filter(Boolean);
  return [pid, ...kids.flatMap(tree)];
}

async function measure(c: Case, port: number): Promise<{ firstOkMs: number; serverRss: number; totalRss: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'outcome-bench-start-'));
  const started = performance.now();
  const child: ChildProcess = spawn(c.command[0]!, c.command.slice(1), {
    cwd: ROOT,
    env: { PATH, HOME: dir, PORT: String(port), DATABASE_URL: `file:${join(dir, 'outcome.db')}`, ...c.env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    let firstOkMs = NaN;
    while (performance.now() - started < 30_000) {
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status === 200, () => false);
      if (ok) {
        firstOkMs = performance.now() - started;
        break;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    await new Promise((r) => setTimeout(r, IDLE_MS));
    const pids = tree(child.pid!);
    // The server is the deepest process: npm's child (the start script execs node), or the bare process itself.
    const serverRss = rssMiB(pids[pids.length - 1]!);
    const totalRss = pids.reduce((sum, p) => sum + rssMiB(p), 0);
    return { firstOkMs, serverRss, totalRss };
  } finally {
    for (const p of tree(child.pid!).reverse()) {
      try {
        process.kill(p, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    await new Promise((r) => child.once('exit', r));
    await rm(dir, { recursive: true, force: true });
  }
}

// The bundle is built before any timing (npm start builds it once per source change).
if (bundleIsStale()) await buildBundle();
console.log(`start: time from spawn to the first /healthz 200, and RSS after ${IDLE_MS / 1000} s idle (node ${process.version})`);
for (let run = 1; run <= RUNS; run++) {
  for (const c of CASES) {
    const r = await measure(c, await freePort());
    console.log(
      `  run ${run}  ${c.name.padEnd(10)}  first 200 after ${r.firstOkMs.toFixed(0).padStart(5)} ms   RSS server ${r.serverRss.toFixed(1).padStart(6)} MiB, with npm ${r.totalRss.toFixed(1).padStart(6)} MiB   [${c.setup}]`,
    );
  }
}

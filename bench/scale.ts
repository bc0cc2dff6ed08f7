/**
 * The dashboard at scale on the Node entry (issue 11 point 4): 100,000 outcomes and 1,000,000
 * readings in the embedded database (bench/scale-db.ts builds and caches it). For each page and
 * API read: p50 / p95 over 20 requests after 2 warm-ups, 3 runs; for each export (CSV, .xlsx)
 * of all 100,000 outcomes: time, size, and the process's peak RSS while it streams.
 * Prints a table, asserts nothing.
 *   node --experimental-strip-types --disable-warning=ExperimentalWarning --expose-gc bench/scale.ts [name regex]
 */
import { createClient } from '@libsql/client';
import { displayPrefix, hashToken, newToken } from '../src/api/auth/token-secret.ts';
import { startNodeServer } from '../src/entry/node.ts';
import { quietLog } from '../src/log.ts';
import { createSessionCodec } from '../src/security/session.ts';
import { MANAGER, OUTCOMES, PMO, READINGS, scaleDatabase } from './scale-db.ts';

const RUNS = 3;
const REQUESTS = Number(process.env.REQUESTS ?? 20);
const WARMUP = 2;
/** A request slower than this ends its run early (the table then says so). */
const GIVE_UP_MS = 10_000;
const SECRET = 'bench-app-secret-0123456789abcdefghijkl';

const built = await scaleDatabase();
console.log(`scale bench on the Node entry (node ${process.version}): ${OUTCOMES.toLocaleString('en')} outcomes, ${READINGS.toLocaleString('en')} readings`);
console.log(built.built ? `  database built in ${built.seconds.toFixed(1)} s: ${built.path}` : `  database reused: ${built.path}`);

// A fresh API token per run (the database is reused between runs).
const token = newToken();
const admin = createClient({ url: `file:${built.path}` });
await admin.execute("delete from api_tokens where name = 'scale-bench'");
await admin.execute({
  sql: "insert into api_tokens (id, workspace_id, name, token_hash, prefix, scopes, rate_limit, created_by, created_at) values (?, 'ws', 'scale-bench', ?, ?, ?, 100000, 'admin', ?)",
  args: [`tok-${Date.now()}`, await hashToken(token), displayPrefix(token), JSON.stringify(['outcomes:read', 'audit:read', 'okr:read', 'lessons:read', 'retros:read']), Date.now()],
});
admin.close();

const server = await startNodeServer({ env: { DATABASE_URL: `file:${built.path}`, APP_SECRET: SECRET, DEFAULT_LOCALE: 'en' }, port: 0, log: quietLog, jobIntervalMs: null, hostname: '127.0.0.1' });
const codec = await createSessionCodec(SECRET);
const cookie = async (who: { personId: string }) => `outcome_session=${await codec.seal({ workspaceId: 'ws', personId: who.personId, via: 'slack', exp: Date.now() + 3_600_000 })}`;
const pmo = { cookie: await cookie(PMO) };
const manager = { cookie: await cookie(MANAGER) };
const adminUser = { cookie: await cookie({ personId: 'admin' }) };
const bearer = { authorization: `Bearer ${token}` };

const reads: { name: string; path: string; headers: Record<string, string> }[] = [
  { name: 'portfolio', path: '/app/portfolio', headers: pmo },
  { name: 'portfolio, 2nd page by attainment', path: '/app/portfolio?sort=attainment&after=', headers: pmo },
  { name: 'value', path: '/app/value', headers: pmo },
  { name: 'reviews', path: '/app/reviews', headers: pmo },
  { name: 'nps', path: '/app/nps', headers: pmo },
  { name: 'my (manager of 19)', path: '/app/my', headers: manager },
  { name: 'portfolio (manager of 19)', path: '/app/portfolio', headers: manager },
  { name: 'outcome page', path: '/app/outcomes/o050000', headers: pmo },
  { name: 'GET /api/portfolio', path: '/api/portfolio', headers: pmo },
  { name: 'GET /api/value', path: '/api/value', headers: pmo },
  { name: 'GET /api/reviews', path: '/api/reviews', headers: pmo },
  { name: 'GET /api/nps', path: '/api/nps', headers: pmo },
  { name: 'GET /api/my', path: '/api/my', headers: manager },
  { name: 'GET /api/outcomes/:id', path: '/api/outcomes/o050000', headers: pmo },
  { name: 'GET /api/v1/outcomes?limit=50', path: '/api/v1/outcomes?limit=50', headers: bearer },
  // The other pages and reads (issue 11: every page and API call).
  { name: 'approvals inbox (manager of 19)', path: '/app/approvals', headers: manager },
  { name: 'submit form', path: '/app/outcomes/new', headers: manager },
  { name: 'outcome audit trail', path: '/app/outcomes/o050000/audit', headers: pmo },
  { name: 'knowledge search', path: '/app/knowledge?q=Outcome%2050000', headers: pmo },
  { name: 'OKR page', path: '/app/okr', headers: pmo },
  { name: 'retrospectives', path: '/app/retros', headers: pmo },
  { name: 'audit (admin)', path: '/app/audit', headers: adminUser },
  { name: 'delivery (admin)', path: '/app/delivery', headers: adminUser },
  { name: 'settings (admin)', path: '/app/settings', headers: adminUser },
  { name: 'templates (admin)', path: '/app/settings/templates', headers: adminUser },
  { name: 'GET /api/v1/search', path: '/api/v1/search?q=Outcome%2050000', headers: bearer },
  { name: 'GET /api/v1/templates', path: '/api/v1/templates', headers: bearer },
  { name: 'GET /api/v1/cycles', path: '/api/v1/cycles', headers: bearer },
];

/** One request: wall time, and the CPU this process (server and client alike) spent on it. */
async function get(path: string, headers: Record<string, string>): Promise<{ ms: number; cpuMs: number; status: number; bytes: number }> {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const res = await fetch(`${server.url}${path}`, { headers, redirect: 'manual' });
  const bytes = (await res.arrayBuffer()).byteLength;
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - t, cpuMs: (used.user + used.system) / 1000, status: res.status, bytes };
}

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)]!;

/** The second page of the attainment sort needs the first page's cursor: read it from the first page. */
async function resolvePath(path: string, headers: Record<string, string>): Promise<string> {
  if (!path.endsWith('after=')) return path;
  const html = await (await fetch(`${server.url}${path.replace(/&after=$/, '')}`, { headers })).text();
  const next = /href="([^"]*after=[^"]*)"[^>]*data-testid="next-page"/.exec(html)?.[1]?.replace(/&amp;/g, '&');
  return next ?? path.replace(/&after=$/, '');
}

const cpus: number[] = [];
const only = process.argv[2] ? new RegExp(process.argv[2]) : null;
console.log('\n| read | p50 / p95 ms, run 1 · run 2 · run 3 | CPU ms per request, p50 | status | size |\n|---|---|---|---|---|');
for (const r of reads) {
  if (only && !only.test(r.name)) continue;
  const path = await resolvePath(r.path, r.headers);
  const runs: string[] = [];
  let last = { status: 0, bytes: 0 };
  for (let run = 0; run < RUNS; run++) {
    const times: number[] = [];
    let gaveUp = false;
    cpus.length = 0;
    for (let i = 0; i < WARMUP + REQUESTS && !gaveUp; i++) {
      const res = await get(path, r.headers);
      last = res;
      if (i >= WARMUP) times.push(res.ms), cpus.push(res.cpuMs);
      gaveUp = res.ms > GIVE_UP_MS;
    }
    runs.push(gaveUp ? `gave up (>${GIVE_UP_MS / 1000} s)` : `${quantile(times, 0.5).toFixed(1)} / ${quantile(times, 0.95).toFixed(1)}`);
    if (gaveUp) break;
  }
  console.log(`| ${r.name} | ${runs.join(' · ')} | ${cpus.length ? quantile(cpus, 0.5).toFixed(1) : '—'} | ${last.status} | ${(last.bytes / 1024).toFixed(1)} KB |`);
}

/** Downloads an export, sampling this process's RSS (the server runs in it) every 20 ms; CPU is this process's (server and client). */
async function exportRun(path: string): Promise<{ seconds: number; cpuSeconds: number; mb: number; peakRssMb: number; startRssMb: number; status: number }> {
  global.gc?.();
  const startRss = process.memoryUsage().rss;
  let peak = startRss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const cpu = process.cpuUsage();
  const t = performance.now();
  const res = await fetch(`${server.url}${path}`, { headers: pmo });
  let bytes = 0;
  for await (const chunk of res.body as AsyncIterable<Uint8Array>) bytes += chunk.byteLength;
  const seconds = (performance.now() - t) / 1000;
  const used = process.cpuUsage(cpu);
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { seconds, cpuSeconds: (used.user + used.system) / 1e6, mb: bytes / 1e6, peakRssMb: peak / 1e6, startRssMb: startRss / 1e6, status: res.status };
}

console.log('\n| export (all 100,000 outcomes, 150,000 rows) | time, run 1 · 2 · 3 | CPU, run 1 · 2 · 3 | size | RSS before → peak |\n|---|---|---|---|---|');
for (const path of ['/app/export.csv', '/app/export.xlsx']) {
  if (only && !only.test(path)) continue;
  const runs: Awaited<ReturnType<typeof exportRun>>[] = [];
  for (let run = 0; run < RUNS; run++) runs.push(await exportRun(path));
  const last = runs.at(-1)!;
  console.log(`| ${path} (${last.status}) | ${runs.map((r) => `${r.seconds.toFixed(1)} s`).join(' · ')} | ${runs.map((r) => `${r.cpuSeconds.toFixed(1)} s`).join(' · ')} | ${last.mb.toFixed(1)} MB | ${runs.map((r) => `${r.startRssMb.toFixed(0)} → ${r.peakRssMb.toFixed(0)} MB`).join(' · ')} |`);
}

await server.stop();

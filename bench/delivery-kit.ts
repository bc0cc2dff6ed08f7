/**
 * Pieces of the delivery benchmarks: a warp clock, a fresh database, and minimal HTTP senders
 * for the fake platforms (test/fakes), which enforce the platforms' documented rate limits.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../src/db/client.ts';
import { openNodeDatabase } from '../src/db/migrate-node.ts';
import { createWorkspaceRepo } from '../src/db/repos/workspace-repo.ts';
import { outbox } from '../src/db/schema/index.ts';
import type { Sender, SendResult } from '../src/delivery/types.ts';

/**
 * Real time plus skipped waits: `now()` runs with the wall clock, and `sleep(ms)` adds `ms`
 * at once instead of waiting. Every bit of real work (database, HTTP, CPU) still counts, so a
 * rate measured on it is what the real clock would show, minus timer lateness, and a
 * 10-minute drain takes seconds. The fakes read the same clock, so their limits hold on it.
 */
export function warpClock() {
  let skipped = 0;
  return {
    now: () => new Date(Date.now() + skipped),
    sleep: async (ms: number, signal: AbortSignal) => {
      if (!signal.aborted) skipped += ms;
      await new Promise((r) => setImmediate(r));
    },
  };
}

/** A migrated libsql file in a temp folder with one workspace. */
export async function benchDb(platform: 'slack' | 'feishu') {
  const dir = await mkdtemp(join(tmpdir(), 'outcome-bench-delivery-'));
  const url = `file:${join(dir, 'bench.db')}`;
  const { db, client } = await openNodeDatabase(url);
  const ws = await createWorkspaceRepo(db, { timeZone: 'UTC', locale: 'en' }).ensure(platform, platform === 'slack' ? 'T0001' : 'tenant_test');
  return {
    db,
    /** The file's libsql URL, for another process to open it. */
    url,
    workspaceId: ws.id,
    async close() {
      client.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Queues `destinations.length` rows, one per entry, in that order. */
export async function enqueue(db: Db, workspaceId: string, platform: string, destinations: string[], at: Date): Promise<void> {
  for (let i = 0; i < destinations.length; i += 500) {
    const values = destinations.slice(i, i + 500).map((destination, j) => ({ workspaceId, platform, kind: 'post', destination, payload: { n: i + j }, nextAttemptAt: at }));
    await db.insert(outbox).values(values);
  }
}

/** chat.postMessage over HTTP, 429 → Retry-After (as test/helpers/http-test-sender.ts). */
export function slackSender(apiUrl: string): Sender {
  return {
    async send(row): Promise<SendResult> {
      const res = await fetch(`${apiUrl}chat.postMessage`, {
        method: 'POST',
        headers: { authorization: 'Bearer xoxb-test', 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({ channel: row.destination, text: JSON.stringify(row.payload) }),
      });
      if (res.status === 429) return { ok: false, error: 'ratelimited', retryAfterMs: Number(res.headers.get('retry-after') ?? '1') * 1000 };
      const body = (await res.json()) as { ok: boolean; error?: string };
      return body.ok ? { ok: true } : { ok: false, error: body.error ?? 'unknown', permanent: true };
    },
  };
}

/** im/v1/messages over HTTP with `uuid` = row id; 429 → x-ogw-ratelimit-reset. */
export function feishuSender(baseUrl: string): Sender {
  let token: Promise<string> | undefined;
  const tenantToken = async () => {
    const res = await fetch(`${baseUrl}/open-apis/auth/v3/tenant_access_token/internal`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ app_id: 'cli_test', app_secret: 'secret' }),
    });
    return ((await res.json()) as { tenant_access_token: string }).tenant_access_token;
  };
  return {
    async send(row): Promise<SendResult> {
      const type = row.destination.startsWith('oc_') ? 'chat_id' : 'open_id';
      const res = await fetch(`${baseUrl}/open-apis/im/v1/messages?receive_id_type=${type}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await (token ??= tenantToken())}`, 'content-type': 'application/json' },
        body: JSON.stringify({ receive_id: row.destination, msg_type: 'text', content: JSON.stringify({ text: JSON.stringify(row.payload) }), uuid: row.id.slice(0, 50) }),
      });
      if (res.status === 429) return { ok: false, error: 'ratelimited', retryAfterMs: Number(res.headers.get('x-ogw-ratelimit-reset') ?? '1') * 1000 };
      const body = (await res.json()) as { code: number; msg?: string };
      return body.code === 0 ? { ok: true } : { ok: false, error: body.msg ?? String(body.code), permanent: true };
    },
  };
}

import { createApp } from '../../../src/app.ts';
import type { Deps } from '../../../src/deps.ts';
import { buildWorld, cookieFor, NOW, SECRET } from '../../fixtures/web/world.ts';
import { manualClock, testDeps } from '../../helpers/db.ts';

export const ORIGIN = 'http://localhost:8787';

/** The real app on a fresh migrated database holding the two-workspace world (`blobs`: a file store, as BLOB_DIR gives). */
export async function webHarness(env: Record<string, string> = {}, opts: { blobs?: Deps['blobs'] } = {}) {
  const t = await testDeps({ env: { APP_SECRET: SECRET, ...env }, clock: manualClock(NOW), blobs: opts.blobs });
  await buildWorld(t.deps.db);
  const app = createApp(t.deps);
  /** A request as `who` (a cookie string, or none). */
  const request = async (path: string, init: RequestInit & { cookie?: string } = {}) => {
    const headers = new Headers(init.headers);
    if (init.cookie) headers.set('cookie', init.cookie);
    return app.fetch(new Request(`${ORIGIN}${path}`, { ...init, headers }));
  };
  const as = async (workspaceId: string, personId: string) => {
    const cookie = await cookieFor(workspaceId, personId);
    return {
      get: (path: string, headers: Record<string, string> = {}) => request(path, { cookie, headers }),
      send: (method: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
        request(path, {
          cookie,
          method,
          headers: { origin: ORIGIN, ...(typeof body === 'string' ? { 'content-type': 'application/x-www-form-urlencoded' } : { 'content-type': 'application/json' }), ...headers },
          body: typeof body === 'string' ? body : JSON.stringify(body),
        }),
    };
  };
  return { ...t, app, request, as };
}

export type WebHarness = Awaited<ReturnType<typeof webHarness>>;

import { createApp } from '../../../src/app.ts';
import { buildWorld, cookieFor, NOW, SECRET } from '../../fixtures/web/world.ts';
import { manualClock, testDeps } from '../../helpers/db.ts';

export const ORIGIN = 'http://localhost:8787';

/** The real app on a fresh migrated database holding the two-workspace world. */
export async function webHarness(env: Record<string, string> = {}) {
  const t = await testDeps({ env: { APP_SECRET: SECRET, ...env }, clock: manualClock(NOW) });
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

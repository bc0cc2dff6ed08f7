import { serve, type ServerType } from '@hono/node-server';
import { eq } from 'drizzle-orm';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/app.ts';
import { metricReadings, metricSources, sourceEvents } from '../../src/db/schema/index.ts';
import { sealSecret } from '../../src/security/secret-box.ts';
import { sourceSecretContext, type MappingRule } from '../../src/sources/source-config.ts';
import { buildWorld, NOW, SECRET, W } from '../fixtures/web/world.ts';
import { manualClock, testDeps } from './db.ts';

/**
 * The real app on 127.0.0.1 over the world's database, for the webhook fakes to deliver to.
 * Sources are inserted as the API stores them: config in the clear, the secret sealed.
 */
export async function startHookApp() {
  const clock = manualClock(NOW);
  const t = await testDeps({ env: { APP_SECRET: SECRET }, clock });
  const { db } = t.deps;
  await buildWorld(db);
  const app = createApp(t.deps);
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    deps: t.deps,
    db,
    clock,
    origin,
    /** Creates a webhook source for `metricId` and returns its id and URL. */
    async addSource(kind: 'github' | 'jira' | 'api', o: { metricId?: string; rule?: MappingRule; secret?: string | null; config?: Record<string, unknown> }) {
      const id = crypto.randomUUID();
      const secret = o.secret === undefined ? 'hook-secret-0123456789' : o.secret;
      await db.insert(metricSources).values({ id, workspaceId: W.a, metricId: o.metricId ?? 'm-other', kind, rule: (o.rule as Record<string, unknown> | undefined) ?? null, config: o.config ?? {}, secret: secret ? await sealSecret(SECRET, secret, sourceSecretContext(id)) : null });
      return { id, url: `${origin}/hooks/${kind === 'api' ? 'github' : kind}/${id}`, secret: secret ?? '' };
    },
    readings: (sourceId: string) => db.select().from(metricReadings).where(eq(metricReadings.sourceId, sourceId)).orderBy(metricReadings.measuredAt),
    events: (sourceId: string) => db.select().from(sourceEvents).where(eq(sourceEvents.sourceId, sourceId)),
    source: async (id: string) => (await db.select().from(metricSources).where(eq(metricSources.id, id)))[0]!,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive sockets of the fakes' fetches would hold the close open.
      (server as Server).closeAllConnections();
      await closed;
      await t.close();
    },
  };
}

export type HookApp = Awaited<ReturnType<typeof startHookApp>>;

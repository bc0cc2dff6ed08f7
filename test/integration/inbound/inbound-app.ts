/**
 * The real app on a real migrated libsql database with Slack and Feishu both on, for the
 * inbound checks: nothing here reaches a platform (every request is refused before), so the
 * platform URLs point at a closed port; a request that got through would fail loudly.
 */
import { createApp } from '../../../src/app.ts';
import { testDeps } from '../../helpers/db.ts';
import { signedFeishuRequest } from '../../helpers/feishu-sign.ts';
import { signedSlackRequest } from '../../helpers/slack-sign.ts';

export const SLACK_SECRET = 'inbound-slack-signing-secret';
export const FEISHU = { encryptKey: 'inbound-encrypt-key', token: 'inbound-verification-token', tenant: 'tenant_inbound', appId: 'cli_inbound' } as const;
export const BASE = 'https://outcome.test';

export const INBOUND_ENV = {
  SLACK_SIGNING_SECRET: SLACK_SECRET,
  SLACK_BOT_TOKEN: 'xoxb-inbound',
  SLACK_API_URL: 'http://127.0.0.1:9/api/',
  FEISHU_APP_ID: FEISHU.appId,
  FEISHU_APP_SECRET: 'inbound-app-secret',
  FEISHU_ENCRYPT_KEY: FEISHU.encryptKey,
  FEISHU_VERIFICATION_TOKEN: FEISHU.token,
  FEISHU_DOMAIN: 'http://127.0.0.1:9',
  APP_SECRET: 'inbound-app-secret-0123456789abcdefghij',
  PUBLIC_URL: BASE,
  DEFAULT_LOCALE: 'en',
};

export async function startInboundApp() {
  const t = await testDeps({ env: INBOUND_ENV, clock: { now: () => new Date() } });
  const app = createApp(t.deps);
  const { client } = t.database;
  const tables = (await client.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'")).rows.map((r) => String(r.name));
  return {
    app,
    deps: t.deps,
    db: t.deps.db,
    /** Rows in every table of the schema (migrations bookkeeping aside). */
    async rowCounts(): Promise<Record<string, number>> {
      const out: Record<string, number> = {};
      for (const name of tables) out[name] = Number((await client.execute(`SELECT count(*) AS n FROM "${name}"`)).rows[0]!.n);
      return out;
    },
    /** A Slack request signed with the app's secret. */
    slack: (body: string, contentType?: string) => app.fetch(signedSlackRequest(`${BASE}/slack/events`, SLACK_SECRET, body, contentType)),
    /** A Feishu request signed (and encrypted, as the routes expect) with the app's Encrypt Key. */
    feishu: (path: 'events' | 'cards', body: object) => app.fetch(signedFeishuRequest(`${BASE}/feishu/${path}`, { encryptKey: FEISHU.encryptKey, body })),
    settle: t.drainDeferred,
    close: t.close,
  };
}

export type InboundApp = Awaited<ReturnType<typeof startInboundApp>>;

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeServer, type NodeServer } from '../../src/entry/node.ts';
import { quietLog } from '../../src/log.ts';
import { FEISHU_SDK_URL } from '../../src/web/context/headers.ts';
import { startFakeFeishu, type FakeFeishu } from '../fakes/fake-feishu.ts';
import { buildWorld, O } from '../fixtures/web/world.ts';
import { freshDb } from '../helpers/db.ts';
import { startBrowser, type Browser } from './browser.ts';

let server: NodeServer;
let browser: Browser;
let feishu: FakeFeishu;
let database: Awaited<ReturnType<typeof freshDb>>;

/**
 * Stands in for Feishu's JSSDK (the real one only works inside the Feishu client): `ready`
 * runs at once and `tt` answers like the client would, with a code the fake Feishu issued.
 */
function stubSdk(tt: string): void {
  void browser.page.route(FEISHU_SDK_URL, (route) => route.fulfill({ contentType: 'text/javascript', body: `window.h5sdk = { ready: function (f) { f(); } }; window.tt = ${tt};` }));
}

beforeAll(async () => {
  feishu = await startFakeFeishu({ tenantKey: 'tenant_b' });
  feishu.addUser({ open_id: 'ou_b_mem', name: '李成员' });
  database = await freshDb();
  await buildWorld(database.db);
  server = await startNodeServer({
    env: { DATABASE_URL: database.url, APP_SECRET: 'e2e-app-secret-0123456789abcdefghijkl', FEISHU_APP_ID: 'cli_test', FEISHU_APP_SECRET: 'secret', FEISHU_ENCRYPT_KEY: 'encrypt-key', FEISHU_VERIFICATION_TOKEN: 'vtoken', FEISHU_DOMAIN: feishu.url },
    port: 0,
    hostname: '127.0.0.1',
    jobIntervalMs: null,
    log: quietLog,
  });
  browser = await startBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await database?.close();
  await feishu?.close();
});

describe('Feishu H5 sign-in in Chromium (JSSDK stubbed, code exchanged with the fake Feishu)', () => {
  it('tt.requestAccess gives a code, the page posts it, and the person lands on the app', async () => {
    const code = feishu.issueAuthCode('ou_b_mem');
    stubSdk(`{ requestAccess: function (o) { o.success({ code: ${JSON.stringify(code)} }); } }`);
    await browser.page.goto(`${server.url}/auth/feishu?next=/app/my`);
    await browser.page.waitForURL(/\/app\/my$/);
    await expect(browser.page.locator('[data-testid="viewer-name"]').textContent()).resolves.toBe('李成员');
    await browser.page.goto(`${server.url}/app/portfolio`);
    await expect(browser.page.locator(`a[href="/app/outcomes/${O.b}"]`).count()).resolves.toBe(1);
  });

  it('falls back to tt.requestAuthCode on clients without requestAccess (errno 103)', async () => {
    await browser.context.clearCookies();
    const code = feishu.issueAuthCode('ou_b_mem');
    stubSdk(`{ requestAccess: function (o) { o.fail({ errno: 103 }); }, requestAuthCode: function (o) { o.success({ code: ${JSON.stringify(code)} }); } }`);
    await browser.page.goto(`${server.url}/auth/feishu`);
    await browser.page.waitForURL(/\/app(\/my|\/portfolio)?$/);
    expect(feishu.callsTo('/open-apis/authen/v2/oauth/token').length).toBe(2);
  });

  it('shows what to do when opened outside Feishu', async () => {
    await browser.context.clearCookies();
    await browser.page.unroute(FEISHU_SDK_URL);
    void browser.page.route(FEISHU_SDK_URL, (route) => route.fulfill({ contentType: 'text/javascript', body: '/* not inside Feishu */' }));
    await browser.page.goto(`${server.url}/auth/feishu?lang=en`);
    await expect(browser.page.locator('#feishu-status').textContent()).resolves.toContain('Open Outcome from the workbench');
  });

  it('logged no console errors and no page errors', () => {
    expect(browser.problems).toEqual([]);
  });
});

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { startNodeServer, type NodeServer } from '../../src/entry/node.ts';
import { quietLog } from '../../src/log.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { freshDb } from '../helpers/db.ts';
import { startBrowser, type Browser } from './browser.ts';

/** Where the browser tests save their screenshots (not committed). */
export const SHOTS = join(import.meta.dirname, '../.artifacts/screenshots');

/** The real Node server on a fresh database with the demo data, no platform, and a Chromium page. */
export interface DemoApp {
  server: NodeServer;
  browser: Browser;
  database: Awaited<ReturnType<typeof freshDb>>;
  /** A full-page screenshot under SHOTS. */
  shot(name: string): Promise<unknown>;
  /** Signs in with local sign-in as the demo person with this name (cookies cleared first). */
  signInLocally(personName: string): Promise<void>;
  close(): Promise<void>;
}

/** Starts the demo app for a browser test file (its beforeAll). */
export async function startDemoApp(): Promise<DemoApp> {
  await mkdir(SHOTS, { recursive: true });
  const database = await freshDb();
  await seedDemo(database.db);
  const server = await startNodeServer({ env: { DATABASE_URL: database.url, DEFAULT_LOCALE: 'zh-CN' }, port: 0, hostname: '127.0.0.1', jobIntervalMs: null, log: quietLog });
  const browser = await startBrowser();
  return {
    server,
    browser,
    database,
    shot: (name) => browser.page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true }),
    async signInLocally(personName) {
      const { page } = browser;
      await page.context().clearCookies();
      await page.goto(`${server.url}/app`);
      expect(new URL(page.url()).pathname).toBe('/auth/signin');
      await page.click('[data-testid="signin-local"]');
      await page.click(`button:has-text("${personName}")`);
      await page.waitForURL(/\/app\/(portfolio|my)/);
    },
    async close() {
      await browser.close();
      await server.stop();
      await database.close();
    },
  };
}

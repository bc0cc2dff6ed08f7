import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evidence, outcomes, people, workspaces } from '../../src/db/schema/index.ts';
import { startNodeServer, type NodeServer } from '../../src/entry/node.ts';
import { quietLog } from '../../src/log.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { PNG } from '../fixtures/files/samples.ts';
import { freshDb } from '../helpers/db.ts';
import { startBrowser, type Browser } from './browser.ts';

const SHOTS = join(import.meta.dirname, '../.artifacts/screenshots');

let server: NodeServer;
let browser: Browser;
let database: Awaited<ReturnType<typeof freshDb>>;
let blobDir: string;

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  blobDir = await mkdtemp(join(tmpdir(), 'outcome-e2e-blobs-'));
  database = await freshDb();
  await seedDemo(database.db);
  server = await startNodeServer({ env: { DATABASE_URL: database.url, BLOB_DIR: blobDir }, port: 0, hostname: '127.0.0.1', jobIntervalMs: null, log: quietLog });
  browser = await startBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await database?.close();
  if (blobDir) await rm(blobDir, { recursive: true, force: true });
});

describe('uploading an evidence file in headless Chromium', () => {
  it.each([
    ['desktop', 'en', { width: 1280, height: 900 }],
    ['phone', 'zh-CN', { width: 390, height: 844 }],
  ] as const)('the submitter adds a PNG on the outcome page (%s, %s) and it is listed and downloadable', async (device, lang, viewport) => {
    const { page } = browser;
    // An outcome of the English demo workspace and the member who submitted it.
    const [target] = await database.db
      .select({ id: outcomes.id, name: people.name })
      .from(outcomes)
      .innerJoin(people, eq(people.id, outcomes.submitterId))
      .innerJoin(workspaces, eq(workspaces.id, outcomes.workspaceId))
      .where(and(eq(workspaces.platform, 'slack'), isNotNull(outcomes.submittedAt)))
      .limit(1);
    await page.setViewportSize(viewport);
    await page.context().clearCookies();
    await page.goto(`${server.url}/auth/local?lang=${lang}`);
    await page.click(`button[name="personId"]:has-text("${target!.name}")`);
    await page.waitForURL(/\/app\//);
    await page.goto(`${server.url}/app/outcomes/${target!.id}`);
    const name = `burn-down-${device}.png`;
    await page.setInputFiles('#evidence-file', { name, mimeType: 'image/png', buffer: Buffer.from(PNG) });
    await Promise.all([page.waitForURL(/file=added/), page.click('[data-testid="evidence-upload"] button[type="submit"]')]);
    expect(await page.isVisible('[data-testid="file-added"]')).toBe(true);
    const link = page.locator(`[data-testid="evidence"] a:has-text("${name}")`);
    expect(await link.count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, `evidence-upload-${device}-${lang}.png`), fullPage: true });
    // The link (absolute, on PUBLIC_URL, as in the chat cards) opens a tab that only downloads;
    // fetched here on the test server's port with the page's session instead.
    const file = await page.request.get(`${server.url}${new URL((await link.getAttribute('href'))!).pathname}`);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-disposition']).toContain(`attachment; filename="${name}"`);
    expect(new Uint8Array(await file.body())).toEqual(PNG);
    const [row] = await database.db.select().from(evidence).where(and(eq(evidence.outcomeId, target!.id), eq(evidence.title, name)));
    expect((await readdir(join(blobDir, row!.workspaceId, target!.id))).length).toBeGreaterThan(0);
  });
});

import { readFile } from 'node:fs/promises';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workspaces } from '../../src/db/schema/index.ts';
import type { NodeServer } from '../../src/entry/node.ts';
import type { Browser } from './browser.ts';
import { startDemoApp, type DemoApp } from './demo-app.ts';


let app: DemoApp;
let server: NodeServer;
let browser: Browser;
let database: DemoApp['database'];

/** Whether a chart container holds a canvas with something drawn on it. */
async function chartDrawn(selector = '[data-chart]'): Promise<boolean> {
  await browser.page.waitForSelector(`${selector}[data-drawn="true"] canvas`, { timeout: 10_000 });
  return browser.page.$eval(`${selector}[data-drawn="true"] canvas`, (canvas) => {
    // No DOM lib in this tsconfig: the canvas's shape, as much as this check uses.
    const c = canvas as unknown as { width: number; height: number; getContext(k: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } };
    const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted++;
    return painted > 200;
  });
}

const shot = (name: string) => app.shot(name);

const signInLocally = (personName: string) => app.signInLocally(personName);

beforeAll(async () => {
  app = await startDemoApp();
  ({ server, browser, database } = app);
});

afterAll(() => app?.close());

describe('the dashboard in headless Chromium', () => {
  it('signs in locally and shows the portfolio, then filters it', async () => {
    const { page } = browser;
    await signInLocally('王芳');
    expect(page.url()).toContain('/app/portfolio');
    await expect(page.locator('[data-testid="matrix"]').count()).resolves.toBe(1);
    expect(await page.locator('[data-testid="outcome-list"] tbody tr').count()).toBe(11);
    await shot('portfolio');

    await page.selectOption('select[name="project"]', { label: '仓储自动化' });
    await page.click('[data-testid="filters"] button[type="submit"]');
    await page.waitForURL(/project=/);
    const projects = await page.locator('[data-testid="outcome-list"] tbody tr td:nth-child(2)').allTextContents();
    expect(projects.length).toBe(3);
    expect(new Set(projects)).toEqual(new Set(['仓储自动化']));
    await shot('portfolio-filtered');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/app/portfolio`);
    await shot('portfolio-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('opens an outcome and draws its readings chart, with the shortfall alert', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/app/portfolio`);
    await page.click('a:has-text("客户平均等待时间缩短")');
    await page.waitForURL(/\/app\/outcomes\//);
    expect(await chartDrawn()).toBe(true);
    await expect(page.locator('[data-testid="shortfall-alert"]').textContent()).resolves.toContain('23.5%');
    await shot('outcome');
  });

  it('escapes user text: the title with <, > and quotes shows as text', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/app/portfolio`);
    await expect(page.locator('a:has-text("知识库 <测试版> & “常见问题”上线")').count()).resolves.toBe(1);
    expect(await page.content()).toContain('知识库 &lt;测试版&gt; &amp; “常见问题”上线');
  });

  it('shows value, NPS (with charts), reviews and my page', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/app/value`);
    expect(await chartDrawn()).toBe(true);
    await shot('value');
    await page.goto(`${server.url}/app/nps`);
    expect(await chartDrawn()).toBe(true);
    await expect(page.locator('[data-testid="nps-hidden"]').count()).resolves.toBeGreaterThan(0);
    await shot('nps');
    await page.goto(`${server.url}/app/reviews`);
    await expect(page.locator('[data-testid="owner-reviews"]').count()).resolves.toBeGreaterThan(0);
    await shot('reviews');
    await page.goto(`${server.url}/app/my`);
    await shot('my');
  });

  it('an admin changes a setting', async () => {
    const { page } = browser;
    await signInLocally('赵敏');
    await page.goto(`${server.url}/app/settings`);
    await page.fill('input[name="shortfallThresholdPct"]', '20');
    await page.click('[data-testid="save-settings"]');
    await page.waitForSelector('[data-testid="saved"]');
    await shot('settings');
    const [w] = await database.db.select({ settings: workspaces.settings }).from(workspaces).where(eq(workspaces.id, 'demo-cn'));
    expect(w!.settings.shortfallThreshold).toBeCloseTo(0.2, 10);
  });

  it('exports CSV with a BOM and the header row', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/app/portfolio`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-link"]')]);
    const text = await readFile((await download.path())!, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.slice(1).split('\r\n')[0]).toMatch(/^成果 ID,标题,项目,/);
    expect(text).toContain('客户平均等待时间缩短');
  });

  it('shows the English workspace in English', async () => {
    const { page } = browser;
    await signInLocally('Priya Patel');
    await page.goto(`${server.url}/app/portfolio?lang=en`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Portfolio');
    await shot('portfolio-en');
    await page.click('a:has-text("Shorter customer waiting time")');
    expect(await chartDrawn()).toBe(true);
    await shot('outcome-en');
  });

  it('logged no console errors and no page errors', () => {
    expect(browser.problems).toEqual([]);
  });
});

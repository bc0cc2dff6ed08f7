import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeServer, type NodeServer } from '../../src/entry/node.ts';
import { quietLog } from '../../src/log.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { freshDb } from '../helpers/db.ts';
import { startBrowser, type Browser } from './browser.ts';

/**
 * The dashboard at 390 px (Feishu opens web apps that narrow), in Chinese and English: the key
 * columns — the outcome, its forecast status and attainment; the matrix's classes; the heat map's
 * recent months; benefit and ROI — are not clipped: no table needs sideways scrolling, and no key
 * cell's content is wider than the cell or past the screen's edge. Screenshots in test/.artifacts.
 */
const SHOTS = join(import.meta.dirname, '../.artifacts/screenshots');
const PHONE = { width: 390, height: 844 };
const TABLES = ['outcome-list', 'matrix', 'heatmap', 'improvements', 'roi'];
const KEY_CELLS = '[data-testid="attainment"], [data-testid="forecast"], table[data-testid] td:first-child, table[data-testid="roi"] td.num:not(.hide-sm)';

let server: NodeServer;
let browser: Browser;
let database: Awaited<ReturnType<typeof freshDb>>;

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  database = await freshDb();
  await seedDemo(database.db);
  server = await startNodeServer({ env: { DATABASE_URL: database.url, DEFAULT_LOCALE: 'zh-CN' }, port: 0, hostname: '127.0.0.1', jobIntervalMs: null, log: quietLog });
  browser = await startBrowser();
  await browser.page.setViewportSize(PHONE);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await database?.close();
});

async function signInLocally(personName: string) {
  const { page } = browser;
  await page.context().clearCookies();
  await page.goto(`${server.url}/app`);
  await page.click('[data-testid="signin-local"]');
  await page.click(`button:has-text("${personName}")`);
  await page.waitForURL(/\/app\/(portfolio|my)/);
}

/** What overflows on this page: tables wider than their box, key cells wider than themselves or past the screen. */
async function clipped(): Promise<{ tables: string[]; cells: string[]; seen: string[] }> {
  return browser.page.evaluate(
    ({ tables, keyCells, width }) => {
      type El = { scrollWidth: number; clientWidth: number; textContent: string | null; getBoundingClientRect(): { right: number; width: number }; closest(s: string): El | null; getAttribute(n: string): string | null };
      const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<El> } }).document;
      const seen: string[] = [];
      const wide: string[] = [];
      for (const id of tables) {
        const t = doc.querySelectorAll(`table[data-testid="${id}"]`)[0];
        if (!t) continue;
        seen.push(id);
        const box = t.closest('.scroll')!;
        if (box.scrollWidth > box.clientWidth + 1) wide.push(`${id}: ${box.scrollWidth} > ${box.clientWidth}`);
      }
      const cells: string[] = [];
      for (const c of Array.from(doc.querySelectorAll(keyCells))) {
        const r = c.getBoundingClientRect();
        if (r.width === 0) continue; // hidden on phones
        if (c.scrollWidth > c.clientWidth + 1 || r.right > width + 1) cells.push(`${(c.textContent ?? '').trim().slice(0, 30)}: ${c.scrollWidth}/${c.clientWidth}, right ${Math.round(r.right)}`);
      }
      return { tables: wide, cells, seen };
    },
    { tables: TABLES, keyCells: KEY_CELLS, width: PHONE.width },
  );
}

const shot = (name: string) => browser.page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

describe.each([
  { lang: 'zh-CN', person: '王芳', query: '' },
  { lang: 'en', person: 'Priya Patel', query: '?lang=en' },
])('the dashboard at 390 px, $lang', ({ lang, person, query }) => {
  it('portfolio: the list, the matrix and the heat map fit; attainment and status readable', async () => {
    await signInLocally(person);
    const { page } = browser;
    await page.goto(`${server.url}/app/portfolio${query}`);
    const c = await clipped();
    expect(c.seen).toEqual(expect.arrayContaining(['outcome-list', 'matrix', 'heatmap']));
    expect(c).toMatchObject({ tables: [], cells: [] });
    expect(await page.locator('[data-testid="attainment"]').first().isVisible()).toBe(true);
    expect(await page.locator('[data-testid="forecast"]').first().isVisible()).toBe(true);
    await shot(`dashboard-phone-${lang}-portfolio`);
  });

  it('sorts by attainment from the header, highest first', async () => {
    const { page } = browser;
    await page.click('[data-testid="sort-attainment"]');
    await page.waitForURL(/sort=attainment/);
    const values = (await page.locator('[data-testid="attainment"] [data-attainment]').evaluateAll((els) => els.map((e) => Number((e as unknown as { getAttribute(n: string): string }).getAttribute('data-attainment')))));
    expect(values.length).toBeGreaterThan(1);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    expect((await clipped()).cells).toEqual([]);
    await shot(`dashboard-phone-${lang}-by-attainment`);
  });

  it('value: verified outcomes only, money with its currency, nothing clipped', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/app/value${query}`);
    const c = await clipped();
    expect(c.seen).toEqual(expect.arrayContaining(['improvements', 'roi']));
    expect(c).toMatchObject({ tables: [], cells: [] });
    await expect(page.locator('[data-testid="verified-only"]').count()).resolves.toBe(1);
    expect(await page.locator('table[data-testid="roi"]').textContent()).toMatch(lang === 'en' ? /\$|US\$|CN¥|¥/ : /¥/);
    await shot(`dashboard-phone-${lang}-value`);
    expect(browser.problems).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeServer } from '../../src/entry/node.ts';
import type { Browser } from './browser.ts';
import { startDemoApp, type DemoApp } from './demo-app.ts';


let app: DemoApp;
let server: NodeServer;
let browser: Browser;
let database: DemoApp['database'];

const shot = (name: string) => app.shot(name);

const signInLocally = (personName: string) => app.signInLocally(personName);

/** Types the words into the search box and submits, as a person would. */
async function search(words: string) {
  const { page } = browser;
  await page.fill('[data-testid="kb-q"]', words);
  await Promise.all([page.waitForURL(/[?&]q=/), page.press('[data-testid="kb-q"]', 'Enter')]);
}

const hitTitles = () => browser.page.locator('[data-testid="kb-hit"] > a').allTextContents();
const marks = () => browser.page.locator('[data-testid="kb-results"] mark').allTextContents();

beforeAll(async () => {
  app = await startDemoApp();
  ({ server, browser, database } = app);
});

afterAll(() => app?.close());

describe('the knowledge base in headless Chromium', () => {
  it('searches the Chinese workspace in Chinese, with a 2-character word too, and opens a hit', async () => {
    const { page } = browser;
    await signInLocally('王芳');
    await page.click('nav.main a[href="/app/knowledge"]');
    await expect(page.locator('h1').textContent()).resolves.toBe('知识库');
    await search('等待时间');
    expect(await hitTitles()).toContain('客户平均等待时间缩短');
    expect(await marks()).toContain('等待时间');
    await shot('knowledge-zh');

    await search('拣货');
    expect(await hitTitles()).toEqual(['拣货时间缩短']);
    expect(await marks()).toContain('拣货');

    // user text stays text: the title with < > & shows as typed, its hit marked inside it
    await search('测试版');
    expect(await hitTitles()).toEqual(['知识库 <测试版> & “常见问题”上线']);
    expect(await page.locator('[data-testid="kb-hit"] > a mark').allTextContents()).toEqual(['测试版']);

    await search('拣货');
    await page.click('[data-testid="kb-hit"] > a');
    await page.waitForURL(/\/app\/outcomes\//);
    await expect(page.locator('[data-testid="similar-outcomes"] h2').textContent()).resolves.toBe('类似的以往成果');
  });

  it('searches the English workspace in English and filters by indicator class', async () => {
    const { page } = browser;
    await signInLocally('Priya Patel');
    await page.goto(`${server.url}/app/knowledge?lang=en`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Knowledge');
    await search('time');
    const all = await hitTitles();
    expect(all).toContain('Shorter customer waiting time');
    expect(all.every((t) => !/[\u4e00-\u9fff]/.test(t))).toBe(true);
    expect(await marks()).toContain('time');
    await page.selectOption('select[name="class"]', 'process');
    await Promise.all([page.waitForURL(/class=process/), page.click('[data-testid="kb-search"] button[type="submit"]')]);
    // the two process-class outcomes that mention "time"
    expect((await hitTitles()).sort()).toEqual(['Automatic ticket tagging', 'Faster order picking']);
    expect(all.length).toBeGreaterThan(2);
    await shot('knowledge-en');
  });

  it('logged no console errors and no page errors', () => {
    expect(browser.problems).toEqual([]);
  });
});

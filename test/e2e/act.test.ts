/**
 * The whole loop in real Chromium on the demo data with local sign-in (no platform configured):
 * a member submits, the manager and the PMO approve with scores, the member records the 90-day
 * review (the metric started from a template); and request changes → resubmit → reject. Each in both languages, at desktop and at
 * phone width (390 px). Screenshots go to test/.artifacts/screenshots/act; with README_SHOTS=1
 * the README's ones are also written to test/e2e/screenshots.
 */
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outcomes, reviewSchedules } from '../../src/db/schema/index.ts';
import { startNodeServer, type NodeServer } from '../../src/entry/node.ts';
import { quietLog } from '../../src/log.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { freshDb } from '../helpers/db.ts';
import { startBrowser, type Browser } from './browser.ts';

const SHOTS = join(import.meta.dirname, '../.artifacts/screenshots/act');
const README_SHOTS = join(import.meta.dirname, 'screenshots');

let server: NodeServer;
let browser: Browser;
let database: Awaited<ReturnType<typeof freshDb>>;

/** The demo people and texts of one language (src/seed/demo-data.ts). */
const CAST = {
  'zh-CN': { member: '张伟', manager: '李强', pmo: '王芳', project: '移动端改版', done: { submitted: '已提交', approve: '已通过', request_changes: '已要求修改', resubmitted: '已重新提交', reject: '已驳回', reviewed: '复盘已记录' } },
  en: { member: 'Sam Taylor', manager: 'Marcus Lee', pmo: 'Priya Patel', project: 'Mobile app redesign', done: { submitted: 'Submitted', approve: 'Approved', request_changes: 'Changes requested', resubmitted: 'Resubmitted', reject: 'Rejected', reviewed: 'Review recorded' } },
} as const;
type Lang = keyof typeof CAST;
const WIDTHS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } } as const;

async function shot(name: string, readme = false) {
  const path = join(SHOTS, `${name}.png`);
  await browser.page.screenshot({ path, fullPage: true });
  if (readme && process.env.README_SHOTS === '1') await copyFile(path, join(README_SHOTS, `${name}.png`));
}

async function signIn(name: string) {
  const { page } = browser;
  await page.context().clearCookies();
  await page.goto(`${server.url}/app/approvals`);
  await page.click('[data-testid="signin-local"]');
  await page.click(`button:has-text("${name}")`);
  await page.waitForURL(/\/app\/approvals/);
}

/** Waits for the notice an action leaves on the inbox, and checks its words. */
async function done(lang: Lang, what: keyof (typeof CAST)['en']['done']) {
  await browser.page.waitForURL(new RegExp(`done=${what}`));
  expect(await browser.page.locator('[data-testid="act-done"]').textContent()).toContain(CAST[lang].done[what]);
}

async function submit(lang: Lang, title: string) {
  const { page } = browser;
  await page.click('[data-testid="new-outcome"]');
  // A template fills the metric's name, unit and direction, and the indicator class.
  await page.selectOption('[data-testid="template-0"]', 'builtin.error_rate');
  await Promise.all([page.waitForLoadState('load'), page.click('[data-testid="apply-template-0"]')]);
  expect(await page.inputValue('input[name="metrics.0.name"]')).toBe(lang === 'en' ? 'Error rate' : '差错率');
  expect(await page.inputValue('select[name="indicatorClass"]')).toBe('impact');
  await page.fill('input[name="title"]', title);
  await page.fill('textarea[name="description"]', lang === 'en' ? 'Checkout moved to one screen, so fewer orders fail before paying.' : '结账流程合并为一个页面，付款前出错的订单更少了，数据来自应用分析。');
  await page.selectOption('select[name="projectId"]', { label: CAST[lang].project });
  await page.fill('input[name="dueDate"]', '2026-12-15');
  await page.fill('input[name="metrics.0.baseline"]', '30');
  await page.fill('input[name="metrics.0.target"]', '20');
  await page.fill('input[name="links.0"]', 'https://example.com/analytics');
  return page;
}

/** The decision form of the outcome titled `title` in the open inbox. */
const decisionOf = (title: string) => browser.page.locator('section[data-testid^="decide-"]', { hasText: title });

async function decide(title: string, decision: 'approve' | 'request_changes' | 'reject', comment = '') {
  const card = decisionOf(title);
  if (decision === 'approve') for (const [dim, n] of [['impact', '4'], ['difficulty', '3'], ['innovation', '5']]) await card.locator(`select[name="${dim}"]`).selectOption(n!);
  if (comment) await card.locator('textarea[name="comment"]').fill(comment);
  await card.locator(`button[value="${decision}"]`).click();
}

/** The 400 a refused form answers is expected: take its traces (the response, the console line) off the problem list. */
function expectedRefusal() {
  const traces = browser.problems.filter((p) => p.startsWith('HTTP 400') || p.includes('status of 400'));
  expect(traces.length).toBe(2);
  for (const t of traces) browser.problems.splice(browser.problems.indexOf(t), 1);
}

const statusOf = async (title: string) => (await database.db.select().from(outcomes).where(eq(outcomes.title, title)))[0];

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  await mkdir(README_SHOTS, { recursive: true });
  database = await freshDb();
  await seedDemo(database.db);
  server = await startNodeServer({ env: { DATABASE_URL: database.url }, port: 0, hostname: '127.0.0.1', jobIntervalMs: null, log: quietLog });
  browser = await startBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await database?.close();
});

describe.each([
  ['zh-CN', 'desktop'],
  ['en', 'phone'],
] as const)('the local loop in %s at %s width', (lang, width) => {
  const c = CAST[lang];
  const title = lang === 'en' ? 'Fewer abandoned checkouts' : '结账流失率下降';
  const tag = `${lang}-${width}`;
  // The README shows the English loop on a phone, and the Chinese inbox on a desktop.
  const readme = lang === 'en';

  it('a member submits, the manager and the PMO approve with scores, the member records the 90-day review', async () => {
    await browser.page.setViewportSize(WIDTHS[width]);
    await signIn(c.member);
    const page = await submit(lang, title);
    await shot(`${tag}-1-submit-form`, readme);
    await page.click('[data-testid="submit-outcome"]');
    await done(lang, 'submitted');
    expect((await statusOf(title))?.status).toBe('submitted');

    await signIn(c.manager);
    await expect(decisionOf(title).count()).resolves.toBe(1);
    await shot(`${tag}-2-manager-inbox`, true);
    await decide(title, 'approve');
    await done(lang, 'approve');
    expect((await statusOf(title))?.status).toBe('manager_approved');

    await signIn(c.pmo);
    await decide(title, 'approve');
    await done(lang, 'approve');
    const o = (await statusOf(title))!;
    expect(o.status).toBe('verified');
    await shot(`${tag}-3-pmo-approved`, readme);

    await signIn(c.member);
    await page.locator('[data-testid="my-reviews"] li', { hasText: title }).locator('a.button').click();
    await page.fill('input[data-testid="actual"]', '21');
    await shot(`${tag}-4-review-form`, readme);
    await page.click('[data-testid="save-review"]');
    await done(lang, 'reviewed');
    const [s] = await database.db.select().from(reviewSchedules).where(eq(reviewSchedules.outcomeId, o.id));
    expect(s!.status).toBe('done');
    await page.goto(`${server.url}/app/outcomes/${o.id}`);
    await shot(`${tag}-5-outcome`, readme);
  });
});

describe.each([
  ['en', 'desktop'],
  ['zh-CN', 'phone'],
] as const)('request changes, resubmit and reject in %s at %s width', (lang, width) => {
  const c = CAST[lang];
  const title = lang === 'en' ? 'Shorter onboarding' : '入职时间缩短';

  it('the manager asks for changes with a comment, the member edits and resubmits, the manager rejects', async () => {
    await browser.page.setViewportSize(WIDTHS[width]);
    await signIn(c.member);
    const page = await submit(lang, title);
    await page.click('[data-testid="submit-outcome"]');
    await done(lang, 'submitted');

    await signIn(c.manager);
    // Without a comment the manager is told why, beside the outcome, and nothing changes.
    await decide(title, 'request_changes');
    await expect(decisionOf(title).locator('[data-testid="problems"]').count()).resolves.toBe(1);
    expect((await statusOf(title))?.status).toBe('submitted');
    expectedRefusal();
    await decide(title, 'request_changes', lang === 'en' ? 'Add the HR report.' : '请补充人事报表。');
    await done(lang, 'request_changes');

    await signIn(c.member);
    await page.locator('[data-testid="changes"] li', { hasText: title }).locator('a.button').click();
    await page.fill('input[name="title"]', `${title} (v2)`);
    await shot(`${lang}-${width}-edit-form`);
    await page.click('[data-testid="submit-outcome"]');
    await done(lang, 'resubmitted');
    expect(await statusOf(`${title} (v2)`)).toMatchObject({ status: 'submitted', round: 2 });

    await signIn(c.manager);
    await decide(`${title} (v2)`, 'reject', lang === 'en' ? 'Out of scope this year.' : '今年不在范围内。');
    await done(lang, 'reject');
    await shot(`${lang}-${width}-rejected`);
    expect((await statusOf(`${title} (v2)`))?.status).toBe('rejected');
  });
});

describe('the browser', () => {
  it('logged no console errors, page errors or failed requests', () => {
    expect(browser.problems).toEqual([]);
  });
});

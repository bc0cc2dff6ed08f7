/**
 * Comments and the delivery page in headless Chromium against the real Node server with the
 * demo data and no platform connected: at desktop and phone width (390 px), in both languages,
 * with screenshots saved under test/.artifacts/screenshots.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox, outcomeComments } from '../../src/db/schema/index.ts';
import type { NodeServer } from '../../src/entry/node.ts';
import type { Browser } from './browser.ts';
import { startDemoApp, type DemoApp } from './demo-app.ts';


let app: DemoApp;
let server: NodeServer;
let browser: Browser;
let database: DemoApp['database'];

const shot = (name: string) => app.shot(name);
const WIDTHS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } } as const;

const signInLocally = (personName: string) => app.signInLocally(personName);

/** No part of the page sticks out sideways at this width (a phone scrolls tables inside their card). */
const fitsWidth = () =>
  browser.page.evaluate(() => {
    // No DOM lib in this tsconfig: the document's shape, as much as this check uses.
    const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
    return root.scrollWidth <= root.clientWidth + 1;
  });

beforeAll(async () => {
  app = await startDemoApp();
  ({ server, browser, database } = app);
});

afterAll(() => app?.close());

describe('comments and the delivery page in headless Chromium', () => {
  const cases = [
    { lang: 'zh', who: '张伟', outcome: 'demo-cn-outcome-wait', size: 'desktop', text: '三月的数据已更新。', label: '发表', audit: '评论' },
    { lang: 'en', who: 'Sam Taylor', outcome: 'demo-en-outcome-wait', size: 'phone', text: 'March numbers are in.', label: 'Post comment', audit: 'Commented' },
  ] as const;

  it.each(cases)('a member comments on their outcome ($lang, $size)', async (c) => {
    const { page } = browser;
    await page.setViewportSize(WIDTHS[c.size]);
    await signInLocally(c.who);
    await page.goto(`${server.url}/app/outcomes/${c.outcome}?lang=${c.lang === 'zh' ? 'zh-CN' : 'en'}`);
    await page.fill('[data-testid="comment-form"] textarea[name="body"]', c.text);
    await page.click(`[data-testid="comment-form"] button:has-text("${c.label}")`);
    await page.waitForURL(/#comments$/);
    await expect(page.locator('[data-testid="comments"] li').last().textContent()).resolves.toContain(c.text);
    // The audit trail shows it, from the web.
    await expect(page.locator('[data-testid="outcome-audit"] tbody tr').first().textContent()).resolves.toContain(c.audit);
    expect(await page.locator('[data-testid="outcome-audit"] tr[data-via="web"]').count()).toBeGreaterThan(0);
    expect(await fitsWidth()).toBe(true);
    await page.locator('#comments').scrollIntoViewIfNeeded();
    await shot(`comment-${c.lang}-${c.size}`);
    const stored = await database.db.select().from(outcomeComments).where(eq(outcomeComments.outcomeId, c.outcome));
    expect(stored.map((s) => s.body)).toEqual([c.text]);
    // Its notices wait in the outbox: no platform is connected to send them.
    const notes = await database.db.select().from(outbox).where(eq(outbox.kind, 'comment_added'));
    expect(notes.filter((n) => (n.payload as { commentId?: string }).commentId === stored[0]!.id).length).toBeGreaterThan(0);
  });

  const admins = [
    { lang: 'zh-CN', who: '赵敏', ws: 'demo-cn', size: 'desktop', notDelivered: '未送达：尚未接入任何平台', retry: '重试', retried: '消息已重新排队' },
    { lang: 'en', who: 'Alex Morgan', ws: 'demo-en', size: 'phone', notDelivered: 'not delivered: no platform connected', retry: 'Retry', retried: 'The message was queued again' },
  ] as const;

  it.each(admins)('an admin retries a dead message on the delivery page ($lang, $size)', async (a) => {
    const { page } = browser;
    const id = `e2e-dead-${a.ws}`;
    await database.db.insert(outbox).values({ id, workspaceId: a.ws, platform: a.ws === 'demo-cn' ? 'feishu' : 'slack', kind: 'decision_notice', destination: 'nobody', payload: {}, status: 'dead', attempts: 12, lastError: 'no sender configured', nextAttemptAt: new Date() });
    await page.setViewportSize(WIDTHS[a.size]);
    await signInLocally(a.who);
    await page.goto(`${server.url}/app/delivery?state=dead&lang=${a.lang}`);
    const row = page.locator(`tr[data-row="${id}"]`);
    await expect(row.textContent()).resolves.toContain(a.notDelivered);
    expect(await fitsWidth()).toBe(true);
    await shot(`delivery-${a.lang}-${a.size}`);
    await row.locator(`button:has-text("${a.retry}")`).click();
    await page.waitForURL(/state=pending&retried=1/);
    await expect(page.locator('[data-testid="retried"]').textContent()).resolves.toContain(a.retried);
    await shot(`delivery-retried-${a.lang}-${a.size}`);
    const [stored] = await database.db.select().from(outbox).where(eq(outbox.id, id));
    expect(stored!.status).not.toBe('dead');
    // The workspace audit trail records the retry.
    await page.goto(`${server.url}/app/audit`);
    await expect(page.locator('[data-testid="audit-trail"] tr[data-action="delivery_retry"]').count()).resolves.toBe(1);
    await shot(`audit-${a.lang}-${a.size}`);
  });

  it('saw no console errors or failed requests', () => {
    expect(browser.problems).toEqual([]);
  });
});

/**
 * Headless Chromium for the browser tests, driven by playwright-core, with a fresh profile per
 * run. The browser comes with `npm install`: @sparticuz/chromium ships a Chromium build inside
 * its npm package (unpacked to the temp folder on first use), so no system browser is needed;
 * CHROMIUM_PATH picks another one. A browser that cannot start is a failure that says what to
 * do, never a skip.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import shippedChromium from '@sparticuz/chromium';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** The Chromium to drive: CHROMIUM_PATH, else the one @sparticuz/chromium ships. */
async function chromiumPath(): Promise<string> {
  if (process.env.CHROMIUM_PATH) {
    if (!existsSync(process.env.CHROMIUM_PATH)) throw new Error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist. Unset it to use the Chromium that npm install brings (@sparticuz/chromium).`);
    return process.env.CHROMIUM_PATH;
  }
  try {
    return await shippedChromium.executablePath();
  } catch (err) {
    throw new Error(`The Chromium shipped in @sparticuz/chromium could not be unpacked (${String(err)}). Run npm install again, or set CHROMIUM_PATH to a Chromium (e.g. apt-get install -y chromium → /usr/bin/chromium). The browser tests do not skip.`);
  }
}
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught page errors seen so far (the tests require none). */
  problems: string[];
  close(): Promise<void>;
}

/** Starts Chromium with a new profile; throws a clear message when it is not installed. */
export async function startBrowser(): Promise<Browser> {
  // An explicit locale: without one this Chromium takes it from LANG, and with LANG unset (CI) it reports
  // "en-US@posix", which Intl rejects in the page's scripts.
  const executablePath = await chromiumPath();
  const profile = await mkdtemp(join(tmpdir(), 'outcome-chromium-'));
  const context = await chromium
    .launchPersistentContext(profile, { executablePath, headless: true, args: FLAGS, acceptDownloads: true, viewport: { width: 1280, height: 900 }, locale: 'en-US' })
    .catch((err: unknown) => {
      // Usually a missing system library: the shipped build links libnss3 from the system.
      throw new Error(`Chromium at ${executablePath} did not start: ${String(err).split('\n')[0]}. On Debian/Ubuntu: apt-get install -y libnss3 (or install Debian's chromium and set CHROMIUM_PATH=/usr/bin/chromium). The browser tests do not skip.`);
    });
  const problems: string[] = [];
  const watch = (p: Page) => {
    p.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    p.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    p.on('response', (r) => {
      if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
    });
  };
  context.on('page', watch);
  const page = context.pages()[0] ?? (await context.newPage());
  watch(page);
  return {
    context,
    page,
    problems,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

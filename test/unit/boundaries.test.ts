import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messages } from '../../src/i18n/index.ts';
import { specifiers, tsFiles } from './import-graph.ts';

const ROOT = join(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
    .map((e) => join(e.parentPath, e.name));
}

describe('architecture boundaries (design.md §8 rule 1)', () => {
  const FORBIDDEN = /(?:from|import)\s*\(?\s*['"](hono|drizzle-orm|@slack\/|@larksuiteoapi\/|@libsql\/|node:|wrangler|cloudflare:)/;

  it.each(['src/domain', 'src/i18n', 'cards'])('%s imports no framework, SDK, driver or node:*', (dir) => {
    const offenders = sources(dir).filter((f) => FORBIDDEN.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(ROOT, f))).toEqual([]);
  });

  it('cards/ imports nothing from src/', () => {
    const offenders = sources('cards').filter((f) => /from\s+['"](\.\.\/)+src\//.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(ROOT, f))).toEqual([]);
  });

  it('the boundary check itself catches a forbidden import', () => {
    expect(FORBIDDEN.test("import { Hono } from 'hono';")).toBe(true);
    expect(FORBIDDEN.test("import { readFile } from 'node:fs';")).toBe(true);
    expect(FORBIDDEN.test("import { addDays } from 'date-fns';")).toBe(false);
  });
});

describe('no AsyncLocalStorage (src/request-context.ts)', () => {
  // On Node 22 one store in use hooks every promise of the process (≈ 1 µs each, bench/ack.ts):
  // a request's context travels on its deps and database handle instead.
  const USES_ASYNC_HOOKS = /['"](node:)?async_hooks['"]|\bAsyncLocalStorage\b/;
  const code = (f: string) => readFileSync(f, 'utf8').replace(/^\s*(\/\/|\*|\/\*\*).*$/gm, '');

  it('no module in src/ imports async_hooks or makes an AsyncLocalStorage', () => {
    expect(sources('src').filter((f) => USES_ASYNC_HOOKS.test(code(f))).map((f) => relative(ROOT, f))).toEqual([]);
  });

  it('the check itself catches both, and not a comment that names them', () => {
    expect(USES_ASYNC_HOOKS.test("import { AsyncLocalStorage } from 'node:async_hooks';")).toBe(true);
    expect(USES_ASYNC_HOOKS.test('const s = new AsyncLocalStorage();')).toBe(true);
    expect(USES_ASYNC_HOOKS.test(code(join(ROOT, 'src/request-context.ts')))).toBe(false);
    expect(readFileSync(join(ROOT, 'src/request-context.ts'), 'utf8')).toContain('AsyncLocalStorage');
  });
});

describe('reads have a home (issue 9 point 6)', () => {
  /** Where drizzle-orm may be imported: the database layer, and the entries that open the drivers. */
  const HOMES = ['src/db/', 'src/entry/'];
  /**
   * Files that still query outside src/db, to be moved. Empty now that every query has its home;
   * kept so a move in steps has a place to say so. The list only shrinks: an entry that no longer
   * imports drizzle-orm fails the test until it is deleted here.
   */
  const NOT_YET_MOVED: readonly string[] = [];
  const importsDrizzle = (text: string) => specifiers(text).some((s) => s === 'drizzle-orm' || s.startsWith('drizzle-orm/'));
  const drizzleUsers = tsFiles(ROOT, ['src', 'cards'])
    .filter((f) => importsDrizzle(readFileSync(f, 'utf8')))
    .map((f) => relative(ROOT, f));

  it('drizzle-orm is imported only in src/db and src/entry', () => {
    expect(drizzleUsers.filter((f) => !HOMES.some((h) => f.startsWith(h)) && !NOT_YET_MOVED.includes(f))).toEqual([]);
    // The check must see the database layer itself, or it would pass on reading nothing.
    expect(drizzleUsers).toContain('src/db/queries/visibility.ts');
  });

  /** Entries of the allowlist that no longer import drizzle-orm. */
  const stale = (list: readonly string[]) => list.filter((f) => !drizzleUsers.includes(f));

  it('every file still listed as not yet moved imports drizzle-orm (the list only shrinks)', () => {
    expect(stale(NOT_YET_MOVED)).toEqual([]);
    // The check itself: an entry that was moved is reported, one that still queries is not.
    expect(stale(['src/feishu/inbound/handle-once.ts', 'src/db/queries/visibility.ts'])).toEqual(['src/feishu/inbound/handle-once.ts']);
  });

  it('the check sees every form of a drizzle import', () => {
    expect(importsDrizzle("import { eq } from 'drizzle-orm';")).toBe(true);
    expect(importsDrizzle("import type { SQL } from 'drizzle-orm';")).toBe(true);
    expect(importsDrizzle("import { alias } from 'drizzle-orm/sqlite-core';")).toBe(true);
    expect(importsDrizzle("const { sql } = await import('drizzle-orm');")).toBe(true);
    expect(importsDrizzle("import { readExportRows } from '../../db/queries/export.ts';")).toBe(false);
    expect(importsDrizzle("import { x } from 'drizzle-ormish';")).toBe(false);
  });
});

describe('message keys', () => {
  it('every key literal the source uses exists in the catalogue', () => {
    const KEY = /['"]((?:error|smart|score|status|alert|nps|okr|schedule|stage|decision|direction|indicator|settings|card|slack|feishu|survey|review|digest)\.[a-z_]+)['"]/g;
    const used = new Set(sources('src').flatMap((f) => [...readFileSync(f, 'utf8').matchAll(KEY)].map((m) => m[1]!)));
    const missing = [...used].filter((k) => !(k in messages.en) || !(k in messages['zh-CN']));
    expect(used.size).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });
});

import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messages } from '../../src/i18n/index.ts';

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

describe('message keys', () => {
  it('every key literal the source uses exists in the catalogue', () => {
    const KEY = /['"]((?:error|smart|score|status|alert|nps|okr|schedule|stage|decision|direction|indicator|settings|card|slack|feishu|survey|review|digest)\.[a-z_]+)['"]/g;
    const used = new Set(sources('src').flatMap((f) => [...readFileSync(f, 'utf8').matchAll(KEY)].map((m) => m[1]!)));
    const missing = [...used].filter((k) => !(k in messages.en) || !(k in messages['zh-CN']));
    expect(used.size).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });
});

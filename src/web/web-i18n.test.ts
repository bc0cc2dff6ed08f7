import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messages } from '../i18n/index.ts';
import { CSV_COLUMNS } from './queries/export.ts';
import { STATUS_GROUPS } from './queries/portfolio.ts';

const files = readdirSync(import.meta.dirname, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.includes('generated'))
  .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'));
const has = (key: string) => key in messages.en && key in messages['zh-CN'];

describe('mini-app texts', () => {
  it('every web.* key written in src/web exists in English and Chinese', () => {
    const used = new Set(files.flatMap((f) => [...f.matchAll(/'(web\.[a-z_.]+[a-z_])'/g)].map((m) => m[1]!)));
    expect(used.size).toBeGreaterThan(100);
    expect([...used].filter((k) => !has(k))).toEqual([]);
  });

  it('every key built from a value exists (CSV columns, status groups, evidence, reviews, NPS kinds, Feishu page)', () => {
    const built = [
      ...CSV_COLUMNS.map((c) => `web.csv.${c}`),
      ...Object.keys(STATUS_GROUPS).map((g) => `web.group.${g}`),
      ...['link', 'file', 'image', 'certificate'].map((k) => `web.evidence.${k}`),
      ...['first', 'second'].map((k) => `web.review.kind.${k}`),
      ...['scheduled', 'notified', 'done', 'cancelled'].map((k) => `web.review.status.${k}`),
      ...['baseline', 'follow_up'].map((k) => `web.nps.kind.${k}`),
      ...['starting', 'exchanging', 'failed', 'refused', 'outside'].map((k) => `web.feishu.${k}`),
    ];
    expect(built.filter((k) => !has(k))).toEqual([]);
  });
});

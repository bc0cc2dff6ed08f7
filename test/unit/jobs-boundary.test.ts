import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

describe('the scheduler reads through src/db/queries (issue 9, point 6)', () => {
  it('src/jobs imports no drizzle-orm', () => {
    const files = readdirSync(join(ROOT, 'src/jobs'), { withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.ts'))
      .map((e) => join(e.parentPath, e.name));
    expect(files.length).toBeGreaterThan(3);
    const offenders = files.filter((f) => /(?:from|import)\s*\(?\s*['"]drizzle-orm/.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(ROOT, f))).toEqual([]);
  });
});

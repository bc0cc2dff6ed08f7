import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCycles, importGraph, resolveSpecifier, specifiers, tsFiles } from './import-graph.ts';

const ROOT = join(import.meta.dirname, '../..');

/**
 * Known cycles, each as findCycles reports it (`a.ts → b.ts → a.ts`). Empty today; an entry
 * must still be a cycle, so this list can only shrink.
 */
const KNOWN_CYCLES: readonly string[] = [];

describe('import cycles (design.md §8)', () => {
  const graph = importGraph(ROOT, tsFiles(ROOT, ['src', 'cards']));
  const cycles = findCycles(graph).map((c) => c.join(' → '));

  it('reads the whole source tree', () => {
    // A resolver that silently read nothing would find no cycles: the app's own wiring must show up.
    expect(graph.size).toBeGreaterThan(200);
    expect(graph.get('src/app.ts')).toContain('src/app-env.ts');
    expect(graph.get('src/entry/node.ts')).toContain('src/deps.ts');
  });

  it('src/ and cards/ have no import cycle, type-only imports included', () => {
    expect(cycles.filter((c) => !KNOWN_CYCLES.includes(c))).toEqual([]);
  });

  it('every known cycle still exists (the list only shrinks)', () => {
    expect(KNOWN_CYCLES.filter((c) => !cycles.includes(c))).toEqual([]);
  });
});

describe('the import resolver', () => {
  it('reads static, type-only, re-exported, side-effect and dynamic imports, and skips comments', () => {
    const text = [
      "import { a } from './a.ts';",
      "import type {\n  B,\n  C,\n} from './b.ts';",
      "export { d } from './d.ts';",
      "export * from './e.ts';",
      "import './f.ts';",
      "const g = await import('./g.ts');",
      "// import { x } from './commented.ts';",
      "/** import { y } from './doc.ts'; */",
      "export const h = 'from \"./not-an-import.ts\"';",
    ].join('\n');
    expect(specifiers(text).sort()).toEqual(['./a.ts', './b.ts', './d.ts', './e.ts', './f.ts', './g.ts']);
  });

  it('resolves relative .ts files only', () => {
    const from = join(ROOT, 'src/app.ts');
    expect(resolveSpecifier(from, './app-env.ts')).toBe(join(ROOT, 'src/app-env.ts'));
    expect(resolveSpecifier(from, 'hono')).toBeNull();
    expect(resolveSpecifier(from, '../package.json')).toBeNull();
  });

  it('finds each cycle and reports its path', () => {
    const graph = new Map([
      ['c.ts', ['a.ts']],
      ['a.ts', ['b.ts', 'leaf.ts']],
      ['b.ts', ['c.ts']],
      ['leaf.ts', []],
      ['self.ts', ['self.ts']],
    ]);
    expect(findCycles(graph)).toEqual([
      ['a.ts', 'b.ts', 'c.ts', 'a.ts'],
      ['self.ts', 'self.ts'],
    ]);
    expect(findCycles(new Map([['a.ts', ['b.ts']], ['b.ts', []]]))).toEqual([]);
  });
});

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * A small import resolver for the architecture tests: reads the module specifiers of a
 * TypeScript file as the compiler would see them (type-only imports included, since a
 * type cycle is still a cycle for the reader) without running or compiling anything.
 */

// `import … from '…'`, `import type … from '…'`, `export … from '…'` (statement starts a line), `import '…'`.
const STATIC = /^[ \t]*(?:import|export)\b[^;'"`]*?\bfrom\s*['"]([^'"]+)['"]/gm;
const SIDE_EFFECT = /^[ \t]*import\s*['"]([^'"]+)['"]/gm;
const DYNAMIC = /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Drops comments so an example in a JSDoc block is not read as an import. */
function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^[ \t]*\/\/.*$/gm, '');
}

/** Every module specifier a source text imports or re-exports, static or dynamic. */
export function specifiers(text: string): string[] {
  const code = stripComments(text);
  return [...code.matchAll(STATIC), ...code.matchAll(SIDE_EFFECT), ...code.matchAll(DYNAMIC)].map((m) => m[1]!);
}

/** The .ts file a relative specifier names, or null (packages, assets, JSON). */
export function resolveSpecifier(fromFile: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(fromFile), spec);
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) if (candidate.endsWith('.ts') && existsSync(candidate)) return candidate;
  return null;
}

/** The .ts files under `dirs` (relative to `root`), tests included. */
export function tsFiles(root: string, dirs: readonly string[]): string[] {
  return dirs.flatMap((dir) =>
    readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.ts'))
      .map((e) => join(e.parentPath, e.name)),
  );
}

/** file → the files it imports, keys and values relative to `root`. */
export function importGraph(root: string, files: readonly string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const targets = specifiers(readFileSync(file, 'utf8')).flatMap((s) => resolveSpecifier(file, s) ?? []);
    graph.set(relative(root, file), [...new Set(targets.map((t) => relative(root, t)))].sort());
  }
  return graph;
}

/**
 * The import cycles of a graph: one per strongly connected component of more than one file
 * (or a file importing itself), each given as a path that starts and ends at its smallest
 * file name, so a report reads "a.ts → b.ts → a.ts" and is the same from run to run.
 */
export function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let counter = 0;
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      for (let w = stack.pop()!; ; w = stack.pop()!) {
        onStack.delete(w);
        component.push(w);
        if (w === v) break;
      }
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) components.push(component.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return components.map((c) => shortestLoop(graph, c)).sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/** The shortest path from the component's first file back to itself, inside the component. */
function shortestLoop(graph: ReadonlyMap<string, readonly string[]>, component: readonly string[]): string[] {
  const inside = new Set(component);
  const start = component[0]!;
  const previous = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i]!;
    for (const w of graph.get(v) ?? []) {
      if (!inside.has(w)) continue;
      if (w === start) {
        const between: string[] = [];
        for (let u = v; u !== start; u = previous.get(u)!) between.unshift(u);
        return [start, ...between, start];
      }
      if (!previous.has(w)) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

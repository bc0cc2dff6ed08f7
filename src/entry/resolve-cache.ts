/**
 * Preloaded by `npm start` (`node --import`): a resolve hook that works around Node 22's
 * module resolution re-parsing a package's entire `exports` map for every module it resolves
 * (to read the package's `type`). drizzle-orm's and date-fns's package.json are ~190 KB each
 * and the app loads ~150 of their modules, which cost about a second of start time.
 *
 * Two shortcuts, both giving the answer Node's own resolver would:
 * - a relative `.js` import inside node_modules is that file, its format the nearest
 *   package.json's `type` (read once per folder);
 * - a bare specifier imported from our own code resolves to the same file from any of our
 *   files (one node_modules), so it is resolved once per specifier.
 * Everything else goes to Node's resolver unchanged.
 */
import { readFileSync } from 'node:fs';
import * as nodeModule from 'node:module';
import type { ResolveFnOutput, ResolveHookContext } from 'node:module';
import { fileURLToPath } from 'node:url';

const typeByFolder = new Map<string, string>();

/** The `type` of the package that owns `url`: the nearest package.json's, as Node reads it. */
function packageType(url: URL): string {
  let dir = new URL('.', url);
  for (;;) {
    const known = typeByFolder.get(dir.href);
    if (known) return known;
    try {
      const type = (JSON.parse(readFileSync(fileURLToPath(new URL('package.json', dir).href), 'utf8')) as { type?: string }).type ?? 'commonjs';
      typeByFolder.set(dir.href, type);
      return type;
    } catch {
      const up = new URL('..', dir);
      if (up.href === dir.href) return 'commonjs';
      dir = up;
    }
  }
}

const bare = new Map<string, ResolveFnOutput>();
const isBare = (s: string) => !s.startsWith('.') && !s.startsWith('/') && !/^[a-z]+:/.test(s);

// registerHooks runs in-thread and synchronously (Node ≥ 22.15); on older 22.x Node resolves alone, only slower.
// A namespace import: a named import of a missing export would fail to link on those versions.
(nodeModule.registerHooks as typeof nodeModule.registerHooks | undefined)?.({
  resolve(specifier: string, context: ResolveHookContext, next: (s: string, c?: ResolveHookContext) => ResolveFnOutput): ResolveFnOutput {
    const parent = context.parentURL;
    if (parent?.includes('/node_modules/') && specifier.endsWith('.js') && (specifier.startsWith('./') || specifier.startsWith('../'))) {
      const url = new URL(specifier, parent);
      if (packageType(url) === 'module') return { url: url.href, format: 'module', shortCircuit: true };
    }
    if (parent?.startsWith('file:') && !parent.includes('/node_modules/') && isBare(specifier)) {
      const key = `${specifier}\0${context.conditions.join(',')}\0${context.importAttributes.type ?? ''}`;
      const hit = bare.get(key);
      if (hit) return { ...hit, shortCircuit: true };
      const resolved = next(specifier, context);
      bare.set(key, resolved);
      return resolved;
    }
    return next(specifier, context);
  },
});

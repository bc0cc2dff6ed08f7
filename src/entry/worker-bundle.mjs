// The Worker as ES modules built with esbuild (a dev dependency) from the TypeScript sources:
// wrangler.toml runs this as its custom build and uploads the output as it is (no_bundle).
// Plain JavaScript because wrangler runs it before anything can strip types.
//
// Why our own build: wrangler's bundler inlines every dynamic import() into one script, and
// workerd compiles the script the start imports whole, so the start paid for compiling all
// of it (Bolt, the Lark SDK, every page). Split into chunks, the start compiles only
// src/entry/worker.ts; the service and each platform's SDK are modules of their own that
// workerd compiles when they are first imported (the first request; the first Feishu event).
//
//   node src/entry/worker-bundle.mjs   (wrangler runs it for `wrangler dev`, `deploy`, `check startup`)
import { readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** wrangler.toml's `main` and `base_dir` point here. */
export const OUT_DIR = join(ROOT, 'dist', 'worker');

/**
 * A `[name]` table of wrangler.toml as an object: wrangler.toml stays the one place for the
 * Worker's define and alias. Reads only flat `key = 'literal'` / `key = "basic"` lines, which
 * is all those two tables hold.
 */
export function wranglerTable(name, toml = readFileSync(join(ROOT, 'wrangler.toml'), 'utf8')) {
  const table = {};
  let inside = false;
  for (const raw of toml.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('[')) inside = line === `[${name}]`;
    const entry = inside && line.match(/^("[^"]+"|[\w.-]+)\s*=\s*('[^']*'|"(?:[^"\\]|\\.)*")\s*(#.*)?$/);
    if (!entry) continue;
    const key = entry[1].startsWith('"') ? JSON.parse(entry[1]) : entry[1];
    table[key] = entry[2].startsWith("'") ? entry[2].slice(1, -1) : JSON.parse(entry[2]);
  }
  return table;
}

// workerd provides Node's built-in modules under nodejs_compat (as wrangler's bundle leaves
// them): each stays an import of its `node:` name. A CommonJS require() of one (Bolt, axios)
// has no require to call in an ES module, so it becomes a small module importing it, as
// wrangler's own nodejs_compat build does.
const NODE_BUILTINS = new Set(builtinModules.filter((name) => !name.startsWith('_')));
const nodeBuiltins = {
  name: 'outcome-node-builtins',
  setup(build) {
    build.onResolve({ filter: /^(node:)?[a-z_/]+$/ }, (args) => {
      const name = args.path.replace(/^node:/, '');
      if (!NODE_BUILTINS.has(name)) return undefined;
      return args.kind === 'require-call' ? { path: `node:${name}`, namespace: 'node-require' } : { path: `node:${name}`, external: true };
    });
    build.onLoad({ filter: /.*/, namespace: 'node-require' }, (args) => ({
      contents: `import builtin from ${JSON.stringify(args.path)}; module.exports = builtin;`,
      loader: 'js',
    }));
  },
};

// zod's `z` namespace re-exports ~50 locales (~250 KiB minified) that no tree shaking can drop
// once `z` is used as an object; Outcome uses only English messages, which zod imports itself.
const zodEnglishOnly = {
  name: 'outcome-zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(join('node_modules', 'zod', 'v4')) ? { path: join(args.resolveDir, '../locales/en.js'), namespace: 'zod-locales' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({ contents: `export { default as en } from ${JSON.stringify(args.path)};`, loader: 'js', resolveDir: dirname(args.path) }));
  },
};

/** Builds the Worker's entry module and its chunks into `outDir` (emptied first); esbuild's result with its metafile. */
export async function buildWorker({ minify = true, outDir = OUT_DIR } = {}) {
  const esbuild = await import('esbuild');
  rmSync(outDir, { recursive: true, force: true });
  return esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: { worker: join(ROOT, 'src', 'entry', 'worker.ts') },
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    // Each dynamically imported module (the service, each platform's routes and SDK, the public
    // API) becomes a chunk that workerd compiles on that first import.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    format: 'esm',
    target: 'es2024',
    // wrangler's own choices for Workers: the packages' worker or browser builds.
    platform: 'browser',
    conditions: ['workerd', 'worker', 'browser'],
    // Half the bytes to upload and to compile; names stay for the stack traces in the logs.
    minify,
    keepNames: true,
    sourcemap: true,
    alias: wranglerTable('alias'),
    define: { 'process.env.NODE_ENV': '"production"', ...wranglerTable('define') },
    plugins: [nodeBuiltins, zodEnglishOnly],
    metafile: true,
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildWorker();

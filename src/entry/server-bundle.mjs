// The Node entry as one JavaScript file, built with esbuild (a dev dependency) from the
// TypeScript sources. Plain JavaScript because it runs before anything can strip types.
//
// Why a bundle: loading the app as ~600 separate ES modules through Node's type stripper
// costs about a second of start and ~25 MiB of memory (module records, the stripper itself);
// one file parses in a fraction of that. Modules the app imports lazily (each platform's
// SDK, the public API) stay lazy inside the bundle: esbuild wraps them in functions that
// run on the first import().
//
// The bundle lives two folders below the root (node_modules/.outcome/server.mjs), where
// src/db/migrate-node.ts is in the sources, so `../../migrations` finds the same folder.
import { mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT_DIR = join(ROOT, 'node_modules', '.outcome');
export const BUNDLE = join(OUT_DIR, 'server.mjs');
/** Where V8's compile cache of the bundle lives (Node's module.enableCompileCache). */
export const COMPILE_CACHE = join(OUT_DIR, 'compile-cache');

/** What the bundle is built from: a change to any of these makes it stale. */
const INPUTS = ['src', 'cards', 'package-lock.json', 'package.json'];

/** Newest modification time (ms) under the given paths; test files do not count. */
function newestMtime(paths) {
  let newest = 0;
  const visit = (path) => {
    const st = statSync(path, { throwIfNoEntry: false });
    if (!st) return;
    if (st.isDirectory()) {
      for (const name of readdirSync(path)) if (!name.endsWith('.test.ts')) visit(join(path, name));
    } else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of paths) visit(join(ROOT, p));
  return newest;
}

/** True when the bundle is missing or older than one of its inputs. */
export function bundleIsStale() {
  const built = statSync(BUNDLE, { throwIfNoEntry: false });
  return !built || built.mtimeMs < newestMtime(INPUTS);
}

// CommonJS packages inside an ES module bundle still call require() and read __dirname.
const BANNER = [
  "import { createRequire as __outcomeRequire } from 'node:module';",
  "import { fileURLToPath as __outcomeFileUrl } from 'node:url';",
  "import { dirname as __outcomeDirname } from 'node:path';",
  'const require = __outcomeRequire(import.meta.url);',
  'const __filename = __outcomeFileUrl(import.meta.url);',
  'const __dirname = __outcomeDirname(__filename);',
].join('\n');

/**
 * Builds the bundle with esbuild. Returns false (and builds nothing) when esbuild is not
 * installed, e.g. after `npm install --omit=dev`.
 */
export async function buildBundle() {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    return false;
  }
  const result = await esbuild.build({
    entryPoints: { server: join(ROOT, 'src', 'entry', 'node.ts') },
    outdir: OUT_DIR,
    outExtension: { '.js': '.mjs' },
    // Lazily imported modules (each platform with its SDK, the public API) go to chunks of
    // their own that Node reads and compiles only on that first import.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    // libsql is a native addon: it stays a package that Node loads from node_modules.
    external: ['libsql', '@libsql/*'],
    banner: { js: BANNER },
    logLevel: 'warning',
    legalComments: 'none',
    write: false,
  });
  // esbuild's build service is a child process; the server should have none.
  await esbuild.stop();
  // Each file is written aside and renamed, so a process starting meanwhile never imports
  // half a file; chunk names carry a content hash, and server.mjs (which names them) goes last.
  const files = [...result.outputFiles].sort((a, b) => Number(a.path === BUNDLE) - Number(b.path === BUNDLE));
  for (const file of files) {
    mkdirSync(dirname(file.path), { recursive: true });
    const tmp = `${file.path}.${process.pid}.tmp`;
    writeFileSync(tmp, file.contents);
    renameSync(tmp, file.path);
  }
  return true;
}

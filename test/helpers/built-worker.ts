/**
 * The Worker as it is deployed: the modules src/entry/worker-bundle.mjs built, in workerd
 * (Miniflare, the engine of `wrangler dev`), with wrangler.toml's compatibility settings and
 * [vars] and a D1 database with the real migrations. Each call is a fresh isolate.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readD1Migrations } from '@cloudflare/vitest-plugin';
import { convertV4MiniflareOptions, Miniflare } from 'miniflare';
import { unstable_getMiniflareWorkerOptions } from 'wrangler';

const ROOT = join(import.meta.dirname, '../..');

/** Options of {@link startBuiltWorker}. */
export interface BuiltWorkerOptions {
  /** The build folder (wrangler.toml's base_dir) and its entry module. */
  dir: string;
  main?: string;
  /** Variables and secrets, over wrangler.toml's [vars]. */
  bindings: Record<string, string>;
  /** Where D1 keeps its file (a fresh folder per isolate keeps runs apart). */
  d1Persist: string;
  /** Open the V8 inspector (for a CPU profile), on `mf.getInspectorURL()`. */
  inspector?: boolean;
}

/** Every .mjs/.js module under the build folder, the entry first (Miniflare's main module). */
function workerModules(dir: string, main: string): { type: 'ESModule'; path: string; contents: Uint8Array }[] {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.m?js$/.test(f));
  files.sort((a, b) => Number(b === main) - Number(a === main));
  return files.map((f) => ({ type: 'ESModule', path: join(dir, f), contents: readFileSync(join(dir, f)) }));
}

/** Starts the built Worker in a fresh isolate named `outcome`, its D1 migrated; dispose() it after. */
export async function startBuiltWorker(options: BuiltWorkerOptions): Promise<Miniflare> {
  const main = options.main ?? 'worker.mjs';
  const { workerOptions } = unstable_getMiniflareWorkerOptions(join(ROOT, 'wrangler.toml')) as {
    workerOptions: { compatibilityDate?: string; compatibilityFlags?: string[]; bindings?: Record<string, string> };
  };
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      name: 'outcome',
      compatibilityDate: workerOptions.compatibilityDate,
      compatibilityFlags: workerOptions.compatibilityFlags,
      modulesRoot: options.dir,
      modules: workerModules(options.dir, main),
      d1Databases: { DB: 'outcome' },
      d1Persist: options.d1Persist,
      ...(options.inspector ? { inspectorPort: 0 } : {}),
      // The Worker's request log lines would drown the test's and the bench's output.
      handleStructuredLogs: () => undefined,
      bindings: { ...workerOptions.bindings, ...options.bindings },
    }),
  );
  await mf.ready;
  // The same migrations `wrangler d1 migrations apply` runs; D1 is its own service, not this isolate.
  const db = await mf.getD1Database('DB');
  for (const m of await readD1Migrations(join(ROOT, 'migrations'))) await db.batch(m.queries.map((q) => db.prepare(q)));
  return mf;
}

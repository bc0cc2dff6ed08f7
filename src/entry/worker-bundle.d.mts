/** Types of worker-bundle.mjs (plain JavaScript so that wrangler's custom build runs it with plain node). */
import type { BuildResult } from 'esbuild';

/** Where the Worker is built: wrangler.toml's `main` (worker.mjs) and `base_dir`. */
export declare const OUT_DIR: string;
/** A flat `[name]` table of wrangler.toml (define, alias) as an object. */
export declare function wranglerTable(name: string, toml?: string): Record<string, string>;
/** Builds the Worker's entry module and its chunks into `outDir` (default OUT_DIR, emptied first). */
export declare function buildWorker(options?: { minify?: boolean; outDir?: string }): Promise<BuildResult<{ metafile: true }>>;

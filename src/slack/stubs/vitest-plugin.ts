/**
 * The Workers test loader (@cloudflare/vitest-plugin) resolves CommonJS requires through
 * the root Vite server and ignores wrangler's [alias], so Bolt's Node-only imports need the
 * same stubs there. Add `boltStubs()` to the root `plugins` of vitest.config.ts.
 */
const STUBS: Record<string, string> = {
  express: 'express.cjs',
  'raw-body': 'raw-body.cjs',
  '@slack/socket-mode': 'socket-mode.cjs',
  '@slack/oauth': 'oauth.cjs',
};

/** A Vite plugin resolving Bolt's `express`, `raw-body`, `@slack/socket-mode` and `@slack/oauth` to the stubs in this folder. */
export function boltStubs() {
  return {
    name: 'outcome-bolt-stubs',
    enforce: 'pre' as const,
    resolveId(id: string, importer?: string) {
      const stub = STUBS[id];
      // Only Bolt's own imports: nothing else in the tree should lose these modules.
      if (!stub || !importer?.includes('/@slack/bolt/')) return null;
      return new URL(`./${stub}`, import.meta.url).pathname;
    },
  };
}

// `npm start`: checks the Node version, makes sure the bundled entry is current, and runs it
// in this process (so SIGTERM / SIGINT to the process npm starts reach the server itself).
import './check-node.cjs';
import * as nodeModule from 'node:module';
import { pathToFileURL } from 'node:url';
import { BUNDLE, COMPILE_CACHE, buildBundle, bundleIsStale } from './server-bundle.mjs';

// V8 keeps the compiled bundle on disk: later starts skip most of its compilation.
nodeModule.enableCompileCache?.(COMPILE_CACHE);

if (bundleIsStale()) {
  const t0 = Date.now();
  if (await buildBundle()) console.error(`outcome: built ${BUNDLE} from the sources in ${Date.now() - t0} ms (once per change)`);
}
let entry;
try {
  entry = await import(pathToFileURL(BUNDLE).href);
} catch (err) {
  if (err?.code !== 'ERR_MODULE_NOT_FOUND' || !String(err.message).includes(BUNDLE)) throw err;
  // No bundle and no esbuild (a production install without dev dependencies): run the
  // TypeScript sources directly, which Node ≥ 22.18 strips by default (slower to start).
  console.error('outcome: no bundle (esbuild is a dev dependency); starting from the TypeScript sources');
  entry = await import('./node.ts');
}
await entry.main();

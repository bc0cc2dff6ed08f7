import { Hono } from 'hono';
import { ASSETS } from './bundle.generated.ts';

/** URL of a bundled asset, versioned by its content hash so it can be cached for a year. */
export function assetUrl(name: keyof typeof ASSETS & string): string {
  const asset = ASSETS[name];
  if (!asset) throw new Error(`unknown asset ${name}`);
  return `/app/assets/${name}?v=${asset.hash}`;
}

/** GET /app/assets/:name — the bundled static files (no session needed: nothing personal). */
export const assetRoutes = new Hono().get('/:name', (c) => {
  const asset = Object.hasOwn(ASSETS, c.req.param('name')) ? ASSETS[c.req.param('name')] : undefined;
  if (!asset) return c.text('Not found', 404);
  const etag = `"${asset.hash}"`;
  const versioned = c.req.query('v') === asset.hash;
  c.header('etag', etag);
  c.header('cache-control', versioned ? 'public, max-age=31536000, immutable' : 'public, max-age=300');
  if (c.req.header('if-none-match') === etag) return c.body(null, 304);
  return c.body(asset.body, 200, { 'content-type': asset.type });
});

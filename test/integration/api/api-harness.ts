import { P, W } from '../../fixtures/web/world.ts';
import { ORIGIN, webHarness, type WebHarness } from '../web/harness.ts';

export { ORIGIN };

/**
 * The web harness plus API helpers: tokens are made the way an admin makes them, on the
 * settings page, and read back from the page that shows them once.
 */
export async function apiHarness(env: Record<string, string> = {}, opts: Parameters<typeof webHarness>[1] = {}) {
  const h = await webHarness(env, opts);
  const createToken = async (scopes: string[], opts: { name?: string; rateLimit?: number; workspace?: string; admin?: string } = {}) => {
    const form = new URLSearchParams({ name: opts.name ?? 'CI', rateLimit: String(opts.rateLimit ?? 600) });
    for (const s of scopes) form.append('scopes', s);
    const res = await (await h.as(opts.workspace ?? W.a, opts.admin ?? P.admin)).send('POST', '/app/settings/tokens', form.toString());
    const html = await res.text();
    const token = /data-testid="new-token">(oc_[A-Za-z0-9_-]+)</.exec(html)?.[1];
    if (res.status !== 200 || !token) throw new Error(`token not created: ${res.status}`);
    return token;
  };
  /** An API request with a bearer token (or none). */
  const api = (method: string, path: string, opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
    h.request(path, {
      method,
      headers: { 'accept-language': 'en', ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}), ...opts.headers },
      body: opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body),
    });
  return { ...h, createToken, api };
}

export type ApiHarness = Awaited<ReturnType<typeof apiHarness>>;
export type { WebHarness };

import { describe, expect, it } from 'vitest';
import { limitedFetch } from './limited-fetch.ts';
import type { PullOptions } from './types.ts';

/**
 * The redirect rules, with a scripted fetch (a public host cannot be served from a test):
 * each hop is checked again, at most 3 hops, and the bearer never leaves the source's origin.
 */
function scripted(answers: Record<string, Response>) {
  const seen: { url: string; authorization: string | null }[] = [];
  const fetch = (async (input: URL | RequestInfo, init?: RequestInit) => {
    const url = String(input);
    seen.push({ url, authorization: new Headers(init?.headers).get('authorization') });
    return answers[url] ?? new Response('missing', { status: 404 });
  }) as typeof globalThis.fetch;
  const opts: PullOptions = { fetch, timeoutMs: 10_000, timer: () => new AbortController().signal, maxBytes: 1024, allowPrivate: false, clock: { now: () => new Date(0) } };
  return { seen, opts };
}
const redirect = (to: string) => new Response(null, { status: 302, headers: { location: to } });

describe('limitedFetch', () => {
  it('refuses a redirect to a private address', async () => {
    const { opts, seen } = scripted({ 'https://kpi.example/a': redirect('https://10.0.0.5/admin') });
    await expect(limitedFetch('https://kpi.example/a', opts)).rejects.toThrow('10.0.0.5 is a private or local address');
    expect(seen).toHaveLength(1);
  });

  it('follows at most 3 redirects and drops the bearer on another origin', async () => {
    const { opts, seen } = scripted({
      'https://kpi.example/a': redirect('/b'),
      'https://kpi.example/b': redirect('https://cdn.example/c'),
      'https://cdn.example/c': new Response('{"v":1}'),
    });
    await expect(limitedFetch('https://kpi.example/a', opts, { authorization: 'Bearer t' })).resolves.toMatchObject({ body: '{"v":1}' });
    expect(seen.map((s) => s.authorization)).toEqual(['Bearer t', 'Bearer t', null]);
    const loop = scripted({ 'https://kpi.example/a': redirect('/a') });
    await expect(limitedFetch('https://kpi.example/a', loop.opts)).rejects.toThrow('more than 3 redirects');
  });

  it('fails past the size limit, declared or streamed', async () => {
    const big = 'x'.repeat(2000);
    const declared = scripted({ 'https://kpi.example/a': new Response(big, { headers: { 'content-length': '2000' } }) });
    await expect(limitedFetch('https://kpi.example/a', declared.opts)).rejects.toThrow('the response is larger than 1 KB');
    const streamed = scripted({ 'https://kpi.example/a': new Response(new Blob([big]).stream()) });
    await expect(limitedFetch('https://kpi.example/a', streamed.opts)).rejects.toThrow('the response is larger than 1 KB');
  });
});

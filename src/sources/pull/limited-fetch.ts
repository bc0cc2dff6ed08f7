import { readCapped } from '../../security/read-capped.ts';
import { checkPullUrl } from './address-guard.ts';
import { PullError } from './pull-error.ts';
import { durationText, type PullOptions } from './types.ts';

const MAX_REDIRECTS = 3;

/** Why a fetch failed, as the admin should read it (Node's fetch says only "fetch failed"). */
function networkText(err: unknown): string {
  const cause = (err as { cause?: { code?: unknown; message?: unknown } }).cause;
  const detail = typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : err instanceof Error ? err.message : String(err);
  return `could not reach the URL (${detail})`;
}

const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : bytes >= 1024 ? `${Math.round(bytes / 1024)} KB` : `${bytes} bytes`);

/** Reads at most `max` bytes of the body; a larger body fails the pull. */
async function readBody(res: Response, max: number): Promise<string> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) throw new PullError(`the response is larger than ${sizeText(max)}`);
  if (!res.body) return '';
  const body = await readCapped(res.body, max, 'cancel');
  if (!body) throw new PullError(`the response is larger than ${sizeText(max)}`);
  return new TextDecoder().decode(body);
}

/**
 * GETs a source URL within the pull's limits: only http(s) to allowed hosts (each redirect
 * is checked again, so a public URL cannot bounce to a private one), one timeout over the
 * whole exchange, a capped body, and any status but 2xx is a failure ("HTTP 500").
 */
export async function limitedFetch(rawUrl: string, opts: PullOptions, headers: Record<string, string> = {}): Promise<{ body: string; contentType: string }> {
  const signal = opts.timer(opts.timeoutMs);
  const timedOut = () => new PullError(`timed out after ${durationText(opts.timeoutMs)}`);
  let url = checkPullUrl(rawUrl, opts.allowPrivate);
  try {
    for (let hop = 0; ; hop++) {
      const res = await opts.fetch(url, { headers, signal, redirect: 'manual' });
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        await res.body?.cancel();
        if (hop >= MAX_REDIRECTS) throw new PullError(`more than ${MAX_REDIRECTS} redirects`);
        url = checkPullUrl(new URL(location, url).href, opts.allowPrivate);
        // A bearer token is for the source's host only.
        if (headers.authorization && new URL(rawUrl).origin !== url.origin) headers = Object.fromEntries(Object.entries(headers).filter(([k]) => k !== 'authorization'));
        continue;
      }
      if (res.status < 200 || res.status > 299) {
        await res.body?.cancel();
        throw new PullError(`HTTP ${res.status}${res.status === 401 || res.status === 403 ? ' (check the bearer token)' : ''}`);
      }
      return { body: await readBody(res, opts.maxBytes), contentType: res.headers.get('content-type') ?? '' };
    }
  } catch (err) {
    if (signal.aborted) throw timedOut();
    if (err instanceof PullError) throw err;
    throw new PullError(networkText(err));
  }
}

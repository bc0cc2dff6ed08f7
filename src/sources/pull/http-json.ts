import { selectJsonPath } from './json-path.ts';
import { limitedFetch } from './limited-fetch.ts';
import { dailyKey, type Pulled } from './pulled.ts';
import { PullError } from './pull-error.ts';
import type { PullOptions } from './types.ts';
import { numberFrom, timeFrom } from './values.ts';

export interface HttpJsonConfig {
  url: string;
  jsonPath: string;
  timePath?: string;
}

/** Authorization for a source's bearer secret, when it has one. */
export const bearerHeader = (bearer: string | null): Record<string, string> => (bearer ? { authorization: `Bearer ${bearer}` } : {});

/**
 * Reads one value from a JSON endpoint at `jsonPath` (and its time at `timePath`, else the
 * fetch time). With a time the key is that time: re-reading the same measurement stores nothing.
 */
export async function pullHttpJson(c: HttpJsonConfig, bearer: string | null, opts: PullOptions): Promise<Pulled[]> {
  const { body } = await limitedFetch(c.url, opts, { accept: 'application/json', ...bearerHeader(bearer) });
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch {
    throw new PullError('the response is not JSON');
  }
  const raw = selectJsonPath(doc, c.jsonPath);
  if (raw === undefined || raw === null) throw new PullError(`JSON path ${c.jsonPath} matched nothing`);
  const value = numberFrom(raw, `the value at ${c.jsonPath}`);
  if (!c.timePath) {
    const now = opts.clock.now();
    return [{ value, measuredAt: now, key: dailyKey(now, value) }];
  }
  const rawTime = selectJsonPath(doc, c.timePath);
  if (rawTime === undefined || rawTime === null) throw new PullError(`JSON path ${c.timePath} matched nothing`);
  const measuredAt = timeFrom(rawTime, `the time at ${c.timePath}`);
  return [{ value, measuredAt, key: measuredAt.toISOString() }];
}

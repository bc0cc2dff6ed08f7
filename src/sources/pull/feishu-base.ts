import type * as lark from '@larksuiteoapi/node-sdk';
import type { Config } from '../../config.ts';
import type { Platform } from '../../domain/types.ts';
import { feishuClient, larkAppClient, larkFailure } from '../../feishu/adapter/client.ts';
import type { Log } from '../../log.ts';
import { baseErrorText, baseNumber, baseTime } from './base-values.ts';
import type { Pulled } from './pulled.ts';
import { PullError } from './pull-error.ts';
import { durationText, type PullOptions } from './types.ts';

export interface FeishuBaseConfig {
  appToken: string;
  tableId: string;
  field: string;
  timeField?: string;
  filter?: { conjunction: 'and' | 'or'; conditions: { field_name: string; operator: string; value?: string[] }[] };
}

/** Records per search page (the API's maximum) and pages per pull (bounded work per run). */
export const BASE_PAGE_SIZE = 500;
export const BASE_MAX_PAGES = 20;

interface SearchPage {
  code?: number;
  msg?: string;
  data?: { items?: { record_id?: string; fields?: Record<string, unknown>; last_modified_time?: number; created_time?: number }[]; has_more?: boolean; page_token?: string };
}

type SearchFilter = NonNullable<NonNullable<NonNullable<Parameters<lark.Client['bitable']['v1']['appTableRecord']['search']>[0]>['data']>['filter']>;

/** The promise, or a timeout error when `signal` aborts first. */
function bounded<T>(p: Promise<T>, signal: AbortSignal, ms: number): Promise<T> {
  const late = new Promise<never>((_, reject) => {
    const fail = () => reject(new PullError(`timed out after ${durationText(ms)}`));
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });
  return Promise.race([p, late]);
}

async function searchPage(client: lark.Client, c: FeishuBaseConfig, pageToken: string | undefined, signal: AbortSignal, opts: PullOptions): Promise<NonNullable<SearchPage['data']>> {
  let res: SearchPage;
  try {
    res = await bounded(
      client.bitable.v1.appTableRecord.search({
        path: { app_token: c.appToken, table_id: c.tableId },
        params: { page_size: BASE_PAGE_SIZE, ...(pageToken ? { page_token: pageToken } : {}) },
        data: { field_names: [c.field, ...(c.timeField ? [c.timeField] : [])], ...(c.filter ? { filter: c.filter as SearchFilter } : {}) /* operators are Feishu's to check (1254018) */, automatic_fields: true },
      }) as Promise<SearchPage>,
      signal,
      opts.timeoutMs,
    );
  } catch (err) {
    if (err instanceof PullError) throw err;
    const f = larkFailure(err);
    if (f.code !== null) throw new PullError(baseErrorText(f.code, f.msg));
    throw new PullError(f.status ? `Feishu HTTP ${f.status}` : `could not reach Feishu (${f.msg.slice(0, 80)})`);
  }
  // Base errors come as HTTP 200 with a non-zero code (platform-facts §7.3).
  if (res.code !== 0) throw new PullError(baseErrorText(res.code ?? -1, res.msg ?? ''));
  return res.data ?? {};
}

/**
 * Reads a Base table's records through the search API, paging until `has_more` is false
 * (at most {@link BASE_MAX_PAGES} pages). Each record with a value is a reading, measured at
 * its time field, else at its last modification; keyed by record id and modification time,
 * so a pull that finds nothing changed stores nothing, and an edited record adds a reading.
 */
export async function pullFeishuBase(c: FeishuBaseConfig, client: lark.Client, opts: PullOptions): Promise<Pulled[]> {
  const signal = opts.timer(opts.timeoutMs);
  const out: Pulled[] = [];
  let pageToken: string | undefined;
  for (let page = 0; page < BASE_MAX_PAGES; page++) {
    const data = await searchPage(client, c, pageToken, signal, opts);
    for (const r of data.items ?? []) {
      const id = r.record_id ?? '?';
      const value = baseNumber(r.fields?.[c.field], c.field, id);
      if (value === null) continue;
      const modified = r.last_modified_time ?? r.created_time;
      const measuredAt = (c.timeField ? baseTime(r.fields?.[c.timeField], c.timeField, id) : null) ?? (modified ? new Date(modified) : opts.clock.now());
      out.push({ value, measuredAt, key: `${id}:${modified ?? value}` });
    }
    if (!data.has_more || !data.page_token) break;
    pageToken = data.page_token;
  }
  return out;
}

/**
 * Reads a Base source with the right app: a Feishu workspace's own (unless the source names
 * another app), else the app id and secret stored on the source.
 */
export async function pullBaseSource(deps: { config: Config; log: Log }, opts: PullOptions, platform: Platform, input: FeishuBaseConfig & { appId?: string }, secret: string | null): Promise<Pulled[]> {
  if (platform === 'feishu' && deps.config.feishu && !input.appId) return pullFeishuBase(input, feishuClient({ ...deps, clock: opts.clock }), opts);
  if (!input.appId || !secret) throw new PullError('the source needs a Feishu app id and app secret (the workspace is not a Feishu one)');
  return pullFeishuBase(input, larkAppClient({ log: deps.log, clock: opts.clock }, { appId: input.appId, appSecret: secret, domain: deps.config.sources.feishuDomain }), opts);
}

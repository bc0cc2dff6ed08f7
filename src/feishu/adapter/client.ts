import * as lark from '@larksuiteoapi/node-sdk';
import type { Config, FeishuConfig } from '../../config.ts';
import type { Clock } from '../../domain/ports.ts';
import type { Log } from '../../log.ts';

/**
 * One Lark SDK client per configuration (per process on Node, per isolate on Workers),
 * built on first use — never in a Worker's global scope — so its tenant token is cached
 * across requests. Each client has its own token cache: the SDK's default is one
 * process-wide map keyed by app id.
 */
const clients = new WeakMap<Config, lark.Client>();

/** `feishu` / `lark` / a base URL (the local fake in tests). */
export function larkDomain(domain: string): lark.Domain | string {
  if (domain === 'feishu') return lark.Domain.Feishu;
  if (domain === 'lark') return lark.Domain.Lark;
  return domain.replace(/\/+$/, '');
}

/**
 * The token cache. The SDK states expiry as a wall-clock instant; it is kept as a lifetime
 * on our clock, so the cached tenant token expires on the same clock as everything else
 * (the injected one in tests, whose fake Feishu expires tokens on that clock too).
 */
function memoryCache(clock: Clock): lark.Cache {
  const values = new Map<string, { value: unknown; until?: number }>();
  const keyOf = (key: unknown, namespace?: string) => `${namespace ?? ''}/${String(key)}`;
  return {
    async set(key, value: unknown, expire, options) {
      const until = typeof expire === 'number' && Number.isFinite(expire) ? clock.now().getTime() + (expire - Date.now()) : undefined;
      values.set(keyOf(key, options?.namespace), { value, until });
      return true;
    },
    async get(key, options) {
      const hit = values.get(keyOf(key, options?.namespace));
      return hit && (hit.until === undefined || hit.until > clock.now().getTime()) ? hit.value : undefined;
    },
  };
}

/** A short, secret-free description of what the SDK logs (its errors carry request headers with the token). */
function describe(m: unknown): string {
  if (typeof m === 'string') return m;
  if (Array.isArray(m)) return m.map(describe).join(' ');
  if (m && typeof m === 'object') {
    const o = m as { message?: unknown; code?: unknown; msg?: unknown };
    if (typeof o.message === 'string') return o.message;
    if (o.code !== undefined) return `code ${String(o.code)} ${typeof o.msg === 'string' ? o.msg : ''}`;
  }
  return typeof m;
}

/** The SDK logs every failed call at error level; we report failures ourselves, so they are warnings here. */
export function larkLogger(log: Log) {
  const text = (msg: unknown[]) => msg.map(describe).join(' ').slice(0, 300);
  return {
    error: (...m: unknown[]) => log('warn', 'lark sdk', { detail: text(m) }),
    warn: (...m: unknown[]) => log('warn', 'lark sdk', { detail: text(m) }),
    info: () => {},
    debug: () => {},
    trace: () => {},
  };
}

/**
 * The Lark client for this configuration, made once per process: its logger is the process's
 * (a request's deps name their `unscoped` ones), or every later line would carry the id of the
 * request that happened to make it.
 */
export function feishuClient(deps: { config: Config; log: Log; clock: Clock; unscoped?: { log: Log } }): lark.Client {
  let client = clients.get(deps.config);
  if (!client) {
    const f: FeishuConfig = deps.config.feishu!;
    client = new lark.Client({ appId: f.appId, appSecret: f.appSecret, domain: larkDomain(f.domain), cache: memoryCache(deps.clock), logger: larkLogger(deps.unscoped?.log ?? deps.log) });
    clients.set(deps.config, client);
  }
  return client;
}

/**
 * A Lark client for other app credentials than the configured app (a Feishu Base source of a
 * workspace on another platform brings its own app id and secret). Not cached: a pull runs
 * hourly at most, and a changed secret must take effect on the next run.
 */
export function larkAppClient(deps: { log: Log; clock: Clock }, app: { appId: string; appSecret: string; domain: string }): lark.Client {
  return new lark.Client({ appId: app.appId, appSecret: app.appSecret, domain: larkDomain(app.domain), cache: memoryCache(deps.clock), logger: larkLogger(deps.log) });
}

/** What a failed Open API call said, read from the SDK's (axios) error. */
export interface LarkFailure {
  status: number | null;
  code: number | null;
  msg: string;
  /** From `x-ogw-ratelimit-reset` (seconds) on a throttled call. */
  retryAfterMs: number | null;
}

/** Reads status, Feishu code and rate-limit reset from whatever the SDK threw. */
export function larkFailure(err: unknown): LarkFailure {
  const e = err as { response?: { status?: number; data?: { code?: number; msg?: string }; headers?: Record<string, unknown> }; message?: string };
  const reset = Number(e.response?.headers?.['x-ogw-ratelimit-reset']);
  return {
    status: e.response?.status ?? null,
    code: typeof e.response?.data?.code === 'number' ? e.response.data.code : null,
    msg: e.response?.data?.msg ?? e.message ?? String(err),
    retryAfterMs: Number.isFinite(reset) && reset >= 0 ? Math.max(1000, reset * 1000) : null,
  };
}

/** Route table types and path-pattern matching for the fake Feishu Open API. */
import type { Reply } from './reply.ts';
import type { FeishuState } from './state.ts';

/** Who a route requires in `Authorization: Bearer`. */
export type AuthKind = 'none' | 'tenant' | 'user' | 'any';

/** What a route handler sees. */
export interface RouteCtx {
  state: FeishuState;
  /** Fake-clock ms. */
  now: number;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: Record<string, string>;
  raw: Buffer;
  /** Parsed JSON body (undefined when not JSON or unparseable). */
  json: unknown;
  /** open_id behind a user_access_token, when the route was called with one. */
  userOpenId?: string;
}

/** One endpoint. */
export interface Route {
  method: string;
  /** `/open-apis/im/v1/messages/:message_id` */
  pattern: string;
  auth: AuthKind;
  handle(ctx: RouteCtx): Reply;
}

/** Matches `/a/:x/b` against a path; returns the params or undefined. `*` matches the rest. */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/').filter(Boolean);
  const got = path.split('/').filter(Boolean);
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i += 1) {
    const w = want[i] as string;
    if (w === '*') return params;
    const g = got[i];
    if (g === undefined) return undefined;
    if (w.startsWith(':')) params[w.slice(1)] = decodeURIComponent(g);
    else if (w !== g) return undefined;
  }
  return got.length === want.length ? params : undefined;
}

/**
 * Matches a route key — `'/open-apis/im/v1/messages'` or `'PATCH /open-apis/im/v1/messages/:id'`
 * (method optional, `:param` and trailing `*` allowed) — against a request.
 */
export function matchRouteKey(key: string, method: string, path: string): boolean {
  const space = key.indexOf(' ');
  const keyMethod = space > 0 ? key.slice(0, space).toUpperCase() : undefined;
  const pattern = space > 0 ? key.slice(space + 1) : key;
  if (keyMethod && keyMethod !== method.toUpperCase()) return false;
  return matchPath(pattern, path) !== undefined;
}

/** An object view of a JSON body (empty object when not an object). */
export function bodyObject(json: unknown): Record<string, unknown> {
  return json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
}

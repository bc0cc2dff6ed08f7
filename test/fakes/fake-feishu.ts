/**
 * A fake Feishu/Lark Open API on 127.0.0.1 for integration tests: real HTTP for the real
 * SDK (`new lark.Client({ appId, appSecret, domain: fake.url })`), tenant tokens, platform
 * limits and error bodies, call recording and fault injection (platform-facts §2.5, §4).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authRoutes } from './feishu/routes-auth.ts';
import { bitableRoutes, type FakeBaseInput } from './feishu/routes-bitable.ts';
import { chatRoutes } from './feishu/routes-chats.ts';
import { ephemeralRoutes } from './feishu/routes-ephemeral.ts';
import { imRoutes } from './feishu/routes-im.ts';
import { mediaRoutes } from './feishu/routes-media.ts';
import { okrRoutes, type OkrStore } from './feishu/routes-okr.ts';
import { CODES, larkFail, rateLimited, type Reply } from './feishu/reply.ts';
import { RateWindow } from './shared/rate-window.ts';
import { matchPath, matchRouteKey, type Route } from './feishu/route-kit.ts';
import { FeishuState } from './feishu/state.ts';
import type {
  FeishuAuthCodeOptions,
  FeishuChatInput,
  FeishuMessage,
  FeishuResourceInput,
  FeishuUserInput,
  RecordedFeishuCall,
} from './feishu/types.ts';
import { type Fault, FaultQueue, isDelayOnly } from './shared/faults.ts';
import { bearerOf, flatHeaders, readBody, sendJson, sendRaw, sleep, startHttpServer } from './shared/http-server.ts';
import { parseMultipart } from './shared/multipart.ts';

export type { Fault } from './shared/faults.ts';
export type * from './feishu/types.ts';
export type { FakeBaseInput, FakeBaseRecord } from './feishu/routes-bitable.ts';
export type { FakeOkrPeriod, FakeUserOkr, FakeProgressRecord } from './feishu/routes-okr.ts';
export { OKR_CODES } from './feishu/routes-okr.ts';
export { CODES as FEISHU_CODES } from './feishu/reply.ts';

/** Options of {@link startFakeFeishu}; every field has a test default. */
export interface FakeFeishuOptions {
  appId?: string;
  appSecret?: string;
  tenantKey?: string;
  /** Clock in ms for every expiry/rate rule (tokens, codes, uuid window, 5 QPS windows). */
  now?: () => number;
  /**
   * What the per-receiver and per-message 5 QPS limits answer: 99991400 (HTTP 429 with
   * `x-ogw-ratelimit-reset`, default) or 230020 (HTTP 400, as the message API error table lists).
   */
  receiverLimitCode?: 99991400 | 230020;
  /** im/v1/messages per app and tenant (platform-facts §2.5: "50/s"), as a sliding window; off unless given. */
  appMessageLimit?: { limit: number; windowMs: number };
}

/** A running fake Feishu. */
export interface FakeFeishu {
  /** Base URL to use as the SDK `domain`, e.g. `http://127.0.0.1:PORT` (no trailing slash). */
  url: string;
  calls: RecordedFeishuCall[];
  /** Calls matching a route key (`'/open-apis/im/v1/messages'`, `'PATCH /open-apis/im/v1/messages/:id'`) or a RegExp on the path. */
  callsTo(pathPattern: string | RegExp): RecordedFeishuCall[];
  /** Queues a fault for the next request(s) matching the route key. */
  injectNext(route: string, fault: Fault): void;
  addUser(user: FeishuUserInput): void;
  /** A group chat the bot is in, with its members (messages to unknown chat_ids are refused with 230002). */
  addChat(chat: FeishuChatInput): void;
  /** A file or image inside a user's message, downloadable via the resources endpoint. */
  addResource(messageId: string, fileKey: string, resource: FeishuResourceInput): void;
  /** A delayed-update token `c-…` (30 min, 2 uses); pass the card's message id to apply updates to it. */
  issueCardToken(opts?: { messageId?: string }): string;
  /** A single-use 3-minute OAuth code for the user (open_id). */
  issueAuthCode(user: string | { open_id: string }, opts?: FeishuAuthCodeOptions): string;
  /** A Feishu Base (app token) with its tables and records, for the record search. */
  addBase(appToken: string, base: FakeBaseInput): void;
  /** Adds the app to a Base ("添加文档应用"): until then its searches answer 91403. */
  addAppToBase(appToken: string): void;
  /** Feishu OKR: add periods and users' OKRs, take scopes or the app-identity permission away, read the progress records written. */
  okr: OkrStore;
  /** Invalidates every tenant token issued so far (next call → 99991663). */
  expireTenantTokens(): void;
  /** Messages sent by the app (live array). */
  messages: FeishuMessage[];
  images: Map<string, { data: Buffer; imageType: string }>;
  close(): Promise<void>;
}

const ROUTES: Route[] = [...authRoutes, ...imRoutes, ...chatRoutes, ...ephemeralRoutes, ...mediaRoutes, ...bitableRoutes, ...okrRoutes];

/** Summary of a multipart body for call records (file parts as byte counts). */
function summarizeMultipart(raw: Buffer, contentType: string): Record<string, string> | undefined {
  const parts = parseMultipart(raw, contentType);
  if (!parts) return undefined;
  return Object.fromEntries(parts.map((p) => [p.name, p.filename !== undefined ? `<${p.data.length} bytes>` : p.data.toString('utf8')]));
}

/** Starts a fake Feishu Open API on a random local port. */
export async function startFakeFeishu(options: FakeFeishuOptions = {}): Promise<FakeFeishu> {
  const now = options.now ?? Date.now;
  const state = new FeishuState({
    appId: options.appId ?? 'cli_test',
    appSecret: options.appSecret ?? 'secret',
    tenantKey: options.tenantKey ?? 'tenant_test',
    receiverLimitCode: options.receiverLimitCode ?? CODES.rateLimited,
  });
  if (options.appMessageLimit) state.appWindow = new RateWindow(options.appMessageLimit.limit, options.appMessageLimit.windowMs);
  const calls: RecordedFeishuCall[] = [];
  const faults = new FaultQueue();

  function send(call: RecordedFeishuCall, res: ServerResponse, reply: Reply): void {
    call.status = reply.status;
    if (reply.raw) return sendRaw(res, reply.status, reply.raw, reply.headers);
    call.response = reply.body;
    sendJson(res, reply.status, reply.body, reply.headers);
  }

  /** Applies an injected fault; true when it fully answered the request. */
  async function applyFault(call: RecordedFeishuCall, res: ServerResponse): Promise<boolean> {
    const fault = faults.take((key) => matchRouteKey(key, call.method, call.path));
    if (!fault) return false;
    if (fault.delayMs) await sleep(fault.delayMs);
    if (isDelayOnly(fault)) return false;
    if (fault.reset) {
      call.dropped = true;
      res.socket?.destroy();
      return true;
    }
    if (fault.status === 429) send(call, res, rateLimited(fault.retryAfter ?? 1));
    else if (fault.code !== undefined) send(call, res, larkFail(fault.code, fault.msg ?? 'injected error', fault.status ?? 400));
    else {
      call.status = fault.status ?? 500;
      sendRaw(res, fault.status ?? 500, 'upstream connect error', { 'content-type': 'text/plain' });
    }
    return true;
  }

  /** Checks the bearer token for a route; returns the refusal, or the user's open_id for user tokens. */
  function authorize(route: Route, headers: Record<string, string>): Reply | { userOpenId?: string } {
    if (route.auth === 'none') return {};
    const token = bearerOf(headers);
    const invalid = 'Invalid access token for authorization. Please make a request with token attached.';
    if (!token) return larkFail(CODES.tokenMissing, 'Missing access token for authorization. Please make a request with token attached.');
    const tenantExpiry = state.tenantTokens.get(token);
    if (tenantExpiry !== undefined && route.auth !== 'user') {
      return now() < tenantExpiry ? {} : larkFail(CODES.tenantTokenInvalid, invalid);
    }
    const user = state.userTokens.get(token);
    if (user && route.auth !== 'tenant') {
      return now() < user.expiresAt ? { userOpenId: user.openId } : larkFail(CODES.userTokenExpired, 'user access token expired');
    }
    return larkFail(route.auth === 'user' ? CODES.userTokenInvalid : CODES.tenantTokenInvalid, invalid);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const headers = flatHeaders(req);
    const raw = await readBody(req);
    const contentType = headers['content-type'] ?? '';
    let json: unknown;
    if (contentType.includes('application/json') && raw.length > 0) {
      try {
        json = JSON.parse(raw.toString('utf8')) as unknown;
      } catch {
        json = undefined;
      }
    }
    const method = (req.method ?? 'GET').toUpperCase();
    const call: RecordedFeishuCall = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: json ?? (contentType.includes('multipart/form-data') ? summarizeMultipart(raw, contentType) : undefined),
      headers,
      at: now(),
      inFlight: calls.filter((c) => c.status === undefined && !c.dropped).length,
    };
    calls.push(call);
    if (await applyFault(call, res)) return;
    let params: Record<string, string> | undefined;
    const route = ROUTES.find((r) => r.method === method && (params = matchPath(r.pattern, url.pathname)) !== undefined);
    if (!route || !params) {
      call.status = 404;
      return sendRaw(res, 404, '404 page not found', { 'content-type': 'text/plain' });
    }
    const auth = authorize(route, headers);
    if ('status' in auth) return send(call, res, auth);
    send(call, res, route.handle({ state, now: now(), params, query: url.searchParams, headers, raw, json, ...auth }));
  }

  const server = await startHttpServer(handle);
  return {
    url: server.origin,
    calls,
    callsTo: (pattern) =>
      calls.filter((c) => (typeof pattern === 'string' ? matchRouteKey(pattern, c.method, c.path) : pattern.test(c.path))),
    injectNext: (route, fault) => faults.inject(route, fault),
    addUser: (user) => void state.users.set(user.open_id, user),
    addChat: (chat) => void state.chats.set(chat.chat_id, chat),
    addResource: (messageId, fileKey, resource) => state.addResource(messageId, fileKey, resource),
    issueCardToken: (opts) => state.issueCardToken(now(), opts?.messageId),
    issueAuthCode: (user, opts = {}) => state.issueAuthCode(now(), typeof user === 'string' ? user : user.open_id, opts),
    addBase: (appToken, base) => void state.bitable.bases.set(appToken, base),
    addAppToBase: (appToken) => {
      const base = state.bitable.bases.get(appToken);
      if (base) base.appAdded = true;
    },
    okr: state.okr,
    expireTenantTokens: () => {
      for (const token of state.tenantTokens.keys()) state.tenantTokens.set(token, 0);
    },
    messages: state.messages,
    images: state.images,
    close: () => server.close(),
  };
}

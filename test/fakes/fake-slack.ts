/**
 * A fake Slack Web API on 127.0.0.1 for integration tests: real HTTP, real SDK clients
 * (`new WebClient(token, { slackApiUrl: fake.url })`), platform limits and errors, call
 * recording and fault injection. See platform-facts §1.6, §1.7 and §4.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Fault, FaultQueue, isDelayOnly } from './shared/faults.ts';
import { RateWindow } from './shared/rate-window.ts';
import { bearerOf, flatHeaders, readBody, sendJson, sendRaw, sleep, startHttpServer } from './shared/http-server.ts';
import { fail, type MethodHandler, type SlackAnswer } from './slack/method-kit.ts';
import { chatMethods } from './slack/methods-chat.ts';
import { miscMethods } from './slack/methods-misc.ts';
import { viewMethods } from './slack/methods-views.ts';
import { oauthV2Access } from './slack/oauth.ts';
import { createOidcProvider, type OidcUser } from './slack/openid.ts';
import { decodedForRecord, parseApiRequest } from './slack/request.ts';
import { ResponseUrls } from './slack/response-urls.ts';
import { SlackState } from './slack/state.ts';
import type {
  OAuthCodeOptions,
  RecordedSlackCall,
  SlackEphemeral,
  SlackFileInput,
  SlackStoredMessage,
  SlackTokenInfo,
  SlackUserInput,
  SlackViewRecord,
} from './slack/types.ts';

export type { Fault } from './shared/faults.ts';
export type * from './slack/types.ts';

/** Options of {@link startFakeSlack}; every field has a test default. */
export interface FakeSlackOptions {
  /** Bot token accepted for the default workspace (default `xoxb-test`). */
  token?: string;
  teamId?: string;
  teamName?: string;
  botUserId?: string;
  botId?: string;
  appId?: string;
  /** OAuth client credentials checked by oauth.v2.access. */
  clientId?: string;
  clientSecret?: string;
  /** Clock in ms for every expiry rule (trigger ids, OAuth codes, response_urls). */
  now?: () => number;
  /** `msg_blocks_too_long` above this many characters of block text (default 13,200; `Infinity` disables). */
  blocksTextCeiling?: number;
  /**
   * chat.postMessage limits like real Slack's (platform-facts §1.6: ~1/s per channel with short
   * bursts, plus a workspace-wide limit), as sliding windows on `now`; over → 429 + Retry-After.
   * Off unless given.
   */
  postMessageLimits?: { perChannel?: WindowLimit; perWorkspace?: WindowLimit };
  /** Awaited before each Web API call is answered: a slow platform (wait, or move a test clock). */
  beforeAnswer?: (call: RecordedSlackCall) => void | Promise<void>;
}

/** At most `limit` calls in any `windowMs`. */
export interface WindowLimit {
  limit: number;
  windowMs: number;
}

/** A running fake Slack. */
export interface FakeSlack {
  /** Web API base for `slackApiUrl`, e.g. `http://127.0.0.1:PORT/api/`. */
  url: string;
  /** `http://127.0.0.1:PORT`. */
  origin: string;
  /** Every request received, in order (including refused ones). */
  calls: RecordedSlackCall[];
  /** Calls of one method (`chat.postMessage`, `response_url`, `files.download`). */
  callsTo(method: string): RecordedSlackCall[];
  /** Queues a fault for the next call(s) of `method` (`'*'` = any method). */
  injectNext(method: string, fault: Fault): void;
  /** A trigger_id valid for 3 s (fake clock) and one exchange; `viewId` ties views.push to that modal's stack. */
  issueTrigger(opts?: { viewId?: string }): string;
  /** A single-use OAuth code (10 min) installing the app into `team`. */
  issueOAuthCode(team?: { id: string; name?: string }, opts?: OAuthCodeOptions): string;
  /** A single-use Sign in with Slack code (10 min) for `user`; `nonce` comes back in the id_token. */
  issueOidcCode(user: OidcUser, opts: { nonce: string; redirectUri?: string }): string;
  /** Every Sign in with Slack authorize request's query, in order. */
  oidcAuthorizeRequests: URLSearchParams[];
  /** Accepts another token (e.g. a second workspace's bot token) without going through OAuth. */
  addToken(token: string, info: { teamId: string; teamName?: string; userId?: string; kind?: 'bot' | 'user' }): void;
  addUser(user: SlackUserInput): void;
  /** Registers a file; returns the files.info object (its `url_private_download` points at this fake). */
  addFile(file: SlackFileInput): Record<string, unknown>;
  /** A local response_url (`POST /response/<id>`; 5 uses within 30 min). */
  respondUrl(id?: string): string;
  /** JSON bodies accepted by a response_url (pass the id or the full URL). */
  responsesTo(idOrUrl: string): unknown[];
  messages: SlackStoredMessage[];
  ephemerals: SlackEphemeral[];
  views: Map<string, SlackViewRecord>;
  homeViews: Map<string, SlackViewRecord>;
  close(): Promise<void>;
}

const METHODS: Record<string, MethodHandler> = { ...chatMethods, ...viewMethods, ...miscMethods };

/** Starts a fake Slack Web API on a random local port. */
export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const now = options.now ?? Date.now;
  const state = new SlackState({
    token: options.token ?? 'xoxb-test',
    teamId: options.teamId ?? 'T0001',
    teamName: options.teamName ?? 'Outcome Test',
    botUserId: options.botUserId ?? 'UBOT0001',
    botId: options.botId ?? 'B0001',
    appId: options.appId ?? 'A0001',
    clientId: options.clientId ?? '1111.2222',
    clientSecret: options.clientSecret ?? 'client-secret',
    blocksTextCeiling: options.blocksTextCeiling ?? 13_200,
    origin: '',
  });
  const calls: RecordedSlackCall[] = [];
  const faults = new FaultQueue();
  const limits = options.postMessageLimits;
  const channelWindow = limits?.perChannel && new RateWindow(limits.perChannel.limit, limits.perChannel.windowMs);
  const workspaceWindow = limits?.perWorkspace && new RateWindow(limits.perWorkspace.limit, limits.perWorkspace.windowMs);
  /** Counts a chat.postMessage against the limits; the seconds to wait when refused. */
  const overLimit = (auth: SlackTokenInfo, channel: unknown): number | null => {
    const t = now();
    for (const [w, key] of [[channelWindow, `${auth.teamId}:${String(channel)}`], [workspaceWindow, auth.teamId]] as const) {
      const verdict = w?.hit(key, t);
      if (verdict && !verdict.allowed) return verdict.resetSeconds;
    }
    return null;
  };
  const responseUrls = new ResponseUrls();
  // Sign in with Slack uses the same app's client credentials as oauth.v2.access.
  const oidc = createOidcProvider({ clientId: state.config.clientId, clientSecret: state.config.clientSecret, now });
  const oidcAuthorizeRequests: URLSearchParams[] = [];

  function answer(call: RecordedSlackCall, res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    call.status = status;
    call.response = body;
    sendJson(res, status, body, headers);
  }

  /** Applies an injected fault; true when it fully answered the request. */
  async function applyFault(call: RecordedSlackCall, res: ServerResponse): Promise<boolean> {
    const fault = faults.take((key) => key === call.method || key === '*');
    if (!fault) return false;
    if (fault.delayMs) await sleep(fault.delayMs);
    if (isDelayOnly(fault)) return false;
    if (fault.reset) {
      res.socket?.destroy();
      return true;
    }
    if (fault.status === 429) {
      answer(call, res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(fault.retryAfter ?? 1) });
    } else if (fault.error !== undefined) {
      answer(call, res, fault.status ?? 200, { ok: false, error: fault.error });
    } else {
      call.status = fault.status;
      sendRaw(res, fault.status ?? 500, 'upstream connect error', { 'content-type': 'text/plain' });
    }
    return true;
  }

  function authenticate(token: string | undefined): SlackTokenInfo | SlackAnswer {
    if (!token) return fail('not_authed');
    return state.tokens.get(token) ?? fail('invalid_auth');
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, method: string): Promise<void> {
    const headers = flatHeaders(req);
    const raw = await readBody(req);
    const parsed = parseApiRequest(url, raw, headers, bearerOf(headers));
    const call: RecordedSlackCall = {
      method,
      body: decodedForRecord(parsed.args),
      headers,
      rawBody: raw.toString('utf8'),
      at: now(),
    };
    calls.push(call);
    if (await applyFault(call, res)) return;
    await options.beforeAnswer?.(call);
    if (parsed.invalidJson) return answer(call, res, 200, fail('invalid_json'));
    if (method === 'oauth.v2.access') return answer(call, res, 200, oauthV2Access(state, now(), parsed.args, headers));
    const signIn = oidc.answer(method, Object.fromEntries(Object.entries(parsed.args).map(([k, v]) => [k, String(v)])), headers);
    if (signIn) return answer(call, res, 200, signIn);
    const auth = authenticate(parsed.token);
    if ('ok' in auth) return answer(call, res, 200, auth);
    const wait = method === 'chat.postMessage' ? overLimit(auth, parsed.args.channel) : null;
    if (wait !== null) return answer(call, res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(wait) });
    const handler = METHODS[method];
    if (!handler) return answer(call, res, 200, fail('unknown_method'));
    answer(call, res, 200, handler({ state, now: now(), auth, headers }, parsed.args));
  }

  async function handleDownload(req: IncomingMessage, res: ServerResponse, fileId: string): Promise<void> {
    const headers = flatHeaders(req);
    const call: RecordedSlackCall = { method: 'files.download', body: { file: fileId }, headers, rawBody: '', at: now() };
    calls.push(call);
    if (await applyFault(call, res)) return;
    const token = bearerOf(headers);
    // Slack answers an unauthenticated download with a redirect to its HTML sign-in page.
    if (!token || !state.tokens.has(token)) {
      call.status = 302;
      res.writeHead(302, { location: `${state.config.origin}/signin` }).end();
      return;
    }
    const entry = state.files.get(fileId);
    if (!entry) {
      call.status = 404;
      return sendRaw(res, 404, 'file not found', { 'content-type': 'text/plain' });
    }
    call.status = 200;
    sendRaw(res, 200, entry.content, { 'content-type': String(entry.file.mimetype) });
  }

  async function handleResponseUrl(req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
    const headers = flatHeaders(req);
    const raw = (await readBody(req)).toString('utf8');
    let body: unknown = raw;
    try {
      body = JSON.parse(raw) as unknown;
    } catch {
      /* recorded as text */
    }
    const call: RecordedSlackCall = { method: 'response_url', body: { id, payload: body }, headers, rawBody: raw, at: now() };
    calls.push(call);
    if (await applyFault(call, res)) return;
    const result = responseUrls.post(id, body, now());
    answer(call, res, result.status, result.body);
  }

  const server = await startHttpServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    const api = /^\/api\/([A-Za-z0-9_.]+)$/.exec(path);
    if (api && (req.method === 'POST' || req.method === 'GET')) return handleApi(req, res, url, api[1] as string);
    const file = /^\/files\/([^/]+)/.exec(path);
    if (file && req.method === 'GET') return handleDownload(req, res, decodeURIComponent(file[1] as string));
    const response = /^\/response\/([^/]+)$/.exec(path);
    if (response && req.method === 'POST') return handleResponseUrl(req, res, decodeURIComponent(response[1] as string));
    if (path === '/openid/connect/authorize') {
      oidcAuthorizeRequests.push(url.searchParams);
      return sendRaw(res, 200, '<!DOCTYPE html><title>Sign in with Slack</title>', { 'content-type': 'text/html' });
    }
    if (path === '/signin') return sendRaw(res, 200, '<!DOCTYPE html><title>Sign in | Slack</title>', { 'content-type': 'text/html' });
    sendRaw(res, 404, 'not found', { 'content-type': 'text/plain' });
  });
  state.config.origin = server.origin;

  return {
    url: `${server.origin}/api/`,
    origin: server.origin,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    injectNext: (method, fault) => faults.inject(method, fault),
    issueTrigger: (opts) => state.issueTrigger(now(), opts?.viewId),
    issueOAuthCode: (team = { id: 'T0002', name: 'Second Team' }, opts = {}) =>
      state.issueOAuthCode(now(), { id: team.id, name: team.name ?? team.id }, opts),
    issueOidcCode: (user, opts) => oidc.issueCode(user, opts),
    oidcAuthorizeRequests,
    addToken: (token, info) =>
      void state.tokens.set(token, {
        token,
        kind: info.kind ?? 'bot',
        teamId: info.teamId,
        teamName: info.teamName ?? info.teamId,
        userId: info.userId ?? `UB${info.teamId}`,
        ...((info.kind ?? 'bot') === 'bot' ? { botId: `B${info.teamId}` } : {}),
      }),
    addUser: (user) => void state.users.set(user.id, { ...user, team_id: user.team_id ?? state.config.teamId }),
    addFile: (file) => state.addFile(file, now()),
    respondUrl: (id) => `${server.origin}/response/${encodeURIComponent(responseUrls.issue(now(), id))}`,
    responsesTo: (idOrUrl) => responseUrls.posts(decodeURIComponent(idOrUrl.split('/response/').pop() ?? idOrUrl)),
    messages: state.messages,
    ephemerals: state.ephemerals,
    views: state.views,
    homeViews: state.homeViews,
    close: () => server.close(),
  };
}

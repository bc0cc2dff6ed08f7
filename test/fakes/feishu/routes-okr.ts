/**
 * Feishu OKR v1 (platform-facts §7.4): the period list (tenant token only: a user token is
 * refused), each user's OKRs (`offset` and `limit` both required, limit 0–10 else 1001001;
 * with a tenant token only when the app has "以应用身份访问OKR信息", else 1001002), and
 * progress records (target_type 2 = objective, 3 = key result; `progress_rate.status` an int,
 * while reads give it as a string). Scopes are checked like the gateway does (99991672 with
 * `permission_violations`), and every OKR call shares the 100/min limit (429, Feishu shape).
 */
import { hex } from '../shared/ids.ts';
import { RateWindow } from '../shared/rate-window.ts';
import { bodyObject, type Route, type RouteCtx } from './route-kit.ts';
import { larkFail, ok, rateLimited, type Reply } from './reply.ts';

export const OKR_CODES = { invalidParams: 1001001, noPermission: 1001002, userNotFound: 1001003, notFound: 1001004, scopeMissing: 99991672, userTokenNotSupported: 99991668 } as const;

export interface FakeOkrPeriod {
  id: string;
  zh_name: string;
  en_name: string;
  /** ms as strings, as the API returns them. */
  period_start_time: string;
  period_end_time: string;
  status?: number;
}
export interface FakeOkrKr {
  id: string;
  content: string;
  score?: number;
}
export interface FakeOkrObjective {
  id: string;
  content: string;
  score?: number;
  kr_list: FakeOkrKr[];
}
/** One user's OKR of one period. */
export interface FakeUserOkr {
  id: string;
  period_id: string;
  objective_list: FakeOkrObjective[];
}
export interface FakeProgressRecord {
  progress_id: string;
  target_id: string;
  target_type: number;
  text: string;
  percent: number | null;
  status: number | null;
  source_url: string;
  at: number;
}

/** What the fake OKR knows and allows. */
export class OkrStore {
  readonly periods: FakeOkrPeriod[] = [];
  readonly users = new Map<string, FakeUserOkr[]>();
  readonly records: FakeProgressRecord[] = [];
  /** Scopes the app was granted (all OKR ones unless a test takes them away). */
  scopes = new Set(['okr:okr']);
  /** "以应用身份访问OKR信息": without it a tenant token cannot read a user's OKRs. */
  appIdentity = true;
  /** "100/min" for every OKR call of the app. */
  readonly window = new RateWindow(100, 60_000);
}

const READ = ['okr:okr:readonly', 'okr:okr'];
const WRITE = ['okr:okr.progress:writeonly', 'okr:okr'];

/** The gateway's refusal when none of `needed` was granted; null when one was. */
function scopeRefusal(store: OkrStore, needed: string[]): Reply | null {
  if (needed.some((s) => store.scopes.has(s))) return null;
  return larkFail(OKR_CODES.scopeMissing, `Access denied. One of the following scopes is required: [${needed.join(', ')}].`, 400, {
    permission_violations: needed.map((subject) => ({ type: 'action_privilege_required', subject, description: subject })),
  });
}

/** The checks every OKR route shares: the rate limit, then the scopes. */
function gate(ctx: RouteCtx, needed: string[]): Reply | null {
  const store = ctx.state.okr;
  const verdict = store.window.hit('app', ctx.now);
  if (!verdict.allowed) return rateLimited(verdict.resetSeconds, 100);
  return scopeRefusal(store, needed);
}

function periods(ctx: RouteCtx): Reply {
  if (ctx.userOpenId) return larkFail(OKR_CODES.userTokenNotSupported, 'user access token not support');
  const refused = gate(ctx, READ);
  if (refused) return refused;
  const size = Number(ctx.query.get('page_size') ?? '10');
  if (!Number.isInteger(size) || size < 1 || size > 100) return larkFail(OKR_CODES.invalidParams, 'invalid page_size');
  const from = Number(ctx.query.get('page_token') ?? '0');
  const items = ctx.state.okr.periods.slice(from, from + size).map((p) => ({ status: 0, ...p }));
  const more = from + size < ctx.state.okr.periods.length;
  return ok({ items, has_more: more, ...(more ? { page_token: String(from + size) } : {}) });
}

function userOkrs(ctx: RouteCtx): Reply {
  const refused = gate(ctx, READ);
  if (refused) return refused;
  const store = ctx.state.okr;
  if (!ctx.userOpenId && !store.appIdentity) return larkFail(OKR_CODES.noPermission, 'no permission');
  const offset = ctx.query.get('offset');
  const limit = ctx.query.get('limit');
  if (offset === null || limit === null || !/^\d+$/.test(offset) || !/^\d+$/.test(limit) || Number(limit) > 10) return larkFail(OKR_CODES.invalidParams, 'invalid params: offset and limit (0-10) are required');
  if ((ctx.query.get('user_id_type') ?? 'open_id') !== 'open_id') return larkFail(OKR_CODES.invalidParams, 'the fake knows open_ids only');
  const id = ctx.params.user_id ?? '';
  // A member of the tenant without OKRs has an empty list; someone the tenant does not know is 1001003.
  const list = store.users.get(id) ?? (ctx.state.findUser(id, 'open_id') ? [] : undefined);
  if (!list) return larkFail(OKR_CODES.userNotFound, 'user not found');
  const wanted = ctx.query.getAll('period_ids');
  const kept = wanted.length ? list.filter((o) => wanted.includes(o.period_id)) : list;
  const page = kept.slice(Number(offset), Number(offset) + Number(limit));
  // Reads give progress_rate.status as a string.
  const rate = { percent: 0, status: '0' };
  return ok({ total: kept.length, okr_list: page.map((o) => ({ ...o, name: o.period_id, objective_list: o.objective_list.map((ob) => ({ ...ob, progress_rate: rate, kr_list: ob.kr_list.map((k) => ({ ...k, kr_weight: 1, progress_rate: rate })) })) })) });
}

function createProgress(ctx: RouteCtx): Reply {
  const refused = gate(ctx, WRITE);
  if (refused) return refused;
  const store = ctx.state.okr;
  const b = bodyObject(ctx.json);
  const content = bodyObject(b.content);
  const rate = b.progress_rate === undefined ? null : bodyObject(b.progress_rate);
  const bad =
    typeof b.source_title !== 'string' ||
    !b.source_title ||
    typeof b.source_url !== 'string' ||
    !/^https?:\/\//.test(b.source_url) ||
    typeof b.target_id !== 'string' ||
    (b.target_type !== 2 && b.target_type !== 3) ||
    !Array.isArray(content.blocks) ||
    // Writes take the status as an int (-1, 0, 1, 2), not the string reads give.
    (rate !== null && (typeof rate.percent !== 'number' || rate.percent < 0 || rate.percent > 100 || (rate.status !== undefined && (typeof rate.status !== 'number' || ![-1, 0, 1, 2].includes(rate.status)))));
  if (bad) return larkFail(OKR_CODES.invalidParams, 'invalid params');
  const targets = [...store.users.values()].flat().flatMap((o) => o.objective_list.flatMap((ob) => (b.target_type === 2 ? [ob.id] : ob.kr_list.map((k) => k.id))));
  if (!targets.includes(b.target_id as string)) return larkFail(OKR_CODES.notFound, 'target not found');
  const text = (content.blocks as { paragraph?: { elements?: { textRun?: { text?: string } }[] } }[]).flatMap((bl) => bl.paragraph?.elements ?? []).map((e) => e.textRun?.text ?? '').join('');
  const record: FakeProgressRecord = { progress_id: `7${hex(8)}`, target_id: b.target_id as string, target_type: b.target_type as number, text, percent: rate ? (rate.percent as number) : null, status: rate && typeof rate.status === 'number' ? rate.status : null, source_url: b.source_url as string, at: ctx.now };
  store.records.push(record);
  return ok({ progress_id: record.progress_id, modify_time: String(ctx.now) });
}

export const okrRoutes: Route[] = [
  { method: 'GET', pattern: '/open-apis/okr/v1/periods', auth: 'any', handle: periods },
  { method: 'GET', pattern: '/open-apis/okr/v1/users/:user_id/okrs', auth: 'any', handle: userOkrs },
  { method: 'POST', pattern: '/open-apis/okr/v1/progress_records', auth: 'tenant', handle: createProgress },
];

/**
 * Feishu OKR Open API through the Lark SDK with the tenant token (platform-facts §7.4):
 * periods, each person's OKRs (limit ≤ 10, offset paging), and progress records on a key
 * result. Failures are read once here into what the callers do with them.
 */
import type * as lark from '@larksuiteoapi/node-sdk';
import { larkFailure } from '../adapter/client.ts';

/** A Feishu OKR period as the import needs it. */
export interface FeishuPeriod {
  id: string;
  zhName: string;
  enName: string;
  /** Epoch ms. */
  startMs: number;
  endMs: number;
}

export interface FeishuObjective {
  id: string;
  periodId: string;
  content: string;
  krs: { id: string; content: string }[];
}

/** The most the user OKR list returns per call (the API refuses more with 1001001). */
export const OKR_PAGE_LIMIT = 10;
/** A bound on pages per person, so a misbehaving answer cannot loop forever. */
const MAX_PAGES = 50;

/**
 * The SDK throws on HTTP errors (Feishu answers OKR errors with 400); an answer with HTTP 200
 * and a non-zero code is thrown the same way, so one reader ({@link okrFailure}) sees both.
 */
function ensureOk<T extends { code?: number; msg?: string }>(res: T): T {
  if (res.code !== undefined && res.code !== 0) throw Object.assign(new Error(res.msg ?? `code ${res.code}`), { response: { status: 200, data: res } });
  return res;
}

/** All periods of the tenant (page_token paging). */
export async function listPeriods(client: lark.Client): Promise<FeishuPeriod[]> {
  const out: FeishuPeriod[] = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = ensureOk(await client.okr.v1.period.list({ params: { page_size: 100, ...(token ? { page_token: token } : {}) } }));
    for (const p of res.data?.items ?? []) {
      const startMs = Number(p.period_start_time);
      const endMs = Number(p.period_end_time);
      if (p.id && Number.isFinite(startMs) && Number.isFinite(endMs)) out.push({ id: p.id, zhName: p.zh_name ?? '', enName: p.en_name ?? '', startMs, endMs });
    }
    token = res.data?.has_more ? res.data.page_token : undefined;
    if (!token) break;
  }
  return out;
}

/** One person's objectives with their key results, in the given periods (offset paging, ≤ 10 per call). */
export async function listUserObjectives(client: lark.Client, openId: string, periodIds: string[]): Promise<FeishuObjective[]> {
  const out: FeishuObjective[] = [];
  for (let page = 0, offset = 0; page < MAX_PAGES; page++) {
    const res = ensureOk(await client.okr.v1.userOkr.list({
      path: { user_id: openId },
      params: { user_id_type: 'open_id', offset: String(offset), limit: String(OKR_PAGE_LIMIT), ...(periodIds.length ? { period_ids: periodIds.slice(0, 10) } : {}) },
    }));
    const okrs = res.data?.okr_list ?? [];
    for (const okr of okrs)
      for (const o of okr.objective_list ?? [])
        if (o.id && okr.period_id) out.push({ id: o.id, periodId: okr.period_id, content: o.content ?? '', krs: (o.kr_list ?? []).flatMap((k) => (k.id ? [{ id: k.id, content: k.content ?? '' }] : [])) });
    offset += okrs.length;
    if (okrs.length < OKR_PAGE_LIMIT || offset >= (res.data?.total ?? 0)) break;
  }
  return out;
}

/** Writes one progress record on a key result (target_type 3); returns its id. */
export async function createKrProgress(client: lark.Client, r: { krId: string; title: string; url: string; text: string; percent: number | null }): Promise<string> {
  const res = ensureOk(await client.okr.v1.progressRecord.create({
    data: {
      source_title: r.title.slice(0, 100),
      source_url: r.url,
      target_id: r.krId,
      target_type: 3,
      content: { blocks: [{ type: 'paragraph', paragraph: { elements: [{ type: 'textRun', textRun: { text: r.text } }] } }] },
      // status is an int on writes (0 normal); percent 0–100.
      ...(r.percent !== null ? { progress_rate: { percent: Math.round(r.percent * 100), status: 0 } } : {}),
    },
  }));
  return res.data?.progress_id ?? '';
}

/**
 * Codes that mean the app may not do this at all — a scope not granted (99991672, with
 * `permission_violations`), a user-token scope (99991679), OKR's own "no permission"
 * (1001002, e.g. without 以应用身份访问OKR信息), or a token type the API refuses (99991668) —
 * which an admin must fix; retrying cannot help.
 */
const BLOCKED = new Set([99991672, 99991679, 1001002, 99991668]);

/** What a failed OKR call means for the caller. */
export type OkrFailure =
  | { kind: 'blocked'; code: number; msg: string; scopes: string[] }
  | { kind: 'throttled'; retryAfterMs: number; msg: string }
  | { kind: 'transient'; msg: string }
  | { kind: 'refused'; code: number | null; msg: string };

/** Reads a failure: blocked (with the scopes Feishu named, else `defaultScopes`), throttled, transient (5xx, network) or refused. */
export function okrFailure(err: unknown, defaultScopes: string[]): OkrFailure {
  const f = larkFailure(err);
  const msg = `feishu ${f.status ?? 'network'}${f.code !== null ? ` ${f.code}` : ''}: ${f.msg}`.slice(0, 300);
  if (f.status === 429 || f.code === 99991400) return { kind: 'throttled', retryAfterMs: f.retryAfterMs ?? 60_000, msg };
  if (f.code !== null && BLOCKED.has(f.code)) return { kind: 'blocked', code: f.code, msg: f.msg.slice(0, 200), scopes: violatedScopes(err) ?? defaultScopes };
  if (f.status === null || f.status >= 500) return { kind: 'transient', msg };
  return { kind: 'refused', code: f.code, msg };
}

/** The scopes a 99991672 names in `error.permission_violations[].subject`. */
function violatedScopes(err: unknown): string[] | null {
  const v = (err as { response?: { data?: { error?: { permission_violations?: { subject?: unknown }[] } } } }).response?.data?.error?.permission_violations;
  const subjects = (v ?? []).flatMap((p) => (typeof p.subject === 'string' && p.subject ? [p.subject] : []));
  return subjects.length ? subjects : null;
}

/** The scopes each operation needs, when Feishu does not name them. */
export const OKR_SCOPES = { import: ['okr:okr:readonly', 'okr:okr'], progress: ['okr:okr.progress:writeonly', 'okr:okr'] } as const;

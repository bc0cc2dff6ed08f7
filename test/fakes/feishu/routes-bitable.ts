/**
 * Feishu Base (bitable) record search (platform-facts §7.3): POST
 * /open-apis/bitable/v1/apps/:app_token/tables/:table_id/records/search, page_size ≤ 500
 * (default 20), `page_token` only while `has_more`, values as the API returns them (text as
 * segments, dates as ms), and the Base errors as HTTP 200 with a non-zero code: 91403 until
 * the app was added to the Base, 1254040 / 1254041 / 1254045 / 1254018.
 */
import { bodyObject, type Route, type RouteCtx } from './route-kit.ts';
import { fieldInvalid, larkFail, ok, type Reply } from './reply.ts';

export interface FakeBaseRecord {
  record_id: string;
  /** Field title → value, as the API returns it. */
  fields: Record<string, unknown>;
  created_time?: number;
  last_modified_time?: number;
}

export interface FakeBaseInput {
  /** Until true the app cannot read the Base (91403), as before "添加文档应用". */
  appAdded?: boolean;
  tables: Record<string, { fields: string[]; records: FakeBaseRecord[] }>;
}

/** The Bases the fake knows, by app token. */
export class BaseStore {
  readonly bases = new Map<string, FakeBaseInput>();
  /** Page tokens handed out: token → offset (a token is only good for the query it came from, not checked here). */
  readonly pageTokens = new Map<string, number>();
  private seq = 0;
  nextToken(offset: number): string {
    const token = `pt_${++this.seq}`;
    this.pageTokens.set(token, offset);
    return token;
  }
}

/** A Base error: HTTP 200 with the code, as the bitable docs list them. */
const baseFail = (code: number, msg: string): Reply => larkFail(code, msg, 200);

const OPERATORS = new Set(['is', 'isNot', 'contains', 'doesNotContain', 'isEmpty', 'isNotEmpty', 'isGreater', 'isGreaterEqual', 'isLess', 'isLessEqual']);

function scalar(v: unknown): string | number | null {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.map((s) => (s && typeof s === 'object' ? String((s as { text?: unknown }).text ?? '') : String(s))).join('');
  return typeof v === 'number' ? v : String(v);
}

function matches(cond: { field_name: string; operator: string; value?: string[] }, record: FakeBaseRecord): boolean {
  const v = scalar(record.fields[cond.field_name]);
  const want = cond.value?.[0] ?? '';
  const n = Number(want);
  switch (cond.operator) {
    case 'isEmpty':
      return v === null || v === '';
    case 'isNotEmpty':
      return v !== null && v !== '';
    case 'is':
      return String(v) === want;
    case 'isNot':
      return String(v) !== want;
    case 'contains':
      return String(v ?? '').includes(want);
    case 'doesNotContain':
      return !String(v ?? '').includes(want);
    case 'isGreater':
      return v !== null && Number(v) > n;
    case 'isGreaterEqual':
      return v !== null && Number(v) >= n;
    case 'isLess':
      return v !== null && Number(v) < n;
    default:
      return v !== null && Number(v) <= n;
  }
}

function search(ctx: RouteCtx): Reply {
  const store = ctx.state.bitable;
  const base = store.bases.get(ctx.params.app_token ?? '');
  if (!base) return baseFail(1254040, 'AppIdNotExist');
  if (!base.appAdded) return baseFail(91403, 'Forbidden');
  const table = base.tables[ctx.params.table_id ?? ''];
  if (!table) return baseFail(1254041, 'TableIdNotFound');
  const size = Number(ctx.query.get('page_size') ?? '20');
  if (!Number.isInteger(size) || size < 1 || size > 500) return fieldInvalid('page_size', 'page_size must be 1-500');
  const token = ctx.query.get('page_token');
  const from = token ? store.pageTokens.get(token) : 0;
  if (from === undefined) return fieldInvalid('page_token', 'page_token is invalid');
  const body = bodyObject(ctx.json);
  const names = Array.isArray(body.field_names) ? (body.field_names as string[]) : table.fields;
  const filter = body.filter as { conjunction?: string; conditions?: { field_name: string; operator: string; value?: string[] }[] } | undefined;
  const conditions = filter?.conditions ?? [];
  for (const name of [...names, ...conditions.map((c) => c.field_name)]) if (!table.fields.includes(name)) return baseFail(1254045, 'FieldNameNotFound');
  if (conditions.some((c) => !OPERATORS.has(c.operator)) || (filter && filter.conjunction !== 'and' && filter.conjunction !== 'or')) return baseFail(1254018, 'InvalidFilter');
  const kept = table.records.filter((r) => !conditions.length || (filter?.conjunction === 'or' ? conditions.some((c) => matches(c, r)) : conditions.every((c) => matches(c, r))));
  const slice = kept.slice(from, from + size);
  const next = from + slice.length;
  const auto = body.automatic_fields === true;
  const items = slice.map((r) => ({
    record_id: r.record_id,
    fields: Object.fromEntries(names.filter((n) => r.fields[n] !== undefined).map((n) => [n, r.fields[n]])),
    ...(auto ? { created_time: r.created_time, last_modified_time: r.last_modified_time } : {}),
  }));
  const hasMore = next < kept.length;
  return ok({ items, has_more: hasMore, ...(hasMore ? { page_token: store.nextToken(next) } : {}), total: kept.length });
}

export const bitableRoutes: Route[] = [{ method: 'POST', pattern: '/open-apis/bitable/v1/apps/:app_token/tables/:table_id/records/search', auth: 'tenant', handle: search }];

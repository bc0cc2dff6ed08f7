/**
 * Feishu Base cell values as the Open API returns them (platform-facts §7.3): numbers as
 * numbers, text as segments `[{ type: 'text', text }]`, dates as epoch ms, formulas and
 * lookups as `{ type, value: [...] }`.
 */
import { PullError } from './pull-error.ts';
import { numberFrom } from './values.ts';

/** The cell as one scalar: segments joined, a formula's first value; null when empty. */
function scalar(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) {
    if (v.length === 0) return null;
    if (v.every((s) => s && typeof s === 'object' && typeof (s as { text?: unknown }).text === 'string')) return v.map((s) => (s as { text: string }).text).join('');
    return scalar(v[0]);
  }
  if (typeof v === 'object') {
    const o = v as { value?: unknown; text?: unknown };
    if ('value' in o) return scalar(o.value);
    if (typeof o.text === 'string') return o.text;
    return v;
  }
  return v;
}

/** A number field's value; null when the cell is empty (the record is skipped). */
export function baseNumber(v: unknown, field: string, recordId: string): number | null {
  const s = scalar(v);
  if (s === null || s === '') return null;
  return numberFrom(s, `field "${field}" of record ${recordId}`);
}

/** A date field's value (epoch ms); null when empty. */
export function baseTime(v: unknown, field: string, recordId: string): Date | null {
  const s = scalar(v);
  if (s === null || s === '') return null;
  const ms = typeof s === 'number' ? s : typeof s === 'string' && /^\d+$/.test(s) ? Number(s) : NaN;
  if (!Number.isFinite(ms)) throw new PullError(`field "${field}" of record ${recordId} is not a date`);
  return new Date(ms);
}

/** What the admin should do about a Base error code (the message Feishu sends is kept after it). */
const HINTS: Record<number, string> = {
  91403: 'app not added to the Base',
  91402: 'not a Base app token (a wiki node token?)',
  1254040: 'Base app token not found',
  1254041: 'table not found',
  1254045: 'field not found',
  1254018: 'the filter is not valid',
  1254302: 'permission denied (grant the app access to the Base)',
  1254290: 'too many requests',
};

/** "Feishu 91403: app not added to the Base". */
export const baseErrorText = (code: number, msg: string) => `Feishu ${code}: ${HINTS[code] ?? (msg || 'error')}`;

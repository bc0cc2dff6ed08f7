import { PullError } from './pull-error.ts';

/**
 * A number from what a source returned: a JSON number, or a numeric string (CSV cells, JSON
 * APIs that quote numbers). Thousands separators and a trailing % are not guessed at.
 */
export function numberFrom(v: unknown, where: string): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v.trim()) : NaN;
  if (!Number.isFinite(n)) throw new PullError(`${where} is not a number (${preview(v)})`);
  return n;
}

/** A measured time: epoch milliseconds (number or digits) or an ISO 8601 text. */
export function timeFrom(v: unknown, where: string): Date {
  const ms = typeof v === 'number' ? v : typeof v === 'string' && /^\d{11,}$/.test(v.trim()) ? Number(v.trim()) : typeof v === 'string' ? Date.parse(v.trim()) : NaN;
  if (!Number.isFinite(ms)) throw new PullError(`${where} is not a time (${preview(v)})`);
  return new Date(ms);
}

function preview(v: unknown): string {
  const s = v === undefined ? 'nothing' : typeof v === 'string' ? `"${v}"` : JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}

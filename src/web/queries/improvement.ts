import { changePct } from '../../domain/metrics.ts';
import type { Direction } from '../../domain/types.ts';

/**
 * Change % turned so that positive means "moved the intended way" (a waiting time that fell
 * 37.8 % is +37.8 %), so metrics of both directions can be averaged. Null without an actual
 * or when the baseline is 0 (change % undefined, see domain/metrics.ts).
 */
export function improvement(m: { direction: Direction; baseline: number; actual: number | null }): number | null {
  if (m.actual === null) return null;
  const c = changePct(m.baseline, m.actual);
  return c === null ? null : m.direction === 'decrease' ? -c : c;
}

/** Mean of the non-null values; null when there are none. */
export function mean(values: readonly (number | null)[]): number | null {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v));
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
}

/** Median of the values; null when there are none. */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const xs = [...values].sort((a, b) => a - b);
  const mid = Math.floor(xs.length / 2);
  return xs.length % 2 ? xs[mid]! : (xs[mid - 1]! + xs[mid]!) / 2;
}

import { h, type Html } from './html.ts';
import type { Kit } from './kit.ts';

/**
 * Attainment as a percentage of the targeted change: "94 %", over-achievement above 100 %
 * ("130 %", marked `over`), a wrong-way move below 0 (marked `down`); a dash when unmeasured.
 */
export function attainmentText(kit: Kit, a: number | null): Html {
  if (a === null) return h`<span class="muted">—</span>`;
  const cls = a >= 1 ? 'over' : a < 0 ? 'down' : '';
  return h`<span class="att ${cls}" data-attainment="${Math.round(a * 1000) / 1000}">${kit.pct(a)}</span>`;
}

/** A heat-map shade, 0 (none) to 5 (target reached or beaten), from a mean attainment. */
export function heatShade(a: number | null, n: number): number {
  if (!n || a === null) return 0;
  return a >= 1 ? 5 : a >= 0.75 ? 4 : a >= 0.5 ? 3 : a >= 0.25 ? 2 : 1;
}

/** Return on investment of an outcome, when cost and benefit are recorded. */

/**
 * ROI as a fraction: (benefit − cost) / cost, e.g. cost 100, benefit 250 → 1.5 (= 150 %).
 * Null when either value is missing or not finite, or cost ≤ 0 (the ratio has no meaning
 * without a positive investment).
 */
export function roi(cost: number | null | undefined, benefit: number | null | undefined): number | null {
  if (cost == null || benefit == null) return null;
  if (!Number.isFinite(cost) || !Number.isFinite(benefit) || cost <= 0) return null;
  return (benefit - cost) / cost;
}

import { formatPct, t } from '../i18n/index.ts';
import type { InsightClaim, InsightGroup } from './insights.ts';
import type { Locale } from './types.ts';

/** A group as readers name it: a class in their language, anything else as it was typed. */
const groupName = (g: InsightGroup, locale: Locale) => (g.dimension === 'class' ? t(locale, `indicator.${g.key}`) : (g.names?.[locale] ?? g.label));

/** The numbers of a group: median, interquartile range, min–max and n. */
function stats(g: InsightGroup, locale: Locale) {
  const pct = (x: number) => formatPct(x, locale);
  return { group: groupName(g, locale), median: pct(g.median), q1: pct(g.q1), q3: pct(g.q3), min: pct(g.min), max: pct(g.max), n: g.n };
}

/**
 * Claims as plain sentences in one language, e.g. "Over the last 6 months, impact outcomes
 * had the highest verified attainment: median 85% (middle half 80%–90%, range 70%–95%, n = 4),
 * ahead of output (median 60%, n = 3)."
 */
export function insightSentences(claims: readonly InsightClaim[], months: number, locale: Locale): string[] {
  return claims.map((c) => {
    const base = { months, dimension: t(locale, `insight.dimension.${c.dimension}`), measure: t(locale, `insight.measure.${c.measure}`) };
    switch (c.kind) {
      case 'best': {
        const next = stats(c.next, locale);
        const text = t(locale, 'insight.best', { ...base, ...stats(c.best, locale), next: next.group, nextMedian: next.median, nextN: next.n });
        return c.leftOut ? `${text} ${t(locale, 'insight.left_out', { left: c.leftOut })}` : text;
      }
      case 'only': {
        const text = t(locale, 'insight.only', { ...base, ...stats(c.group, locale) });
        return c.leftOut ? `${text} ${t(locale, 'insight.left_out', { left: c.leftOut })}` : text;
      }
      case 'too_few':
        return t(locale, 'insight.too_few', { ...base, outcomes: c.outcomes, groups: c.groups });
    }
  });
}

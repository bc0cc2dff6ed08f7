import type { ShortfallView } from '../../../cards/view.ts';
import { defineKind, read } from './types.ts';

const isShortfall = (m: unknown): m is ShortfallView => {
  const x = m as Record<string, unknown> | null;
  return !!x && typeof x.name === 'string' && typeof x.unit === 'string' && ['baseline', 'target', 'actual', 'progress', 'shortfall'].every((k) => typeof x[k] === 'number');
};

/**
 * shortfall_alert: the numbers and the formula, to the owner, their manager and the PMO.
 * The numbers are the ones the review stored in the row (what was true when it was
 * recorded), so it loads nothing and is always relevant.
 */
export const shortfallAlert = defineKind<{ outcomeId: string; title: string; metrics: ShortfallView[] }>({
  kind: 'shortfall_alert',
  parse: ({ payload: p }) => {
    const outcomeId = read.str(p.outcomeId);
    const title = typeof p.title === 'string' ? p.title : null;
    return outcomeId && title !== null && Array.isArray(p.metrics) && p.metrics.every(isShortfall) ? { outcomeId, title, metrics: p.metrics } : null;
  },
  audience: 'person',
  load: async (ctx, p, to) => ({ type: 'shortfall', title: p.title, metrics: p.metrics, threshold: to.workspace.settings.shortfallThreshold, url: `${ctx.publicUrl}/app/outcomes/${p.outcomeId}` }),
  skipWhen: () => null,
  posts: true,
});

import { sourceHealth } from '../../db/queries/source-health.ts';
import { FAILING_AFTER } from '../../sources/source-failure.ts';
import { dateTimeText } from '../../views/dates.ts';
import { defineKind, read } from './types.ts';
import type { SourceFailingView } from './views.ts';

/**
 * source_failing: a pull source failed {@link FAILING_AFTER} times in a row; its metric's
 * owner learns which source, the last error and when it last worked. Loaded at delivery, so
 * the error is the latest; skipped when the source works again meanwhile.
 */
export const sourceFailing = defineKind<{ sourceId: string }>({
  kind: 'source_failing',
  parse: ({ payload: p }) => {
    const sourceId = read.str(p.sourceId);
    return sourceId ? { sourceId } : null;
  },
  audience: 'person',
  load: async (ctx, p, to) => {
    const s = await sourceHealth(ctx.db, to.workspace.id, p.sourceId);
    if (!s) return null;
    const view: SourceFailingView = {
      type: 'source_failing',
      metric: s.metricName,
      title: s.outcomeTitle,
      kind: s.kind,
      name: s.name,
      error: s.lastError ?? '',
      failures: s.consecutiveFailures,
      lastSuccessText: s.lastSuccessAt ? dateTimeText(s.lastSuccessAt, to.timeZone) : null,
      url: `${ctx.publicUrl}/app/outcomes/${s.outcomeId}`,
    };
    return view;
  },
  skipWhen: (v) => (v.type === 'source_failing' && v.failures < FAILING_AFTER ? 'the source works again' : null),
  posts: true,
});

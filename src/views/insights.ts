import { TZDate } from '@date-fns/tz';
import type { Db } from '../db/client.ts';
import { readInsightGroups } from '../db/queries/insights.ts';
import { listMetricTemplates } from '../db/queries/metric-templates.ts';
import type { Reader } from '../db/queries/visibility.ts';
import { insightSentences } from '../domain/insight-text.ts';
import { judgeInsights, type InsightClaim } from '../domain/insights.ts';
import type { Locale } from '../domain/types.ts';

/** The insights of a workspace as a reader may see them: the claims and their sentences in both languages. */
export interface InsightsView {
  months: number;
  claims: InsightClaim[];
  sentences: Record<Locale, string[]>;
}

/**
 * Insights over the outcomes verified in the last `months` months (counted back from `now`
 * in `timeZone`): the groups from SQL, templates named from the workspace's library, the
 * rules of src/domain/insights.ts, and the sentences in both languages.
 */
export async function loadInsights(db: Db, workspaceId: string, reader: Reader, now: Date, months: number, timeZone: string): Promise<InsightsView> {
  const since = new TZDate(now.getTime(), timeZone);
  since.setMonth(since.getMonth() - months);
  const [groups, templates] = await Promise.all([readInsightGroups(db, workspaceId, reader, new Date(since.getTime())), listMetricTemplates(db, workspaceId)]);
  const names = new Map(templates.map((t) => [t.key, t.name]));
  const named = groups.map((g) => (g.dimension === 'template' && names.has(g.key) ? { ...g, names: names.get(g.key)! } : g));
  const claims = judgeInsights(named);
  return { months, claims, sentences: { en: insightSentences(claims, months, 'en'), 'zh-CN': insightSentences(claims, months, 'zh-CN') } };
}

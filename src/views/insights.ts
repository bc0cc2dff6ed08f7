import { TZDate } from '@date-fns/tz';
import { baseDb, type Db } from '../db/client.ts';
import { readInsightGroups } from '../db/queries/insights.ts';
import { verifiedFingerprint } from '../db/queries/rollups.ts';
import { listMetricTemplates } from '../db/queries/metric-templates.ts';
import type { Reader } from '../db/queries/visibility.ts';
import { insightSentences } from '../domain/insight-text.ts';
import { judgeInsights, type InsightClaim, type InsightGroup } from '../domain/insights.ts';
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
  const [groups, templates] = await Promise.all([insightGroups(db, workspaceId, reader, new Date(since.getTime()), now), listMetricTemplates(db, workspaceId)]);
  const names = new Map(templates.map((t) => [t.key, t.name]));
  const named = groups.map((g) => (g.dimension === 'template' && names.has(g.key) ? { ...g, names: names.get(g.key)! } : g));
  const claims = judgeInsights(named);
  return { months, claims, sentences: { en: insightSentences(claims, months, 'en'), 'zh-CN': insightSentences(claims, months, 'zh-CN') } };
}

/** Whole-workspace groups reused while nothing verified changed: at most this many kept, and for at most this long. */
const CACHED_WORKSPACES = 64;
const MAX_AGE_MS = 3_600_000;
/** Per database (a process may hold several, tests do), per workspace and day. */
const caches = new WeakMap<Db, Map<string, { fingerprint: string; at: number; groups: InsightGroup[] }>>();

/**
 * The insight groups. Ranking every verified outcome of a year for the medians and quartiles
 * takes about a second at 100,000 outcomes, so for a reader who sees the whole workspace the
 * groups are kept per workspace, period and day of `since`, and reused while the workspace's
 * verified outcomes are unchanged (their rollups' fingerprint) and for at most an hour (a
 * template key or a project's name or kind changed meanwhile). Others' groups are few rows and
 * computed each time.
 */
async function insightGroups(db: Db, workspaceId: string, reader: Reader, since: Date, now: Date): Promise<InsightGroup[]> {
  if (!reader.seesAll) return readInsightGroups(db, workspaceId, reader, since);
  const key = `${workspaceId}|${since.toISOString().slice(0, 10)}`;
  const fingerprint = await verifiedFingerprint(db, workspaceId);
  const perDatabase = baseDb(db);
  const cached = caches.get(perDatabase) ?? new Map();
  caches.set(perDatabase, cached);
  const hit = cached.get(key);
  if (hit && hit.fingerprint === fingerprint && now.getTime() - hit.at < MAX_AGE_MS && now.getTime() >= hit.at) return hit.groups;
  const groups = await readInsightGroups(db, workspaceId, reader, since);
  cached.delete(key);
  if (cached.size >= CACHED_WORKSPACES) cached.delete(cached.keys().next().value!);
  cached.set(key, { fingerprint, at: now.getTime(), groups });
  return groups;
}

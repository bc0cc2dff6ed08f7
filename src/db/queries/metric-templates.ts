import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { BUILT_IN_TEMPLATES, type MetricTemplate } from '../../domain/metric-templates.ts';
import { perDb, type Db } from '../client.ts';
import { metrics, metricTemplates } from '../schema/index.ts';

/** A form holds at most this many of a workspace's own templates (with the 13 built-ins, under Slack's 100 options). */
export const CUSTOM_TEMPLATES_MAX = 80;

type Row = typeof metricTemplates.$inferSelect;

const toTemplate = (r: Row): MetricTemplate => ({
  key: r.key,
  indicatorClass: r.indicatorClass,
  unit: r.unit,
  direction: r.direction,
  name: { en: r.nameEn, 'zh-CN': r.nameZh },
  description: { en: r.descriptionEn, 'zh-CN': r.descriptionZh },
  builtIn: false,
});

/** The workspace's own templates that are still offered, oldest first. */
export async function listCustomTemplates(db: Db, workspaceId: string): Promise<MetricTemplate[]> {
  return (await offered(db).all({ workspaceId })).map(toTemplate);
}

// Every submit form lists them: prepared once (see perDb in src/db/client.ts).
const offered = perDb((db) =>
  db
    .select()
    .from(metricTemplates)
    .where(and(eq(metricTemplates.workspaceId, sql.placeholder('workspaceId')), isNull(metricTemplates.disabledAt)))
    .orderBy(asc(metricTemplates.createdAt), asc(metricTemplates.key))
    .limit(CUSTOM_TEMPLATES_MAX)
    .prepare(),
);

/** Every template a member of this workspace can pick: the built-in library, then the workspace's own. */
export async function listMetricTemplates(db: Db, workspaceId: string): Promise<MetricTemplate[]> {
  return [...BUILT_IN_TEMPLATES, ...(await listCustomTemplates(db, workspaceId))];
}

/** How many templates of its own the workspace offers now (adding stops at {@link CUSTOM_TEMPLATES_MAX}). */
export async function countCustomTemplates(db: Db, workspaceId: string): Promise<number> {
  return (await listCustomTemplates(db, workspaceId)).length;
}

/** The template key of each of an outcome's metrics, in position order (prefills an edit form). */
export async function outcomeTemplateKeys(db: Db, workspaceId: string, outcomeId: string): Promise<(string | null)[]> {
  const rows = await db
    .select({ key: metrics.templateKey })
    .from(metrics)
    .where(and(eq(metrics.workspaceId, workspaceId), eq(metrics.outcomeId, outcomeId)))
    .orderBy(asc(metrics.position));
  return rows.map((r) => r.key);
}

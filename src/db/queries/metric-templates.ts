import { and, asc, eq, isNull } from 'drizzle-orm';
import { BUILT_IN_TEMPLATES, type MetricTemplate } from '../../domain/metric-templates.ts';
import type { Db } from '../client.ts';
import { metricTemplates } from '../schema/index.ts';

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
  const rows = await db
    .select()
    .from(metricTemplates)
    .where(and(eq(metricTemplates.workspaceId, workspaceId), isNull(metricTemplates.disabledAt)))
    .orderBy(asc(metricTemplates.createdAt), asc(metricTemplates.key))
    .limit(CUSTOM_TEMPLATES_MAX);
  return rows.map(toTemplate);
}

/** Every template a member of this workspace can pick: the built-in library, then the workspace's own. */
export async function listMetricTemplates(db: Db, workspaceId: string): Promise<MetricTemplate[]> {
  return [...BUILT_IN_TEMPLATES, ...(await listCustomTemplates(db, workspaceId))];
}

/** How many templates of its own the workspace offers now (adding stops at {@link CUSTOM_TEMPLATES_MAX}). */
export async function countCustomTemplates(db: Db, workspaceId: string): Promise<number> {
  return (await listCustomTemplates(db, workspaceId)).length;
}

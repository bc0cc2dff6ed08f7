import { and, eq, isNull } from 'drizzle-orm';
import { customTemplateKey, type MetricTemplate } from '../../domain/metric-templates.ts';
import type { Db } from '../client.ts';
import { auditLog, metricTemplates } from '../schema/index.ts';

/** Stores a workspace's own template with its audit entry, in one batch; returns its key. */
export async function addMetricTemplate(db: Db, workspaceId: string, t: Omit<MetricTemplate, 'key' | 'builtIn'>, actorId: string | null, at: Date): Promise<string> {
  const id = crypto.randomUUID();
  const key = customTemplateKey(id);
  await db.batch([
    db.insert(metricTemplates).values({
      id,
      workspaceId,
      key,
      indicatorClass: t.indicatorClass,
      unit: t.unit,
      direction: t.direction,
      nameEn: t.name.en,
      nameZh: t.name['zh-CN'],
      descriptionEn: t.description.en,
      descriptionZh: t.description['zh-CN'],
      createdBy: actorId,
      createdAt: at,
    }),
    db.insert(auditLog).values({ workspaceId, entity: 'metric_template', entityId: key, action: 'add', actorId, comment: t.name.en, at }),
  ]);
  return key;
}

/**
 * Disables one of the workspace's own templates (no longer offered; metrics keep its key), with
 * its audit entry. False when the workspace has no such enabled template (a built-in key, another
 * workspace's, or already removed): nothing changes.
 */
export async function disableMetricTemplate(db: Db, workspaceId: string, key: string, actorId: string | null, at: Date): Promise<boolean> {
  const where = and(eq(metricTemplates.workspaceId, workspaceId), eq(metricTemplates.key, key), isNull(metricTemplates.disabledAt));
  const [found] = await db.select({ id: metricTemplates.id }).from(metricTemplates).where(where);
  if (!found) return false;
  const [updated] = await db.batch([
    db.update(metricTemplates).set({ disabledAt: at }).where(where).returning({ id: metricTemplates.id }),
    db.insert(auditLog).values({ workspaceId, entity: 'metric_template', entityId: key, action: 'disable', actorId, comment: null, at }),
  ]);
  return updated.length > 0;
}

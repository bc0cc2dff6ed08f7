import { and, asc, eq, sql } from 'drizzle-orm';
import type { NewReviewResult, ReviewRepo } from '../../domain/ports.ts';
import type { Platform } from '../../domain/types.ts';
import { batchOnce, type Db } from '../client.ts';
import { actionGuards, auditLog, evidence, metricReadings, metrics, outcomes, projects, reviewSchedules, workspaces } from '../schema/index.ts';
import { insertNotifications } from './outbox-rows.ts';
import { okrProgressRows } from './okr-progress-rows.ts';
import { refreshActuals } from './readings-repo.ts';

/** The 90-day (and second) reviews: reading one, and recording its result once. */
export function createReviewRepo(db: Db): ReviewRepo {
  return {
    async get(workspaceId, scheduleId) {
      const [row] = await db
        .select({ s: reviewSchedules, title: outcomes.title, ownerId: outcomes.ownerId, submitterId: outcomes.submitterId, projectOwnerId: projects.ownerId })
        .from(reviewSchedules)
        .innerJoin(outcomes, eq(outcomes.id, reviewSchedules.outcomeId))
        .leftJoin(projects, eq(projects.id, outcomes.projectId))
        .where(and(eq(reviewSchedules.workspaceId, workspaceId), eq(reviewSchedules.id, scheduleId)));
      if (!row) return null;
      const ms = await db.select().from(metrics).where(eq(metrics.outcomeId, row.s.outcomeId)).orderBy(asc(metrics.position));
      return {
        scheduleId: row.s.id,
        kind: row.s.kind,
        status: row.s.status,
        outcomeId: row.s.outcomeId,
        outcomeTitle: row.title,
        ownerId: row.ownerId ?? row.submitterId,
        metrics: ms.map((m) => ({ id: m.id, name: m.name, unit: m.unit, direction: m.direction, baseline: m.baseline, target: m.target })),
        teamIds: [row.submitterId, row.projectOwnerId].filter((id): id is string => !!id),
      };
    },

    async saveResult(r: NewReviewResult) {
      const [w] = await db.select({ platform: workspaces.platform }).from(workspaces).where(eq(workspaces.id, r.workspaceId));
      const ws = r.workspaceId;
      const statements = [
        // Recorded once: a second submit of the same review fails the whole batch here.
        db.insert(actionGuards).values({ workspaceId: ws, action: 'review_recorded', key: r.scheduleId, at: r.at }),
        db.update(reviewSchedules).set({ status: 'done', completedAt: r.at }).where(and(eq(reviewSchedules.id, r.scheduleId), sql`${reviewSchedules.status} in ('scheduled', 'notified')`)),
        ...r.readings.map((x) => db.insert(metricReadings).values({ workspaceId: ws, metricId: x.metricId, value: x.value, measuredAt: r.at, source: 'review', recordedBy: r.actorId, createdAt: r.at })),
        ...refreshActuals(db, ws, r.readings.map((x) => x.metricId)),
        ...(r.evidenceUrl ? [db.insert(evidence).values({ workspaceId: ws, outcomeId: r.outcomeId, kind: 'link', url: r.evidenceUrl, title: null, addedBy: r.actorId, createdAt: r.at })] : []),
        db.insert(auditLog).values({ ...r.audit, workspaceId: ws }),
        ...insertNotifications(db, ws, w!.platform as Platform, r.notifications, r.at),
        ...(await okrProgressRows(db, ws, r.outcomeId, { type: 'review', scheduleId: r.scheduleId }, r.at)),
      ] as const;
      return (await batchOnce(db, statements, 'action_guards')) ? 'stored' : 'stale';
    },
  };
}

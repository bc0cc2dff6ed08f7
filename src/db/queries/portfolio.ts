import { and, asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { metrics, outcomes, people, projects } from '../schema/index.ts';
import type { OutcomeStatus } from '../../domain/types.ts';
import { periodAndProject, visibleOutcomes, type OutcomePeriod, type Reader } from './visibility.ts';

/**
 * The rows of the portfolio page: the workspace's projects; every outcome of the workspace
 * in the period (for the status counts) and the verified ones with their metrics (for the
 * matrix); and the newest 500 outcomes the reader may see, also filtered by status.
 */
export async function readPortfolio(db: Db, workspaceId: string, reader: Reader, f: OutcomePeriod & { status: OutcomeStatus | null }) {
  const filter = periodAndProject(f);
  const [projectRows, summary, measured, list] = await Promise.all([
    db.select({ id: projects.id, name: projects.name }).from(projects).where(eq(projects.workspaceId, workspaceId)).orderBy(asc(projects.name)),
    db
      .select({ status: outcomes.status, submittedAt: outcomes.submittedAt, updatedAt: outcomes.updatedAt, createdAt: outcomes.createdAt })
      .from(outcomes)
      .where(and(eq(outcomes.workspaceId, workspaceId), filter)),
    db
      .select({ outcomeId: outcomes.id, projectId: outcomes.projectId, indicatorClass: outcomes.indicatorClass, direction: metrics.direction, baseline: metrics.baseline, actual: metrics.actual })
      .from(outcomes)
      .leftJoin(metrics, eq(metrics.outcomeId, outcomes.id))
      .where(and(eq(outcomes.workspaceId, workspaceId), eq(outcomes.status, 'verified'), filter)),
    db
      .select({ id: outcomes.id, title: outcomes.title, status: outcomes.status, projectName: projects.name, indicatorClass: outcomes.indicatorClass, submitterName: people.name, submitterAddress: people.platformUserId, updatedAt: outcomes.updatedAt, createdAt: outcomes.createdAt })
      .from(outcomes)
      .leftJoin(projects, eq(projects.id, outcomes.projectId))
      .innerJoin(people, eq(people.id, outcomes.submitterId))
      .where(and(visibleOutcomes(workspaceId, reader), filter, f.status ? eq(outcomes.status, f.status) : undefined))
      .orderBy(desc(outcomes.updatedAt), desc(outcomes.createdAt))
      .limit(500),
  ]);
  return { projectRows, summary, measured, list };
}

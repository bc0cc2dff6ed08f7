import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { and, asc, desc, eq, gte, inArray, lt, lte, sql } from 'drizzle-orm';
import type { DigestData } from '../../domain/digest.ts';
import { changePct } from '../../domain/metrics.ts';
import { summarizeNps } from '../../domain/nps.ts';
import type { Db } from '../client.ts';
import { auditLog, metricReadings, metrics, outcomes, people, projects, reviewSchedules, surveyResponses, surveys } from '../schema/index.ts';
import { DAY_MS } from '../../domain/iso-week.ts';
import { daysOverdue } from '../../domain/followup-rules.ts';

const WAITING_DAYS = 3;
const TOP = 5;

/** The period a digest covers: `from` (inclusive) to `to` (exclusive). */
export interface DigestPeriod {
  from: Date;
  to: Date;
}

/**
 * Everything the digest says about one workspace: the week's flow for `period`, and the
 * waiting approvals and due / overdue reviews as they stand `now` (a past date is overdue,
 * never "due"), from indexed reads.
 */
export async function readDigest(db: Db, workspaceId: string, now: Date, timeZone: string, period: DigestPeriod): Promise<DigestData> {
  const { from: start, to: end } = period;
  const week = format(new TZDate(start.getTime(), timeZone), 'yyyy-MM-dd');
  const days = (since: Date) => daysOverdue(since, now);

  const flow = await db
    .select({ action: auditLog.action, to: auditLog.toStatus, n: sql<number>`count(*)` })
    .from(auditLog)
    .where(and(eq(auditLog.workspaceId, workspaceId), eq(auditLog.entity, 'outcome'), gte(auditLog.at, start), lt(auditLog.at, end)))
    .groupBy(auditLog.action, auditLog.toStatus);
  const count = (pred: (r: (typeof flow)[number]) => boolean) => flow.filter(pred).reduce((a, r) => a + Number(r.n), 0);

  const waitingRows = await db
    .select({ title: outcomes.title, status: outcomes.status, since: sql<number>`coalesce(${outcomes.updatedAt}, ${outcomes.submittedAt})`, who: people.name })
    .from(outcomes)
    .leftJoin(people, eq(people.id, outcomes.reviewerId))
    .where(and(eq(outcomes.workspaceId, workspaceId), inArray(outcomes.status, ['submitted', 'manager_approved']), lte(sql`coalesce(${outcomes.updatedAt}, ${outcomes.submittedAt})`, now.getTime() - WAITING_DAYS * DAY_MS)))
    .orderBy(asc(sql`coalesce(${outcomes.updatedAt}, ${outcomes.submittedAt})`))
    .limit(TOP);

  // The SQL form of isReviewOverdue (src/domain/followup-rules.ts): open and past its due instant.
  const open = and(eq(reviewSchedules.workspaceId, workspaceId), inArray(reviewSchedules.status, ['scheduled', 'notified']));
  const overdueWhere = and(open, lt(reviewSchedules.dueAt, now));
  // Due within the next 7 days and not overdue yet.
  const [due] = await db
    .select({ n: sql<number>`count(*)` })
    .from(reviewSchedules)
    .where(and(open, gte(reviewSchedules.dueAt, now), lte(reviewSchedules.dueAt, new Date(now.getTime() + 7 * DAY_MS))));
  const [overdueCount] = await db.select({ n: sql<number>`count(*)` }).from(reviewSchedules).where(overdueWhere);
  const overdueRows = await db
    .select({ title: outcomes.title, dueAt: reviewSchedules.dueAt, owner: people.name })
    .from(reviewSchedules)
    .innerJoin(outcomes, eq(outcomes.id, reviewSchedules.outcomeId))
    .leftJoin(people, eq(people.id, sql`coalesce(${outcomes.ownerId}, ${outcomes.submitterId})`))
    .where(overdueWhere)
    .orderBy(asc(reviewSchedules.dueAt))
    .limit(TOP);

  const readings = await db
    .select({ title: outcomes.title, metric: metrics.name, direction: metrics.direction, baseline: metrics.baseline, value: metricReadings.value })
    .from(metricReadings)
    .innerJoin(metrics, eq(metrics.id, metricReadings.metricId))
    .innerJoin(outcomes, eq(outcomes.id, metrics.outcomeId))
    .where(and(eq(metricReadings.workspaceId, workspaceId), eq(metricReadings.source, 'review'), gte(metricReadings.measuredAt, start), lt(metricReadings.measuredAt, end)));
  const improvements = readings
    .map((r) => ({ title: r.title, metric: r.metric, change: changePct(r.baseline, r.value), sign: r.direction === 'increase' ? 1 : -1 }))
    .filter((r): r is typeof r & { change: number } => r.change !== null && r.change * r.sign > 0)
    .sort((a, b) => Math.abs(b.change) - Math.abs(a.change))
    .slice(0, TOP)
    .map((r) => ({ title: r.title, metric: r.metric, changePct: r.change }));

  return {
    week,
    // A resubmission is the same outcome again, not a new one.
    submitted: count((r) => r.action === 'submit'),
    verified: count((r) => r.to === 'verified'),
    sentBack: count((r) => r.to === 'changes_requested'),
    rejected: count((r) => r.to === 'rejected'),
    waiting: waitingRows.map((r) => ({ title: r.title, who: r.status === 'submitted' ? r.who || null : null, days: days(new Date(Number(r.since))) })),
    reviewsDue: Number(due?.n ?? 0),
    overdueCount: Number(overdueCount?.n ?? 0),
    overdue: overdueRows.map((r) => ({ title: r.title, owner: r.owner ?? '', days: days(r.dueAt) })),
    improvements,
    nps: await npsChanges(db, workspaceId, period),
  };
}

/** Surveys closed in the period, with the project's previous closed survey for comparison. */
async function npsChanges(db: Db, workspaceId: string, { from, to }: DigestPeriod) {
  const closed = await db
    .select({ id: surveys.id, projectId: surveys.projectId, project: projects.name, closedAt: surveys.closedAt })
    .from(surveys)
    .innerJoin(projects, eq(projects.id, surveys.projectId))
    .where(and(eq(surveys.workspaceId, workspaceId), eq(surveys.status, 'closed'), gte(surveys.closedAt, from), lt(surveys.closedAt, to)))
    .limit(TOP);
  const npsOf = async (surveyId: string) => summarizeNps((await db.select({ s: surveyResponses.score }).from(surveyResponses).where(eq(surveyResponses.surveyId, surveyId))).flatMap((r) => (r.s === null ? [] : [r.s])));
  const out: DigestData['nps'] = [];
  for (const c of closed) {
    const now = await npsOf(c.id);
    if (now.hidden || now.nps === null) continue;
    const [prev] = await db
      .select({ id: surveys.id })
      .from(surveys)
      .where(and(eq(surveys.projectId, c.projectId), eq(surveys.status, 'closed'), lt(surveys.closedAt, c.closedAt!)))
      .orderBy(desc(surveys.closedAt))
      .limit(1);
    const before = prev ? await npsOf(prev.id) : null;
    out.push({ project: c.project, before: before && !before.hidden ? before.nps : null, after: now.nps, n: now.n });
  }
  return out;
}

import { and, desc, eq, inArray, like, sql } from 'drizzle-orm';
import type { ApprovalLevel } from '../../domain/approval-rules.ts';
import { DEFAULT_APPROVAL_ESCALATION_DAYS, DEFAULT_APPROVAL_REMINDER_DAYS } from '../../domain/settings.ts';
import { DAY_MS } from '../../domain/iso-week.ts';
import type { Db } from '../client.ts';
import { actionGuards, outbox, outcomes, reviews, workspaces } from '../schema/index.ts';

/** A stage awaiting a decision, and since when (submission, or the manager's approval). */
export interface WaitingApproval {
  workspaceId: string;
  outcomeId: string;
  round: number;
  status: 'submitted' | 'manager_approved';
  submitterId: string;
  reviewerId: string | null;
  since: Date;
}

/** The guard action of each level: the (outcome, round, stage) key is written once. */
export const LEVEL_GUARD: Record<ApprovalLevel, string> = { reminder: 'approval_reminded', escalation: 'approval_escalated' };

/** The guard key of one stage of one round. */
export const stageKey = (outcomeId: string, round: number, stage: 'manager' | 'pmo') => `${outcomeId}:${round}:${stage}`;

const since = sql<number>`CASE ${outcomes.status} WHEN 'submitted' THEN ${outcomes.submittedAt}
  ELSE (SELECT ${reviews.decidedAt} FROM ${reviews} WHERE ${reviews.outcomeId} = ${outcomes.id} AND ${reviews.round} = ${outcomes.round} AND ${reviews.stage} = 'manager') END`;
const stage = sql`CASE ${outcomes.status} WHEN 'submitted' THEN 'manager' ELSE 'pmo' END`;

/**
 * Up to `limit` pending stages not yet handled at `level`, longest waiting first, that have
 * waited at least the level's delay in calendar days (a lower bound of its working days:
 * the job decides exactly with src/domain/approval-rules.ts).
 */
export async function approvalsWaiting(db: Db, level: ApprovalLevel, now: Date, limit: number): Promise<WaitingApproval[]> {
  const days =
    level === 'reminder'
      ? sql`COALESCE(json_extract(${workspaces.settings}, '$.approvalReminderDays'), ${DEFAULT_APPROVAL_REMINDER_DAYS})`
      : sql`MAX(COALESCE(json_extract(${workspaces.settings}, '$.approvalEscalationDays'), ${DEFAULT_APPROVAL_ESCALATION_DAYS}), COALESCE(json_extract(${workspaces.settings}, '$.approvalReminderDays'), ${DEFAULT_APPROVAL_REMINDER_DAYS}))`;
  const rows = await db
    .select({ workspaceId: outcomes.workspaceId, outcomeId: outcomes.id, round: outcomes.round, status: outcomes.status, submitterId: outcomes.submitterId, reviewerId: outcomes.reviewerId, since })
    .from(outcomes)
    .innerJoin(workspaces, eq(workspaces.id, outcomes.workspaceId))
    .where(
      and(
        inArray(outcomes.status, ['submitted', 'manager_approved']),
        sql`${since} <= ${now.getTime()} - ${days} * ${DAY_MS}`,
        sql`NOT EXISTS (SELECT 1 FROM ${actionGuards} WHERE ${actionGuards.workspaceId} = ${outcomes.workspaceId} AND ${actionGuards.action} = ${LEVEL_GUARD[level]}
          AND ${actionGuards.key} = ${outcomes.id} || ':' || ${outcomes.round} || ':' || ${stage})`,
      ),
    )
    .orderBy(since)
    .limit(limit);
  return rows.map((r) => ({ ...r, status: r.status as WaitingApproval['status'], since: new Date(Number(r.since)) }));
}

/** The guard that makes a level happen once per round: a second insert fails the batch. */
export const guardLevel = (db: Db, workspaceId: string, level: ApprovalLevel, key: string, at: Date) => db.insert(actionGuards).values({ workspaceId, action: LEVEL_GUARD[level], key, at });

/** When the latest approval card of this stage went out to `destination` (null: never sent). */
export async function lastCardSentAt(db: Db, workspaceId: string, outcomeId: string, round: number, stageName: 'manager' | 'pmo', destination: string): Promise<Date | null> {
  const [row] = await db
    .select({ sentAt: outbox.sentAt })
    .from(outbox)
    .where(
      and(
        eq(outbox.workspaceId, workspaceId),
        eq(outbox.kind, 'approval_request'),
        eq(outbox.destination, destination),
        eq(outbox.status, 'sent'),
        like(outbox.dedupeKey, `approval_request:${outcomeId}:${round}:${stageName}:%`),
      ),
    )
    .orderBy(desc(outbox.sentAt))
    .limit(1);
  return row?.sentAt ?? null;
}

/** Since when a stage has waited (for the card's "waiting N working days"); null when it is not pending. */
export async function stageWaitingSince(db: Db, workspaceId: string, outcomeId: string): Promise<Date | null> {
  const [row] = await db
    .select({ since })
    .from(outcomes)
    .where(and(eq(outcomes.workspaceId, workspaceId), eq(outcomes.id, outcomeId), inArray(outcomes.status, ['submitted', 'manager_approved'])));
  return row?.since ? new Date(Number(row.since)) : null;
}

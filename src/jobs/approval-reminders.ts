import { batchOnce, type Db } from '../db/client.ts';
import { approvalsWaiting, guardLevel, stageKey, type WaitingApproval } from '../db/queries/approvals-waiting.ts';
import { personById } from '../db/queries/people.ts';
import { createApprovalStore } from '../db/repos/approval-store.ts';
import { createOutcomeRepo } from '../db/repos/outcome-repo.ts';
import { createPeopleRepo } from '../db/repos/people-repo.ts';
import { approvalEscalationRecipients, isApprovalLevelDue, localDay, recipientOf, standIn, workdayZoneOf, type ApprovalLevel } from '../domain/approval-rules.ts';
import { chaseNotes } from '../domain/chase-notes.ts';
import { delegateReview } from '../domain/delegate-review.ts';
import { pmoAddresses } from '../domain/followup-rules.ts';
import type { Notification, Recipient } from '../domain/ports.ts';
import { eachItem, JOB_BATCH, notify, workspaceCache, type JobLog, type WorkspaceInfo } from './job-kit.ts';

const stageOf = (a: WaitingApproval) => (a.status === 'submitted' ? 'manager' : 'pmo') as 'manager' | 'pmo';

/**
 * The reviewer to remind at the manager stage. One who is out of office today hands the
 * review to their stand-in first (转交, audited, the stand-in gets the card), who is reminded.
 */
async function reviewerToRemind(db: Db, w: WorkspaceInfo, a: WaitingApproval, now: Date): Promise<Recipient[]> {
  const reviewer = a.reviewerId ? await personById(db, w.id, a.reviewerId) : null;
  if (!reviewer) return [];
  const standInId = standIn(reviewer, localDay(now, w.settings.timeZone));
  const stand = standInId && standInId !== a.submitterId ? await personById(db, w.id, standInId) : null;
  if (!stand) return [recipientOf(reviewer)];
  const ctx = { clock: { now: () => now }, outcomes: createOutcomeRepo(db), people: createPeopleRepo(db), newId: () => crypto.randomUUID(), via: 'job' as const };
  await delegateReview({ ctx, store: createApprovalStore(db), input: { workspace: w, installedBy: null, outcomeId: a.outcomeId, actor: 'system', toId: stand.id, reason: 'out of office', round: a.round } });
  return [recipientOf(stand)];
}

/** Who hears of a stage at `level`: reminders go to its reviewer (the PMO at stage 2); escalations to the reviewer's manager, else the PMO. */
async function recipients(db: Db, w: WorkspaceInfo, a: WaitingApproval, level: ApprovalLevel, now: Date): Promise<Recipient[]> {
  const pmo = () => pmoAddresses(w.settings).map((address) => ({ personId: null, address }));
  if (stageOf(a) === 'pmo') return pmo();
  if (level === 'reminder') return reviewerToRemind(db, w, a, now);
  const reviewer = a.reviewerId ? await personById(db, w.id, a.reviewerId) : null;
  const manager = reviewer?.managerId ? await personById(db, w.id, reviewer.managerId) : null;
  return approvalEscalationRecipients(manager && recipientOf(manager), w.settings);
}

/**
 * One level of approval chasing (催办): pending stages whose reminder (or escalation) time has
 * come are handled once per round — the level's guard row is written in the same batch as the
 * messages, so overlapping runs send nothing twice, and a new round (a resubmission) starts over.
 */
async function chase(db: Db, level: ApprovalLevel, now: Date, log: JobLog): Promise<number> {
  const waiting = await approvalsWaiting(db, level, now, JOB_BATCH);
  const workspace = workspaceCache(db);
  let done = 0;
  await eachItem(`approval ${level}s`, waiting, (a) => a.outcomeId, async (a) => {
    const w = await workspace(a.workspaceId);
    if (!isApprovalLevelDue(level, a.since, now, w.settings, workdayZoneOf(w.settings))) return;
    const stage = stageOf(a);
    const ref = { outcomeId: a.outcomeId, round: a.round, stage };
    const to = await recipients(db, w, a, level, now);
    const dedupeKey = (t: Recipient) => `approval_notice:${a.outcomeId}:${a.round}:${stage}:${level}:${t.address}`;
    const notes: Notification[] =
      level === 'reminder'
        ? await chaseNotes(createApprovalStore(db), w, ref, to, { data: { variant: level }, dedupeKey }, now)
        : to.map((t) => ({ kind: 'approval_notice', to: t, data: { ...ref, variant: level }, dedupeKey: dedupeKey(t) }));
    // A run that loses the guard to another run (overlapping crons) writes nothing.
    if (await batchOnce(db, [guardLevel(db, w.id, level, stageKey(a.outcomeId, a.round, stage), now), ...notify(db, w, notes, now)], 'action_guards')) done++;
  }, log);
  return done;
}

/** Pending approvals reminded to their reviewer after `approvalReminderDays` working days. */
export const remindPendingApprovals = (db: Db, now: Date, log: JobLog) => chase(db, 'reminder', now, log);

/** Pending approvals escalated after `approvalEscalationDays` working days (never before the reminder). */
export const escalatePendingApprovals = (db: Db, now: Date, log: JobLog) => chase(db, 'escalation', now, log);

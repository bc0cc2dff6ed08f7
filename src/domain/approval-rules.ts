import { DomainError } from './errors.ts';
import { escalationRecipients } from './followup-rules.ts';
import { DAY_MS } from './iso-week.ts';
import type { Recipient } from './ports.ts';
import { nextWorkingMorning, workingMorningAfter } from './schedule.ts';
import { calendarOf, type WorkingCalendar } from './working-calendar.ts';
import type { WorkspaceSettingsShape } from './settings.ts';
import type { OutcomeStatus, Platform } from './types.ts';

/**
 * The rules that keep a pending approval moving, once: when its reviewer is reminded, when
 * and to whom it is escalated, who may nudge or hand it over, and when a Feishu card is too
 * old to click. The job (src/jobs/approval-reminders.ts), the verbs and the views ask these.
 * Every working-day time goes through src/domain/schedule.ts, whose calendar decides what a
 * working day is.
 */

export type ApprovalLevel = 'reminder' | 'escalation';

/** Where working days are counted: the workspace's zone and calendar. */
export interface WorkdayZone {
  timeZone: string;
  calendar: WorkingCalendar;
}

/** The workspace's {@link WorkdayZone}: every reader counts the same days. */
export const workdayZoneOf = (settings: Pick<WorkspaceSettingsShape, 'timeZone' | 'calendar' | 'extraOffDays' | 'extraWorkDays'>): WorkdayZone => ({ timeZone: settings.timeZone, calendar: calendarOf(settings) });

/**
 * Where the count starts: `from` itself on a working day, else the first working morning
 * after it, so a request sent on a Saturday or a holiday has its first working day still ahead.
 */
const countFrom = (from: Date, zone: WorkdayZone): Date => (zone.calendar.isWorkingDay(localDay(from, zone.timeZone)) ? from : nextWorkingMorning(from, zone.timeZone, zone.calendar));

/** Safety bound when counting working days (a year of them covers any real wait). */
const MAX_COUNTED_DAYS = 366;

/**
 * The morning `days` working days after `from`: each step is the next working morning
 * (09:00 local), so a Friday submission's 2 working days end on Tuesday morning.
 */
export function workingDaysAfter(from: Date, days: number, zone: WorkdayZone): Date {
  let at = countFrom(from, zone);
  for (let i = 0; i < Math.min(days, MAX_COUNTED_DAYS); i++) at = workingMorningAfter(at, 1, zone.timeZone, zone.calendar);
  return at;
}

/** Whole working days from `since` to `now` (working mornings passed), what an approval card says it has waited. */
export function workingDaysWaited(since: Date, now: Date, zone: WorkdayZone): number {
  let n = 0;
  let at = workingMorningAfter(countFrom(since, zone), 1, zone.timeZone, zone.calendar);
  while (at.getTime() <= now.getTime() && n < MAX_COUNTED_DAYS) {
    n++;
    at = workingMorningAfter(at, 1, zone.timeZone, zone.calendar);
  }
  return n;
}

type Delays = Pick<WorkspaceSettingsShape, 'approvalReminderDays' | 'approvalEscalationDays'>;

/** When a stage waiting since `since` is reminded and escalated; the escalation never before the reminder. */
export function approvalPlan(since: Date, settings: Delays, zone: WorkdayZone): Record<ApprovalLevel, Date> {
  return {
    reminder: workingDaysAfter(since, settings.approvalReminderDays, zone),
    escalation: workingDaysAfter(since, Math.max(settings.approvalReminderDays, settings.approvalEscalationDays), zone),
  };
}

/** Whether `level` is due now for a stage waiting since `since` (each level happens once per round; the caller's guard says whether it did). */
export function isApprovalLevelDue(level: ApprovalLevel, since: Date, now: Date, settings: Delays, zone: WorkdayZone): boolean {
  return approvalPlan(since, settings, zone)[level].getTime() <= now.getTime();
}

/** Who hears of an approval waiting too long: the reviewer's manager, else the PMO. */
export const approvalEscalationRecipients = escalationRecipients;

/** The stage an outcome waits in, or null when nothing awaits a decision. */
export function pendingStage(status: OutcomeStatus): 'manager' | 'pmo' | null {
  return status === 'submitted' ? 'manager' : status === 'manager_approved' ? 'pmo' : null;
}

/**
 * Feishu 2.0 cards take clicks and updates for 14 days (platform-facts §7.6): a reminder
 * for a card sent more than 13 days ago comes with a fresh card. Slack cards do not expire.
 */
export const FEISHU_FRESH_CARD_AFTER_DAYS = 13;

/** Whether a reminder must bring a fresh interactive card instead of pointing at the one sent at `cardSentAt`. */
export function needsFreshCard(platform: Platform, cardSentAt: Date | null, now: Date): boolean {
  if (platform !== 'feishu') return false;
  return cardSentAt === null || now.getTime() - cardSentAt.getTime() > FEISHU_FRESH_CARD_AFTER_DAYS * DAY_MS;
}

/** The calendar day of `now` in `timeZone`, `YYYY-MM-DD`: a nudge is allowed once per such day. */
export function localDay(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Only the submitter nudges, and only while a stage awaits a decision. Throws; returns the stage. */
export function assertMayNudge(o: { status: OutcomeStatus; submitterId: string }, actorId: string): 'manager' | 'pmo' {
  if (o.submitterId !== actorId) throw new DomainError('forbidden', 'approval.nudge_own_only');
  const stage = pendingStage(o.status);
  if (!stage) throw new DomainError('closed', 'approval.nudge_not_pending');
  return stage;
}

/**
 * Who may hand a pending manager-stage review to whom: the current reviewer or an admin; not
 * to the submitter, not to the current reviewer themselves, only to a person of the workspace.
 * Stage 2 belongs to the PMO list (any PMO reviewer decides), so it is not handed over.
 */
export function assertMayDelegate(o: { status: OutcomeStatus; submitterId: string; reviewerId: string | null }, actor: { id: string; isAdmin: boolean }, toId: string | null): string {
  if (o.status === 'manager_approved') throw new DomainError('forbidden', 'approval.delegate_pmo_stage');
  if (o.status !== 'submitted' || !o.reviewerId) throw new DomainError('already_decided', 'error.already_decided');
  if (o.reviewerId !== actor.id && !actor.isAdmin) throw new DomainError('not_assigned_reviewer', 'approval.delegate_reviewer_only');
  if (!toId) throw new DomainError('validation_failed', 'approval.delegate_unknown_person', {}, [{ field: 'to', key: 'approval.delegate_unknown_person' }]);
  if (toId === o.submitterId) throw new DomainError('validation_failed', 'approval.delegate_to_submitter', {}, [{ field: 'to', key: 'approval.delegate_to_submitter' }]);
  if (toId === o.reviewerId) throw new DomainError('validation_failed', 'approval.delegate_to_self', {}, [{ field: 'to', key: 'approval.delegate_to_self' }]);
  return toId;
}

/** An out-of-office period: `from`..`until` inclusive calendar days, with who stands in. */
export interface Away {
  delegateId: string | null;
  awayFrom: string | null;
  awayUntil: string | null;
}

/** The stand-in on `day` (`YYYY-MM-DD`), or null when the person is in (or named nobody). */
export function standIn(p: Away, day: string): string | null {
  if (!p.delegateId || !p.awayFrom || !p.awayUntil) return null;
  return p.awayFrom <= day && day <= p.awayUntil ? p.delegateId : null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Checks an out-of-office period (dates `YYYY-MM-DD`, from ≤ until, a stand-in who is someone else). */
export function assertAwayPeriod(personId: string, p: { delegateId: string | null; awayFrom: string; awayUntil: string }): void {
  if (!DAY.test(p.awayFrom) || !DAY.test(p.awayUntil) || Number.isNaN(Date.parse(p.awayFrom)) || Number.isNaN(Date.parse(p.awayUntil)))
    throw new DomainError('validation_failed', 'approval.away_dates', {}, [{ field: 'awayFrom', key: 'approval.away_dates' }]);
  if (p.awayFrom > p.awayUntil) throw new DomainError('validation_failed', 'approval.away_dates', {}, [{ field: 'awayUntil', key: 'approval.away_dates' }]);
  if (!p.delegateId) throw new DomainError('validation_failed', 'approval.delegate_unknown_person', {}, [{ field: 'delegate', key: 'approval.delegate_unknown_person' }]);
  if (p.delegateId === personId) throw new DomainError('validation_failed', 'approval.delegate_to_self', {}, [{ field: 'delegate', key: 'approval.delegate_to_self' }]);
}

/** Recipient of a person row. */
export const recipientOf = (p: { id: string; platformUserId: string }): Recipient => ({ personId: p.id, address: p.platformUserId });

import type { Recipient } from './ports.ts';
import { workingMorningAfter } from './schedule.ts';
import type { WorkspaceSettingsShape } from './settings.ts';
import { calendarOf } from './working-calendar.ts';
import { DAY_MS } from './iso-week.ts';

/**
 * The follow-up rules, once: when a review's owner is reminded, when and to whom it is
 * escalated, and what "overdue" means. The scheduler (src/jobs), the digest and the views
 * ask these; the SQL scans in src/db/queries/jobs.ts only pre-select the same rows.
 */

export type ReviewScheduleStatus = 'scheduled' | 'notified' | 'done' | 'cancelled';


/** Still waiting for the owner's numbers (not recorded, not cancelled). */
export function isReviewOpen(status: ReviewScheduleStatus): boolean {
  return status === 'scheduled' || status === 'notified';
}

/** The one definition of overdue: the review is still open and its due instant has passed. */
export function isReviewOverdue(review: { status: ReviewScheduleStatus; dueAt: Date }, now: Date): boolean {
  return isReviewOpen(review.status) && review.dueAt.getTime() < now.getTime();
}

/** Whole days a review is overdue (0 while it is not). */
export function daysOverdue(dueAt: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - dueAt.getTime()) / DAY_MS));
}

/** The review card goes out once its due instant has come. */
export function isReviewDue(review: { status: ReviewScheduleStatus; dueAt: Date }, now: Date): boolean {
  return review.status === 'scheduled' && review.dueAt.getTime() <= now.getTime();
}

/**
 * When the review card goes out at `sentAt`: the reminder and the escalation, each at 09:00
 * on a working day of the workspace's calendar in the owner's zone. The escalation never
 * comes before the reminder, whatever the stored settings say.
 */
export function followUpPlan(
  sentAt: Date,
  settings: Pick<WorkspaceSettingsShape, 'reminderAfterDays' | 'escalationAfterDays' | 'calendar' | 'extraOffDays' | 'extraWorkDays'>,
  timeZone: string,
): { remindAt: Date; escalateAt: Date } {
  const calendar = calendarOf(settings);
  const remindAt = workingMorningAfter(sentAt, settings.reminderAfterDays, timeZone, calendar);
  const escalateAt = workingMorningAfter(sentAt, Math.max(settings.escalationAfterDays, settings.reminderAfterDays), timeZone, calendar);
  return { remindAt, escalateAt };
}

interface Planned {
  status: ReviewScheduleStatus;
  at: Date | null;
  doneAt: Date | null;
}

/** One reminder to the owner, once its time has come, while the review card is out and open. */
export function shouldRemind(r: { status: ReviewScheduleStatus; remindAt: Date | null; remindedAt: Date | null }, now: Date): boolean {
  return due({ status: r.status, at: r.remindAt, doneAt: r.remindedAt }, now);
}

/** One escalation, once its time has come, while the review card is out and open. */
export function shouldEscalate(r: { status: ReviewScheduleStatus; escalateAt: Date | null; escalatedAt: Date | null }, now: Date): boolean {
  return due({ status: r.status, at: r.escalateAt, doneAt: r.escalatedAt }, now);
}

const due = (p: Planned, now: Date) => p.status === 'notified' && p.at !== null && p.at.getTime() <= now.getTime() && p.doneAt === null;

/** Where PMO messages go: the PMO channel, else each PMO reviewer. */
export function pmoAddresses(settings: Pick<WorkspaceSettingsShape, 'pmoChannel' | 'pmoReviewers'>): string[] {
  return settings.pmoChannel ? [settings.pmoChannel] : settings.pmoReviewers;
}

/** Who is told about an overdue review: the owner's manager, else the PMO. */
export function escalationRecipients(manager: Recipient | null, settings: Pick<WorkspaceSettingsShape, 'pmoChannel' | 'pmoReviewers'>): Recipient[] {
  return manager ? [manager] : pmoAddresses(settings).map((address) => ({ personId: null, address }));
}

import type { Locale } from './types.ts';
import type { CalendarSetting } from './working-calendar.ts';

/** Workspace settings as the domain sees them (stored as JSON on the workspace row); the working-day calendar is `calendar` + the extra days. */
export interface WorkspaceSettingsShape extends CalendarSetting {
  reviewOffsetDays: number;
  secondReviewOffsetDays: number | null;
  shortfallThreshold: number;
  timeZone: string;
  locale: Locale;
  pmoReviewers: string[];
  pmoChannel: string | null;
  admins: string[];
  /** Working days after the review card before the owner is reminded. */
  reminderAfterDays: number;
  /** Working days after the review card before the manager (or PMO) is told; never before the reminder. */
  escalationAfterDays: number;
  /** Working days a pending approval waits before its reviewer is reminded. */
  approvalReminderDays: number;
  /** Working days a pending approval waits before the reviewer's manager (or the PMO) is told; never before the reminder. */
  approvalEscalationDays: number;
  /** How often the PMO gets a retrospective (复盘) pack: never, each month, or each quarter. */
  retroCadence: RetroCadence;
  /** Whether the lessons prompt after a review also asks the outcome's team (its submitter, the project's owner), not only its owner. */
  lessonsFromTeam: boolean;
  /** ISO 4217 code of the money the outcomes' cost and benefit are in (the value page formats ROI with it). */
  currency: string;
}

export const RETRO_CADENCES = ['off', 'monthly', 'quarterly'] as const;
export type RetroCadence = (typeof RETRO_CADENCES)[number];

/** Approval reminder and escalation delays of settings stored before they were settings. */
export const DEFAULT_APPROVAL_REMINDER_DAYS = 2;
export const DEFAULT_APPROVAL_ESCALATION_DAYS = 5;

/** The escalation delay of settings stored before it was a setting (the delay was fixed then). */
export const DEFAULT_ESCALATION_DAYS = 7;

/** Defaults for a new workspace (design.md §1: 90 days, 15 %). */
export function defaultSettings(timeZone: string, locale: Locale): WorkspaceSettingsShape {
  return {
    reviewOffsetDays: 90,
    secondReviewOffsetDays: null,
    shortfallThreshold: 0.15,
    timeZone,
    locale,
    pmoReviewers: [],
    pmoChannel: null,
    admins: [],
    reminderAfterDays: 3,
    escalationAfterDays: DEFAULT_ESCALATION_DAYS,
    approvalReminderDays: DEFAULT_APPROVAL_REMINDER_DAYS,
    approvalEscalationDays: DEFAULT_APPROVAL_ESCALATION_DAYS,
    currency: defaultCurrency(locale),
    calendar: 'mon_fri',
    extraOffDays: [],
    extraWorkDays: [],
    retroCadence: 'off',
    lessonsFromTeam: false,
  };
}

/** The currency of a new workspace, and of settings stored before it was a setting: yuan for zh-CN, else US dollars. */
export const defaultCurrency = (locale: Locale): string => (locale === 'zh-CN' ? 'CNY' : 'USD');

type AddedKeys = 'currency' | 'escalationAfterDays' | 'approvalReminderDays' | 'approvalEscalationDays' | 'calendar' | 'extraOffDays' | 'extraWorkDays' | 'retroCadence' | 'lessonsFromTeam';

/**
 * Stored settings read with the keys added since they were written: settings JSON without
 * `escalationAfterDays` reads as the 7 days it was before it became a setting, and without a
 * calendar as Monday–Friday with no extra days (what "working day" meant then).
 */
export function withDefaults(stored: Omit<WorkspaceSettingsShape, AddedKeys> & Partial<Pick<WorkspaceSettingsShape, AddedKeys>>): WorkspaceSettingsShape {
  return {
    ...stored,
    escalationAfterDays: stored.escalationAfterDays ?? DEFAULT_ESCALATION_DAYS,
    approvalReminderDays: stored.approvalReminderDays ?? DEFAULT_APPROVAL_REMINDER_DAYS,
    approvalEscalationDays: stored.approvalEscalationDays ?? DEFAULT_APPROVAL_ESCALATION_DAYS,
    calendar: stored.calendar ?? 'mon_fri',
    currency: stored.currency ?? defaultCurrency(stored.locale),
    extraOffDays: stored.extraOffDays ?? [],
    extraWorkDays: stored.extraWorkDays ?? [],
    retroCadence: stored.retroCadence ?? 'off',
    lessonsFromTeam: stored.lessonsFromTeam ?? false,
  };
}

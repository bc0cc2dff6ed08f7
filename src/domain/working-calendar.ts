/**
 * Which days are working days in a workspace. A calendar is a base (Monday–Friday, or the
 * mainland-China calendar with its public holidays and make-up working days) plus the
 * workspace's own extra days off and extra working days ("Custom"), which win over the base.
 * Days are calendar dates 'YYYY-MM-DD' in the zone the caller plans in.
 */
import { CN_HOLIDAYS, type HolidayData } from './cn-holidays.ts';
import { DAY_MS } from './iso-week.ts';

export type CalendarBase = 'mon_fri' | 'cn_mainland';
export const CALENDAR_BASES: readonly CalendarBase[] = ['mon_fri', 'cn_mainland'];

/** The calendar settings of a workspace. */
export interface CalendarSetting {
  calendar: CalendarBase;
  /** Extra days off ('YYYY-MM-DD'), e.g. a company holiday. */
  extraOffDays: string[];
  /** Extra working days ('YYYY-MM-DD'), e.g. a Saturday the team works. */
  extraWorkDays: string[];
}

export interface WorkingCalendar {
  base: CalendarBase;
  /** Years the base knows, or null for Monday–Friday (which knows every year). */
  covers: { first: number; last: number } | null;
  /**
   * Whether `day` is a working day. A day in a year the China data does not cover yet counts
   * Monday–Friday (with the workspace's extra days): refusing it would stop every approval
   * whose review falls in the next year until a package update (the State Council publishes
   * the next year's holidays in November), so admins are warned instead
   * ({@link calendarEndWarning}) and can add that year's holidays as extra days off.
   */
  isWorkingDay(day: string): boolean;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `text` is a real calendar date written 'YYYY-MM-DD'. */
export function isCalendarDay(text: string): boolean {
  if (!DAY.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

// Noon UTC of the date gives its weekday whatever the server's zone.
const weekday = (day: string) => new Date(`${day}T12:00:00Z`).getUTCDay();
const monFri = (day: string) => weekday(day) !== 0 && weekday(day) !== 6;

/** The workspace's calendar; `data` is the China data (a test may pass its own). */
export function calendarOf(setting: CalendarSetting, data: HolidayData = CN_HOLIDAYS): WorkingCalendar {
  const off = new Set(setting.extraOffDays);
  const work = new Set(setting.extraWorkDays);
  const cn = setting.calendar === 'cn_mainland';
  const baseWorking = (day: string) => {
    if (!cn) return monFri(day);
    const year = Number(day.slice(0, 4));
    if (year < data.years.first || year > data.years.last) return monFri(day);
    return data.workDays.has(day) || (!data.offDays.has(day) && monFri(day));
  };
  return {
    base: setting.calendar,
    covers: cn ? data.years : null,
    isWorkingDay: (day) => (off.has(day) ? false : work.has(day) ? true : baseWorking(day)),
  };
}

/** Days before the end of the covered years from which admins are warned. */
export const CALENDAR_WARNING_DAYS = 60;

/**
 * The warning admins get before the calendar runs out: the last covered day and the days
 * left, from 60 days before it (and after it), else null. `today` is 'YYYY-MM-DD'.
 */
export function calendarEndWarning(calendar: WorkingCalendar, today: string): { lastDay: string; daysLeft: number } | null {
  if (!calendar.covers) return null;
  const lastDay = `${calendar.covers.last}-12-31`;
  const daysLeft = Math.round((Date.parse(`${lastDay}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
  return daysLeft <= CALENDAR_WARNING_DAYS ? { lastDay, daysLeft } : null;
}

const BASE_WORDS: Record<string, CalendarBase> = { mon_fri: 'mon_fri', 'mon-fri': 'mon_fri', weekdays: 'mon_fri', cn: 'cn_mainland', cn_mainland: 'cn_mainland', china: 'cn_mainland' };

/**
 * A calendar as an admin types it in chat (`cn`, `mon-fri`, …); an unknown word is passed
 * through for the settings rules to refuse with their message.
 */
export const readCalendarBase = (word: string): CalendarBase => BASE_WORDS[word.toLowerCase()] ?? (word as CalendarBase);

/** Extra days as typed in chat: dates separated by commas (or `none`/`off` for none), sorted, without repeats. */
export function readDayList(text: string): string[] {
  if (/^(none|off|clear|-)$/i.test(text.trim())) return [];
  return [...new Set(text.split(/[\s,，;；]+/).filter(Boolean))].sort();
}

/** The calendar in one line of settings: its base, covered years and extra days. */
export function calendarSummary(s: CalendarSetting): { calendar: CalendarBase; years: string; off: string; work: string } {
  const covers = calendarOf({ ...s, extraOffDays: [], extraWorkDays: [] }).covers;
  return { calendar: s.calendar, years: covers ? `${covers.first}–${covers.last}` : '*', off: s.extraOffDays.join(', ') || '—', work: s.extraWorkDays.join(', ') || '—' };
}

/**
 * When follow-ups happen. Offsets are calendar days in the owner's time zone (not multiples
 * of 24 h, which drift by an hour across DST), delivered at a local morning hour on a working day.
 * Working days are Monday–Friday; public holidays are not modelled.
 */
import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns/addDays';
import { format } from 'date-fns/format';
import { DomainError, assertNoFieldErrors, type FieldError } from './errors.ts';
import type { WorkingCalendar } from './working-calendar.ts';

export const DEFAULT_DELIVERY_HOUR = 9;

/** Whether `timeZone` is accepted by Intl (IANA names such as "Asia/Shanghai", or "UTC"). */
export function isValidTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || timeZone.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The review instant for an outcome: the go-live calendar date (src/domain/calendar-date.ts,
 * the same day in every zone) plus `offsetDays` calendar days, at `hour`:00 in `timeZone`; a day that is not a working day in `calendar` moves to
 * the next working day. Returns a plain UTC `Date`. Throws `validation_failed` for a bad
 * zone, offset, hour or date.
 */
export function reviewDueAt(input: { goLive: Date; offsetDays: number; timeZone: string; calendar: WorkingCalendar; hour?: number }): Date {
  const { goLive, offsetDays, timeZone, calendar, hour = DEFAULT_DELIVERY_HOUR } = input;
  const errors = checkInputs(timeZone, hour, goLive, 'goLive');
  if (!Number.isInteger(offsetDays) || offsetDays < 0) errors.push({ field: 'offsetDays', key: 'schedule.offset_invalid' });
  assertNoFieldErrors(errors);

  const start = new TZDate(goLive.getUTCFullYear(), goLive.getUTCMonth(), goLive.getUTCDate(), hour, 0, 0, 0, timeZone);
  return toWorkingDay(atHour(addDays(start, offsetDays), hour, timeZone), hour, timeZone, calendar);
}

/**
 * The first `hour`:00 local on a working day that is at or after `now`: the moment to
 * deliver a reminder produced outside working hours (before 09:00 → today, after → next working day).
 */
export function nextWorkingMorning(now: Date, timeZone: string, calendar: WorkingCalendar, hour = DEFAULT_DELIVERY_HOUR): Date {
  assertNoFieldErrors(checkInputs(timeZone, hour, now, 'now'));
  let at = atHour(new TZDate(now.getTime(), timeZone), hour, timeZone);
  if (at.getTime() < now.getTime()) at = atHour(addDays(at, 1), hour, timeZone);
  return toWorkingDay(at, hour, timeZone, calendar);
}

// Rebuilding from the local Y/M/D (rather than adding hours) keeps the wall-clock hour
// fixed whatever the UTC offset is on that day.
function atHour(day: TZDate, hour: number, timeZone: string): TZDate {
  return new TZDate(day.getFullYear(), day.getMonth(), day.getDate(), hour, 0, 0, 0, timeZone);
}

/** A year of days off in a row is a calendar mistake (e.g. every weekday an extra day off), not a plan. */
const MAX_DAYS_OFF = 366;

// format reads the date of the TZDate in its zone, not the server's.
function toWorkingDay(at: TZDate, hour: number, timeZone: string, calendar: WorkingCalendar): Date {
  let d = at;
  for (let i = 0; !calendar.isWorkingDay(format(d, 'yyyy-MM-dd')); i++) {
    if (i >= MAX_DAYS_OFF) throw new DomainError('validation_failed', 'schedule.no_working_day');
    d = atHour(addDays(d, 1), hour, timeZone);
  }
  return new Date(d.getTime());
}

function checkInputs(timeZone: string, hour: number, date: Date, dateField: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!isValidTimeZone(timeZone)) errors.push({ field: 'timeZone', key: 'schedule.invalid_time_zone', params: { timeZone: String(timeZone) } });
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) errors.push({ field: 'hour', key: 'schedule.hour_invalid' });
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) errors.push({ field: dateField, key: 'schedule.date_invalid' });
  return errors;
}

/**
 * `days` calendar days after `from`'s date in `timeZone`, at `hour`:00 local, moved to a
 * working day of `calendar`: when a reminder or escalation planned at `from` is due. Counting calendar days
 * (not 24-hour blocks) keeps it on the intended morning across DST and whatever second
 * `from` fell on.
 */
export function workingMorningAfter(from: Date, days: number, timeZone: string, calendar: WorkingCalendar, hour = DEFAULT_DELIVERY_HOUR): Date {
  const errors = checkInputs(timeZone, hour, from, 'from');
  if (!Number.isInteger(days) || days < 0) errors.push({ field: 'offsetDays', key: 'schedule.offset_invalid' });
  assertNoFieldErrors(errors);
  // `from` is an instant: its date is the one in `timeZone`.
  return toWorkingDay(atHour(addDays(new TZDate(from.getTime(), timeZone), days), hour, timeZone), hour, timeZone, calendar);
}

/** `timeZone` when it is a valid IANA zone, else `fallback` (a person's stored zone may be empty or stale). */
export function zoneOr(timeZone: string | null | undefined, fallback: string): string {
  return timeZone && isValidTimeZone(timeZone) ? timeZone : fallback;
}

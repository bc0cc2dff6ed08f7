import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { startOfISOWeek } from 'date-fns/startOfISOWeek';

/** A day in ms, for calendar-free arithmetic (plans in a zone use date-fns instead). */
export const DAY_MS = 86_400_000;

/** Monday 00:00 of `now`'s ISO week in `timeZone`, and its ISO week name (2026-W48). */
export function weekOf(now: Date, timeZone: string): { start: Date; isoWeek: string } {
  const start = startOfISOWeek(new TZDate(now.getTime(), timeZone));
  return { start: new Date(start.getTime()), isoWeek: format(start, "RRRR-'W'II") };
}

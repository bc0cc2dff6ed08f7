/**
 * Calendar dates (a project's go-live, an outcome's due date) are days, not instants: "go-live
 * 2026-07-03" is that day wherever its reader is. In the app a calendar date is a `Date` at
 * 00:00 UTC of that day (stored as 'YYYY-MM-DD' text, src/db/schema/base-columns.ts), read only
 * with `dayOf`, never in a time zone, so the 90 days are counted from the same day in the owner's
 * zone whoever typed it in which zone.
 */

const DAY = /^(\d{4})-(\d{2})-(\d{2})/;

/**
 * The calendar date of 'YYYY-MM-DD' (anything after the date, e.g. Feishu's " +0800", is
 * ignored: the day is what the person picked). An impossible date gives an invalid Date.
 */
export function calendarDate(text: string): Date {
  const m = DAY.exec(text.trim());
  if (!m) return new Date(Number.NaN);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const at = new Date(Date.UTC(y, mo - 1, d));
  return at.getUTCFullYear() === y && at.getUTCMonth() === mo - 1 && at.getUTCDate() === d ? at : new Date(Number.NaN);
}

/** 'YYYY-MM-DD' of a calendar date. */
export const dayOf = (date: Date): string => date.toISOString().slice(0, 10);

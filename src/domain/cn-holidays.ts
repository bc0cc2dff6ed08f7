/**
 * China's public holidays and make-up working days (调休), from the `chinese-days` package
 * (pinned in package.json). Only its compiled data file is read, not its functions: the
 * functions parse 'YYYY-MM-DD' with their own date shim in the server's local zone, while a
 * lookup by the date's text is the same on Node and Workers whatever the server's zone.
 * A dependency update brings a new year; `years` says which years the data covers.
 */
import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

/** Days off and make-up working days by 'YYYY-MM-DD', and the first and last year covered. */
export interface HolidayData {
  offDays: ReadonlySet<string>;
  workDays: ReadonlySet<string>;
  years: { first: number; last: number };
}

const yearOf = (day: string) => Number(day.slice(0, 4));

function load(): HolidayData {
  const offDays = new Set(Object.keys(data.holidays));
  const workDays = new Set(Object.keys(data.workdays));
  const years = [...offDays].map(yearOf);
  return { offDays, workDays, years: { first: Math.min(...years), last: Math.max(...years) } };
}

/** The mainland-China data, built once. */
export const CN_HOLIDAYS: HolidayData = load();

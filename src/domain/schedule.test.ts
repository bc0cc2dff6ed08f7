import { describe, it, expect } from 'vitest';
import { DomainError } from './errors.ts';
import { isValidTimeZone, nextWorkingMorning, reviewDueAt, workingMorningAfter, zoneOr } from './schedule.ts';
import { calendarOf } from './working-calendar.ts';
import { calendarDate } from './calendar-date.ts';

// Expected instants were checked independently with Intl.DateTimeFormat (weekday, local hour, offset).
const iso = (d: Date): string => d.toISOString();
const SH = 'Asia/Shanghai';
const NY = 'America/New_York';
const MF = calendarOf({ calendar: 'mon_fri', extraOffDays: [], extraWorkDays: [] });

describe('reviewDueAt', () => {
  it('Shanghai: 2026-01-05 + 90 days = Sunday 2026-04-05 → Monday 09:00 +08:00', () => {
    const goLive = new Date('2026-01-05T10:00:00+08:00');
    expect(iso(reviewDueAt({ goLive, offsetDays: 90, timeZone: SH, calendar: MF }))).toBe('2026-04-06T01:00:00.000Z');
  });

  it('counts from the same calendar day in the owner’s zone, wherever the go-live was typed', () => {
    // Go-live 2026-01-05 is a day (src/domain/calendar-date.ts); +1 day is 6 January 09:00 in each owner's zone.
    const goLive = calendarDate('2026-01-05');
    expect(iso(reviewDueAt({ goLive, offsetDays: 1, timeZone: SH, calendar: MF }))).toBe('2026-01-06T01:00:00.000Z');
    expect(iso(reviewDueAt({ goLive, offsetDays: 1, timeZone: NY, calendar: MF }))).toBe('2026-01-06T14:00:00.000Z');
    expect(iso(reviewDueAt({ goLive, offsetDays: 90, timeZone: NY, calendar: MF }))).toBe('2026-04-06T13:00:00.000Z');
  });

  it('an instant is read in the zone: a reminder planned at 00:30 Shanghai counts from that Shanghai day', () => {
    // 00:30 on 5 Jan in Shanghai is still 4 Jan in UTC.
    expect(iso(workingMorningAfter(new Date('2026-01-04T16:30:00Z'), 1, SH, MF))).toBe('2026-01-06T01:00:00.000Z');
    // The same instant in New York is Sunday 4 Jan: +1 day = Monday 5 Jan 09:00 EST.
    expect(iso(workingMorningAfter(new Date('2026-01-04T16:30:00Z'), 1, NY, MF))).toBe('2026-01-05T14:00:00.000Z');
  });

  it('New York across the March switch: 09:00 EDT, not 24 h multiples', () => {
    // Sun 1 Feb 2026 12:00 EST + 45 days = Wed 18 Mar, after DST began on 8 Mar.
    const goLive = new Date('2026-02-01T17:00:00Z');
    expect(iso(reviewDueAt({ goLive, offsetDays: 45, timeZone: NY, calendar: MF }))).toBe('2026-03-18T13:00:00.000Z');
  });

  it('New York across the November switch: 09:00 EST', () => {
    // Thu 1 Oct 2026 12:00 EDT + 35 days = Thu 5 Nov, after DST ended on 1 Nov.
    const goLive = new Date('2026-10-01T16:00:00Z');
    expect(iso(reviewDueAt({ goLive, offsetDays: 35, timeZone: NY, calendar: MF }))).toBe('2026-11-05T14:00:00.000Z');
  });

  it('a Saturday before a DST switch moves to Monday at the new offset', () => {
    // +30 from Thu 5 Feb = Sat 7 Mar (EST) → Mon 9 Mar 09:00 EDT.
    expect(iso(reviewDueAt({ goLive: new Date('2026-02-05T17:00:00Z'), offsetDays: 30, timeZone: NY, calendar: MF }))).toBe('2026-03-09T13:00:00.000Z');
    // +30 from Thu 1 Oct = Sat 31 Oct (EDT) → Mon 2 Nov 09:00 EST.
    expect(iso(reviewDueAt({ goLive: new Date('2026-10-01T16:00:00Z'), offsetDays: 30, timeZone: NY, calendar: MF }))).toBe('2026-11-02T14:00:00.000Z');
  });

  it('a working day stays put; offset 0 is the go-live morning; the hour is configurable', () => {
    const goLive = new Date('2026-01-05T10:00:00+08:00'); // Monday
    expect(iso(reviewDueAt({ goLive, offsetDays: 3, timeZone: SH, calendar: MF }))).toBe('2026-01-08T01:00:00.000Z');
    expect(iso(reviewDueAt({ goLive, offsetDays: 0, timeZone: SH, calendar: MF }))).toBe('2026-01-05T01:00:00.000Z');
    expect(iso(reviewDueAt({ goLive, offsetDays: 3, timeZone: SH, calendar: MF, hour: 14 }))).toBe('2026-01-08T06:00:00.000Z');
  });

  it('rejects a bad zone, offset, hour or date with field errors', () => {
    const goLive = new Date('2026-01-05T10:00:00+08:00');
    expect(() => reviewDueAt({ goLive, offsetDays: 90, timeZone: 'Mars/Olympus', calendar: MF })).toThrow(DomainError);
    try {
      reviewDueAt({ goLive: new Date(Number.NaN), offsetDays: -1, timeZone: 'Nope/Nope', calendar: MF, hour: 24 });
      expect.unreachable();
    } catch (e) {
      expect((e as DomainError).code).toBe('validation_failed');
      expect((e as DomainError).fields.map((f) => f.field).sort()).toEqual(['goLive', 'hour', 'offsetDays', 'timeZone']);
    }
  });
});

describe('nextWorkingMorning', () => {
  it('before 09:00 on a working day → 09:00 the same day', () => {
    expect(iso(nextWorkingMorning(new Date('2026-04-06T08:00:00+08:00'), SH, MF))).toBe('2026-04-06T01:00:00.000Z');
  });

  it('exactly 09:00 → now', () => {
    expect(iso(nextWorkingMorning(new Date('2026-04-06T01:00:00Z'), SH, MF))).toBe('2026-04-06T01:00:00.000Z');
  });

  it('after 09:00 → 09:00 the next working day', () => {
    expect(iso(nextWorkingMorning(new Date('2026-04-06T10:00:00+08:00'), SH, MF))).toBe('2026-04-07T01:00:00.000Z');
  });

  it('Friday evening and the weekend → Monday 09:00', () => {
    expect(iso(nextWorkingMorning(new Date('2026-04-10T18:00:00+08:00'), SH, MF))).toBe('2026-04-13T01:00:00.000Z');
    expect(iso(nextWorkingMorning(new Date('2026-04-11T07:00:00+08:00'), SH, MF))).toBe('2026-04-13T01:00:00.000Z');
  });

  it('New York: Friday before the March switch → Monday 09:00 EDT', () => {
    expect(iso(nextWorkingMorning(new Date('2026-03-06T20:00:00Z'), NY, MF))).toBe('2026-03-09T13:00:00.000Z');
    // Sun 8 Mar 01:00 EST, one hour before the switch.
    expect(iso(nextWorkingMorning(new Date('2026-03-08T06:00:00Z'), NY, MF))).toBe('2026-03-09T13:00:00.000Z');
  });

  it('honours a custom hour', () => {
    expect(iso(nextWorkingMorning(new Date('2026-04-06T07:00:00+08:00'), SH, MF, 8))).toBe('2026-04-06T00:00:00.000Z');
  });
});

describe('isValidTimeZone', () => {
  it('accepts IANA names and UTC', () => {
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('America/New_York')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
  });

  it('rejects unknown names and empty strings', () => {
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    expect(isValidTimeZone('  ')).toBe(false);
  });
});

describe('workingMorningAfter and zoneOr', () => {
  it('counts calendar days, whatever second the start fell on', () => {
    // Monday 09:00:30 Shanghai + 3 days → Thursday 09:00, not Friday.
    expect(workingMorningAfter(new Date('2026-11-23T01:00:30Z'), 3, 'Asia/Shanghai', MF)).toEqual(new Date('2026-11-26T01:00:00Z'));
  });

  it('keeps 09:00 local across a DST change and moves a weekend to Monday', () => {
    // Friday 6 March 2026 09:00 PST + 3 days = Monday 9 March 09:00 PDT (the clocks changed on Sunday).
    expect(workingMorningAfter(new Date('2026-03-06T17:00:00Z'), 3, 'America/Los_Angeles', MF)).toEqual(new Date('2026-03-09T16:00:00Z'));
    // Thursday + 2 days = Saturday → Monday.
    expect(workingMorningAfter(new Date('2026-11-26T01:00:00Z'), 2, 'Asia/Shanghai', MF)).toEqual(new Date('2026-11-30T01:00:00Z'));
  });

  it('falls back when a stored zone is empty or unknown', () => {
    expect(zoneOr('', 'Asia/Shanghai')).toBe('Asia/Shanghai');
    expect(zoneOr('Mars/Base', 'UTC')).toBe('UTC');
    expect(zoneOr(null, 'UTC')).toBe('UTC');
    expect(zoneOr('Europe/Berlin', 'UTC')).toBe('Europe/Berlin');
  });
});

import { describe, expect, it } from 'vitest';
import { nextWorkingMorning, reviewDueAt, workingMorningAfter } from './schedule.ts';
import { calendarEndWarning, calendarOf, isCalendarDay } from './working-calendar.ts';

const SH = 'Asia/Shanghai';
const CN = calendarOf({ calendar: 'cn_mainland', extraOffDays: [], extraWorkDays: [] });
const MF = calendarOf({ calendar: 'mon_fri', extraOffDays: [], extraWorkDays: [] });

describe('the CN mainland calendar (chinese-days data)', () => {
  it('moves a due date on National Day 2026-10-01 to the next CN working day, 2026-10-08', () => {
    // Go-live 2026-07-03 + 90 days = Thursday 2026-10-01; Oct 1–7 are off.
    const goLive = new Date('2026-07-03T10:00:00+08:00');
    expect(reviewDueAt({ goLive, offsetDays: 90, timeZone: SH, calendar: CN })).toEqual(new Date('2026-10-08T09:00:00+08:00'));
    // Monday–Friday keeps the holiday: the difference is the calendar, not the arithmetic.
    expect(reviewDueAt({ goLive, offsetDays: 90, timeZone: SH, calendar: MF })).toEqual(new Date('2026-10-01T09:00:00+08:00'));
  });

  it('counts the make-up Saturday 2026-10-10 and Sunday 2026-09-20 as working days', () => {
    expect(CN.isWorkingDay('2026-10-10')).toBe(true);
    expect(CN.isWorkingDay('2026-09-20')).toBe(true);
    expect(MF.isWorkingDay('2026-10-10')).toBe(false);
    // Friday 2026-10-09 18:00 → the next working morning is the make-up Saturday, not Monday.
    expect(nextWorkingMorning(new Date('2026-10-09T18:00:00+08:00'), SH, CN)).toEqual(new Date('2026-10-10T09:00:00+08:00'));
    expect(nextWorkingMorning(new Date('2026-10-09T18:00:00+08:00'), SH, MF)).toEqual(new Date('2026-10-12T09:00:00+08:00'));
  });

  it('moves a reminder planned into the Spring Festival to the first day back', () => {
    // Friday 2026-02-13 + 2 days = Sunday 02-15, inside Feb 15–23 off.
    expect(workingMorningAfter(new Date('2026-02-13T09:00:00+08:00'), 2, SH, CN)).toEqual(new Date('2026-02-24T09:00:00+08:00'));
  });

  it('counts Monday–Friday (with the extra days) in a year the China data does not cover yet, and says which years it knows', () => {
    expect(CN.covers).toEqual({ first: 2004, last: 2026 });
    expect(CN.isWorkingDay('2027-02-08')).toBe(true); // a Monday
    expect(CN.isWorkingDay('2027-02-06')).toBe(false); // a Saturday
    expect(calendarOf({ calendar: 'cn_mainland', extraOffDays: ['2027-02-08'], extraWorkDays: [] }).isWorkingDay('2027-02-08')).toBe(false);
    // Go-live 2026-12-01 + 90 days = Monday 2027-03-01: planned, not refused.
    expect(reviewDueAt({ goLive: new Date('2026-12-01T09:00:00+08:00'), offsetDays: 90, timeZone: SH, calendar: CN })).toEqual(new Date('2027-03-01T09:00:00+08:00'));
    // Monday–Friday knows every year.
    expect(MF.isWorkingDay('2027-02-08')).toBe(true);
    expect(MF.covers).toBeNull();
  });
});

describe('custom extra days on top of either base', () => {
  it('an extra day off and an extra working day win over the base', () => {
    const cnCustom = calendarOf({ calendar: 'cn_mainland', extraOffDays: ['2026-10-08'], extraWorkDays: ['2026-10-03'] });
    expect(cnCustom.isWorkingDay('2026-10-08')).toBe(false);
    expect(cnCustom.isWorkingDay('2026-10-03')).toBe(true);
    expect(reviewDueAt({ goLive: new Date('2026-07-06T10:00:00+08:00'), offsetDays: 90, timeZone: SH, calendar: cnCustom })).toEqual(new Date('2026-10-09T09:00:00+08:00'));
    const mfCustom = calendarOf({ calendar: 'mon_fri', extraOffDays: ['2026-12-24'], extraWorkDays: ['2026-12-26'] });
    expect(nextWorkingMorning(new Date('2026-12-23T18:00:00+08:00'), SH, mfCustom)).toEqual(new Date('2026-12-25T09:00:00+08:00'));
    expect(nextWorkingMorning(new Date('2026-12-25T18:00:00+08:00'), SH, mfCustom)).toEqual(new Date('2026-12-26T09:00:00+08:00'));
  });

  it('Monday–Friday: weekends off, nothing else', () => {
    expect(['2026-10-01', '2026-10-02', '2026-10-05'].map(MF.isWorkingDay)).toEqual([true, true, true]);
    expect(['2026-10-03', '2026-10-04'].map(MF.isWorkingDay)).toEqual([false, false]);
  });

  it('reads only real dates', () => {
    expect(isCalendarDay('2026-02-28')).toBe(true);
    expect(['2026-02-30', '2026-2-3', '26-10-01', 'soon'].map(isCalendarDay)).toEqual([false, false, false, false]);
  });
});

describe('the calendar-end warning', () => {
  it('starts 60 days before the last covered day, and never for Monday–Friday', () => {
    expect(calendarEndWarning(CN, '2026-10-31')).toBeNull();
    expect(calendarEndWarning(CN, '2026-11-01')).toEqual({ lastDay: '2026-12-31', daysLeft: 60 });
    expect(calendarEndWarning(CN, '2026-12-01')).toEqual({ lastDay: '2026-12-31', daysLeft: 30 });
    expect(calendarEndWarning(MF, '2026-12-01')).toBeNull();
  });
});

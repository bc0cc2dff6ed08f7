import { describe, expect, it } from 'vitest';
import { calendarOf } from '../../src/domain/working-calendar.ts';

// chinese-days' data is bundled (no fs, no network): the calendar answers inside workerd as on Node.
describe('the CN calendar inside workerd', () => {
  it('knows National Day and the make-up Saturday', () => {
    const cn = calendarOf({ calendar: 'cn_mainland', extraOffDays: [], extraWorkDays: [] });
    expect(cn.covers).toEqual({ first: 2004, last: 2026 });
    expect([cn.isWorkingDay('2026-10-01'), cn.isWorkingDay('2026-10-10'), cn.isWorkingDay('2026-10-09')]).toEqual([false, true, true]);
  });
});

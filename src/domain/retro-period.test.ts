import { describe, expect, it } from 'vitest';
import { daysPast, previousPeriod, shouldRemindAction } from './retro-period.ts';

describe('previousPeriod', () => {
  it('is the last full month, across a year end', () => {
    expect(previousPeriod('monthly', '2026-12-01')).toEqual({ key: '2026-11', cadence: 'monthly', start: '2026-11-01', end: '2026-11-30' });
    expect(previousPeriod('monthly', '2027-01-15')).toEqual({ key: '2026-12', cadence: 'monthly', start: '2026-12-01', end: '2026-12-31' });
    expect(previousPeriod('monthly', '2028-03-01').end).toBe('2028-02-29');
  });

  it('is the last full quarter: in Q4 that is Q3, in Q1 the year before’s Q4', () => {
    expect(previousPeriod('quarterly', '2026-12-01')).toEqual({ key: '2026-Q3', cadence: 'quarterly', start: '2026-07-01', end: '2026-09-30' });
    expect(previousPeriod('quarterly', '2027-01-01')).toEqual({ key: '2026-Q4', cadence: 'quarterly', start: '2026-10-01', end: '2026-12-31' });
    expect(previousPeriod('quarterly', '2027-04-01').key).toBe('2027-Q1');
  });
});

describe('shouldRemindAction', () => {
  const open = { status: 'open' as const, dueOn: '2026-04-08', remindedOn: null };
  it('reminds from the due day on, once a day, never once done', () => {
    expect(shouldRemindAction(open, '2026-04-07')).toBe(false);
    expect(shouldRemindAction(open, '2026-04-08')).toBe(true);
    expect(shouldRemindAction({ ...open, remindedOn: '2026-04-08' }, '2026-04-08')).toBe(false);
    expect(shouldRemindAction({ ...open, remindedOn: '2026-04-08' }, '2026-04-09')).toBe(true);
    expect(shouldRemindAction({ ...open, status: 'done' }, '2026-04-09')).toBe(false);
    expect(daysPast('2026-04-08', '2026-04-11')).toBe(3);
  });
});

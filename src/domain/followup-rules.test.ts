import { describe, expect, it } from 'vitest';
import { daysOverdue, escalationRecipients, followUpPlan, isReviewDue, isReviewOverdue, shouldEscalate, shouldRemind } from './followup-rules.ts';

const at = (iso: string) => new Date(iso);
const now = at('2026-11-23T01:00:00Z');
const MON_FRI = { calendar: 'mon_fri' as const, extraOffDays: [], extraWorkDays: [] };

describe('overdue: open and past its due instant', () => {
  it.each([
    ['scheduled', '2026-11-22T00:00:00Z', true],
    ['notified', '2026-11-22T00:00:00Z', true],
    ['notified', '2026-11-24T00:00:00Z', false],
    ['done', '2026-11-01T00:00:00Z', false],
    ['cancelled', '2026-11-01T00:00:00Z', false],
  ] as const)('%s due %s → %s', (status, due, expected) => {
    expect(isReviewOverdue({ status, dueAt: at(due) }, now)).toBe(expected);
  });

  it('counts whole days, never negative', () => {
    expect(daysOverdue(at('2026-11-16T01:00:00Z'), now)).toBe(7);
    expect(daysOverdue(at('2026-11-30T01:00:00Z'), now)).toBe(0);
  });
});

describe('when to notify, remind and escalate', () => {
  it('sends the card once its instant has come, only while scheduled', () => {
    expect(isReviewDue({ status: 'scheduled', dueAt: now }, now)).toBe(true);
    expect(isReviewDue({ status: 'scheduled', dueAt: at('2026-11-23T01:00:01Z') }, now)).toBe(false);
    expect(isReviewDue({ status: 'notified', dueAt: now }, now)).toBe(false);
  });

  it('plans the reminder and the escalation on working mornings in the owner zone', () => {
    // Monday 09:00 Shanghai; 3 and 7 calendar days on, moved to the next working morning.
    expect(followUpPlan(now, { ...MON_FRI, reminderAfterDays: 3, escalationAfterDays: 7 }, 'Asia/Shanghai')).toEqual({ remindAt: at('2026-11-26T01:00:00Z'), escalateAt: at('2026-11-30T01:00:00Z') });
  });

  it('never escalates before the reminder, whatever is stored', () => {
    const plan = followUpPlan(now, { ...MON_FRI, reminderAfterDays: 5, escalationAfterDays: 2 }, 'Asia/Shanghai');
    expect(plan.escalateAt).toEqual(plan.remindAt);
  });

  it('reminds and escalates once, while the card is out and the review open', () => {
    const r = { status: 'notified' as const, remindAt: now, remindedAt: null, escalateAt: now, escalatedAt: null };
    expect(shouldRemind(r, now)).toBe(true);
    expect(shouldEscalate(r, now)).toBe(true);
    expect(shouldRemind({ ...r, remindedAt: now }, now)).toBe(false);
    expect(shouldEscalate({ ...r, escalatedAt: now }, now)).toBe(false);
    expect(shouldRemind({ ...r, status: 'done' }, now)).toBe(false);
    expect(shouldEscalate({ ...r, escalateAt: at('2026-11-24T00:00:00Z') }, now)).toBe(false);
    expect(shouldRemind({ ...r, remindAt: null }, now)).toBe(false);
  });
});

describe('who hears of an overdue review', () => {
  const settings = { pmoChannel: null, pmoReviewers: ['UP1', 'UP2'] };
  it('the manager when there is one', () => {
    expect(escalationRecipients({ personId: 'm', address: 'UM' }, settings)).toEqual([{ personId: 'm', address: 'UM' }]);
  });
  it('else the PMO channel, else each PMO reviewer', () => {
    expect(escalationRecipients(null, { ...settings, pmoChannel: 'CPMO' })).toEqual([{ personId: null, address: 'CPMO' }]);
    expect(escalationRecipients(null, settings).map((r) => r.address)).toEqual(['UP1', 'UP2']);
  });
});

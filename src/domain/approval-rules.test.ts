import { describe, expect, it } from 'vitest';
import { approvalPlan, assertAwayPeriod, assertMayDelegate, assertMayNudge, localDay, needsFreshCard, standIn, workdayZoneOf, workingDaysAfter, workingDaysWaited } from './approval-rules.ts';
import { DomainError } from './errors.ts';

const TZ = 'Asia/Shanghai';
const ZONE = workdayZoneOf({ timeZone: TZ, calendar: 'mon_fri', extraOffDays: [], extraWorkDays: [] });
const CN = workdayZoneOf({ timeZone: TZ, calendar: 'cn_mainland', extraOffDays: [], extraWorkDays: [] });
const FRIDAY_10 = new Date('2026-11-27T02:00:00Z');
const code = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    return err instanceof DomainError ? err.messageKey : String(err);
  }
  return null;
};

describe('approval rules', () => {
  it('count working days on the workspace calendar: National Day is skipped, a make-up Saturday counts', () => {
    const sep30 = new Date('2026-09-30T02:00:00Z'); // Wednesday 10:00 in Shanghai
    expect(workingDaysAfter(sep30, 1, CN)).toEqual(new Date('2026-10-08T01:00:00Z')); // 10-01…10-07 off
    expect(workingDaysAfter(sep30, 3, CN)).toEqual(new Date('2026-10-10T01:00:00Z')); // Saturday 10-10 is a make-up working day
    expect(workingDaysAfter(sep30, 1, ZONE)).toEqual(new Date('2026-10-01T01:00:00Z')); // Monday–Friday knows no holiday
  });

  it('start counting at the first working morning when a request comes on a day off', () => {
    const saturday = new Date('2026-11-28T02:00:00Z'); // Saturday 10:00 in Shanghai
    // Monday and Tuesday are its first two working days: reminded Wednesday 09:00, not Tuesday.
    expect(workingDaysAfter(saturday, 2, ZONE)).toEqual(new Date('2026-12-02T01:00:00Z'));
    expect(workingDaysWaited(saturday, new Date('2026-12-01T02:00:00Z'), ZONE)).toBe(1); // Tuesday 10:00: Monday is behind it
    const nationalDay = new Date('2026-10-01T02:00:00Z'); // a holiday: the count starts on 10-08
    expect(workingDaysAfter(nationalDay, 1, CN)).toEqual(new Date('2026-10-09T01:00:00Z'));
  });

  it('counts working days through the weekend, each ending at 09:00', () => {
    expect(workingDaysAfter(FRIDAY_10, 2, ZONE)).toEqual(new Date('2026-12-01T01:00:00Z')); // Tuesday
    expect(workingDaysAfter(FRIDAY_10, 5, ZONE)).toEqual(new Date('2026-12-04T01:00:00Z')); // next Friday
    expect(workingDaysWaited(FRIDAY_10, new Date('2026-12-01T00:59:00Z'), ZONE)).toBe(1);
    expect(workingDaysWaited(FRIDAY_10, new Date('2026-12-01T01:00:00Z'), ZONE)).toBe(2);
  });

  it('never escalates before the reminder', () => {
    const plan = approvalPlan(FRIDAY_10, { approvalReminderDays: 4, approvalEscalationDays: 2 }, ZONE);
    expect(plan.escalation).toEqual(plan.reminder);
  });

  it('asks for a fresh card only on Feishu, past 13 days', () => {
    const now = new Date('2026-12-15T01:00:00Z');
    expect(needsFreshCard('feishu', new Date(now.getTime() - 13 * 86_400_000), now)).toBe(false);
    expect(needsFreshCard('feishu', new Date(now.getTime() - 13 * 86_400_000 - 1), now)).toBe(true);
    expect(needsFreshCard('slack', new Date('2026-01-01T00:00:00Z'), now)).toBe(false);
  });

  it('lets only the submitter nudge a waiting outcome', () => {
    expect(code(() => assertMayNudge({ status: 'submitted', submitterId: 'a' }, 'b'))).toBe('approval.nudge_own_only');
    expect(code(() => assertMayNudge({ status: 'verified', submitterId: 'a' }, 'a'))).toBe('approval.nudge_not_pending');
    expect(assertMayNudge({ status: 'manager_approved', submitterId: 'a' }, 'a')).toBe('pmo');
  });

  it('checks a hand-over: current reviewer or admin, not to the submitter or themselves, manager stage only', () => {
    const o = { status: 'submitted' as const, submitterId: 's', reviewerId: 'r' };
    expect(code(() => assertMayDelegate(o, { id: 'x', isAdmin: false }, 'n'))).toBe('approval.delegate_reviewer_only');
    expect(code(() => assertMayDelegate(o, { id: 'r', isAdmin: false }, 's'))).toBe('approval.delegate_to_submitter');
    expect(code(() => assertMayDelegate(o, { id: 'r', isAdmin: false }, 'r'))).toBe('approval.delegate_to_self');
    expect(code(() => assertMayDelegate(o, { id: 'r', isAdmin: false }, null))).toBe('approval.delegate_unknown_person');
    expect(code(() => assertMayDelegate({ ...o, status: 'manager_approved' }, { id: 'r', isAdmin: false }, 'n'))).toBe('approval.delegate_pmo_stage');
    expect(assertMayDelegate(o, { id: 'x', isAdmin: true }, 'n')).toBe('n');
  });

  it('knows the stand-in only inside the out-of-office days', () => {
    const away = { delegateId: 'd', awayFrom: '2026-12-01', awayUntil: '2026-12-05' };
    expect([standIn(away, '2026-11-30'), standIn(away, '2026-12-01'), standIn(away, '2026-12-05'), standIn(away, '2026-12-06')]).toEqual([null, 'd', 'd', null]);
    expect(localDay(new Date('2026-11-30T16:30:00Z'), TZ)).toBe('2026-12-01');
    expect(code(() => assertAwayPeriod('p', { delegateId: 'd', awayFrom: '2026-12-05', awayUntil: '2026-12-01' }))).toBe('approval.away_dates');
    expect(code(() => assertAwayPeriod('p', { delegateId: 'p', awayFrom: '2026-12-01', awayUntil: '2026-12-05' }))).toBe('approval.delegate_to_self');
  });
});

import { describe, expect, it } from 'vitest';
import { atRiskDedupeKey, isoWeekOf, shouldAlertAtRisk } from './at-risk-alert.ts';

const HOUR = 3_600_000;
const now = new Date('2026-12-01T09:00:00Z'); // a Tuesday

describe('shouldAlertAtRisk: at most one alert per metric per week', () => {
  it('alerts an at-risk metric that was never alerted', () => {
    expect(shouldAlertAtRisk('at_risk', null, now)).toBe(true);
  });

  it('never alerts a metric that is not at risk', () => {
    for (const s of ['achieved', 'on_track', 'off_track', 'no_data'] as const) expect(shouldAlertAtRisk(s, null, now)).toBe(false);
  });

  it('waits 7 full days after the last alert', () => {
    const sevenDays = 7 * 24 * HOUR;
    expect(shouldAlertAtRisk('at_risk', new Date(now.getTime() - sevenDays + 1), now)).toBe(false);
    expect(shouldAlertAtRisk('at_risk', new Date(now.getTime() - sevenDays), now)).toBe(true);
  });

  it('a Sunday alert is not followed by one on Monday, though Monday starts a new ISO week', () => {
    const sunday = new Date('2026-12-06T10:00:00Z');
    const monday = new Date('2026-12-07T10:00:00Z');
    expect(isoWeekOf(sunday, 'UTC')).not.toBe(isoWeekOf(monday, 'UTC'));
    expect(shouldAlertAtRisk('at_risk', sunday, monday)).toBe(false);
  });
});

describe('atRiskDedupeKey', () => {
  it('names the kind, the metric, the ISO week in the workspace zone and the recipient', () => {
    expect(atRiskDedupeKey('m1', now, 'Asia/Shanghai', 'U123')).toBe('at_risk:m1:2026-W49:U123');
    expect(atRiskDedupeKey('m1', now, 'Asia/Shanghai', 'U456')).not.toBe(atRiskDedupeKey('m1', now, 'Asia/Shanghai', 'U123'));
  });

  it('the same key all week, a new one the next week', () => {
    const later = new Date('2026-12-06T15:00:00Z'); // Sunday 23:00 in Shanghai
    expect(atRiskDedupeKey('m1', later, 'Asia/Shanghai', 'U1')).toBe(atRiskDedupeKey('m1', now, 'Asia/Shanghai', 'U1'));
    expect(atRiskDedupeKey('m1', new Date('2026-12-06T16:00:00Z'), 'Asia/Shanghai', 'U1')).toBe('at_risk:m1:2026-W50:U1');
  });

  it('weeks follow the workspace zone and the ISO week-numbering year', () => {
    const sundayEvening = new Date('2026-12-06T20:00:00Z');
    expect(isoWeekOf(sundayEvening, 'UTC')).toBe('2026-W49');
    expect(isoWeekOf(sundayEvening, 'Asia/Shanghai')).toBe('2026-W50');
    // 1 January 2027 is a Friday: it belongs to week 53 of 2026.
    expect(isoWeekOf(new Date('2027-01-01T12:00:00Z'), 'UTC')).toBe('2026-W53');
  });
});

import { describe, expect, it } from 'vitest';
import { dateText, dateTimeText } from './dates.ts';

const at = (iso: string) => new Date(iso);

describe('dates in a zone', () => {
  it('formats an instant in the zone, midnight as 00', () => {
    expect(dateTimeText(at('2026-04-06T01:00:00Z'), 'Asia/Shanghai')).toBe('2026-04-06 09:00');
    expect(dateTimeText(at('2026-04-06T16:00:00Z'), 'Asia/Shanghai')).toBe('2026-04-07 00:00');
    expect(dateText(at('2026-04-06T16:00:00Z'), 'Asia/Shanghai')).toBe('2026-04-07');
    expect(dateText(at('2026-04-06T16:00:00Z'), 'UTC')).toBe('2026-04-06');
    expect(dateTimeText(at('2026-01-01T00:14:59Z'), 'Asia/Kathmandu')).toBe('2026-01-01 05:59');
  });

  it('follows a daylight-saving change to the minute, whichever hour was formatted first', () => {
    // New York springs forward at 07:00 UTC on 2026-03-08 (02:00 EST → 03:00 EDT).
    const times = ['2026-03-08T06:59:00Z', '2026-03-08T07:00:00Z', '2026-03-08T06:30:00Z', '2026-03-08T07:30:00Z'];
    expect(times.map((t) => dateTimeText(at(t), 'America/New_York'))).toEqual(['2026-03-08 01:59', '2026-03-08 03:00', '2026-03-08 01:30', '2026-03-08 03:30']);
    // Lord Howe Island moves half an hour, at 15:00 UTC on 2026-04-04 (02:00 +11 → 01:30 +10:30).
    expect(['2026-04-04T14:59:00Z', '2026-04-04T15:00:00Z', '2026-04-04T15:29:00Z'].map((t) => dateTimeText(at(t), 'Australia/Lord_Howe'))).toEqual([
      '2026-04-05 01:59',
      '2026-04-05 01:30',
      '2026-04-05 01:59',
    ]);
  });

  it('before 1970 too, and an invalid instant is an error, not a text', () => {
    expect(dateTimeText(at('1969-07-20T20:17:00Z'), 'America/Chicago')).toBe('1969-07-20 15:17');
    expect(() => dateTimeText(new Date(Number.NaN), 'UTC')).toThrow(RangeError);
  });
});

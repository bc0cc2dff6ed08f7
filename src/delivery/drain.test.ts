import { describe, expect, it } from 'vitest';
import { backoffMs, DEFAULT_DRAIN } from './drain.ts';

describe('backoff', () => {
  it('doubles from the base and stops at the cap', () => {
    const o = { baseBackoffMs: 5_000, maxBackoffMs: 60_000 };
    expect([0, 1, 2, 3, 4, 10].map((n) => backoffMs(n, o))).toEqual([5_000, 10_000, 20_000, 40_000, 60_000, 60_000]);
  });

  it('by default keeps retrying for over two hours before giving up (a platform outage is not a lost message)', () => {
    const total = Array.from({ length: DEFAULT_DRAIN.maxAttempts - 1 }, (_, n) => backoffMs(n, DEFAULT_DRAIN)).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(2 * 3600_000);
  });
});

import { describe, expect, it } from 'vitest';
import { mad, median, residuals, theilSen, valueAt } from './theil-sen.ts';

describe('median', () => {
  it('takes the middle value, or the mean of the middle two, without reordering the input', () => {
    const xs = [5, 1, 3];
    expect(median(xs)).toBe(3);
    expect(xs).toEqual([5, 1, 3]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([-10, 2])).toBe(-4);
  });

  it('agrees with sorting on many lists, odd and even, with ties (selection, not a sort)', () => {
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let n = 1; n <= 60; n++) {
      for (let round = 0; round < 5; round++) {
        const xs = Array.from({ length: n }, () => Math.round(next() * (round === 0 ? 3 : 1000)) - 10);
        const s = xs.slice().sort((a, b) => a - b);
        const expected = n % 2 ? s[n >> 1]! : (s[(n >> 1) - 1]! + s[n >> 1]!) / 2;
        expect(median(xs)).toBe(expected);
      }
    }
  });

  it('refuses an empty list', () => {
    expect(() => median([])).toThrow(RangeError);
  });
});

describe('theilSen', () => {
  it('recovers a perfect line exactly', () => {
    const line = theilSen([0, 1, 2, 3, 4].map((t) => ({ t, y: 10 - 2.5 * t })));
    expect(line).toEqual({ slope: -2.5, intercept: 10 });
    expect(valueAt(line, 8)).toBe(-10);
  });

  it('takes the median of the pairwise slopes and of y − slope·t (worked by hand)', () => {
    // Pair slopes: 2, 1/2, 5/3, −1, 3/2, 4 → median (3/2 + 5/3)/2 = 19/12.
    // y − 19/12·t: 1, 17/12, −14/12, 15/12 → median (12/12 + 15/12)/2 = 9/8.
    const pts = [
      { t: 0, y: 1 },
      { t: 1, y: 3 },
      { t: 2, y: 2 },
      { t: 3, y: 6 },
    ];
    const line = theilSen(pts);
    expect(line.slope).toBeCloseTo(19 / 12, 12);
    expect(line.intercept).toBeCloseTo(9 / 8, 12);
    expect(residuals(pts, line).map((r) => r * 24)).toEqual([-3, 7, -55, 3].map((x) => expect.closeTo(x, 9)));
  });

  it('ignores pairs at the same instant, and has slope 0 when every point shares one', () => {
    expect(theilSen([{ t: 1, y: 4 }, { t: 1, y: 8 }, { t: 1, y: 6 }])).toEqual({ slope: 0, intercept: 6 });
    expect(theilSen([{ t: 0, y: 0 }, { t: 0, y: 100 }, { t: 2, y: 2 }, { t: 4, y: 4 }]).slope).toBe(1);
  });

  it('shrugs off one wild point where least squares would not', () => {
    const pts = [0, 1, 2, 3, 4, 5, 6].map((t) => ({ t, y: t === 3 ? 1000 : 2 * t }));
    expect(theilSen(pts)).toEqual({ slope: 2, intercept: 0 });
  });
});

describe('mad', () => {
  it('is the median distance from the median', () => {
    // median 3, distances 2, 1, 0, 1, 97 → 1.
    expect(mad([1, 2, 3, 4, 100])).toBe(1);
    expect(mad([7, 7, 7, 9])).toBe(0);
  });
});

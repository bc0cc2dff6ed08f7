import { describe, expect, it } from 'vitest';
import { outcomeAttainment, statusFromAttainment } from './attainment.ts';

describe('outcomeAttainment', () => {
  it('averages progress toward the target, by the direction of the target, keeping over-achievement', () => {
    // 45 → 32 toward 28 (lower is better): 13/17; 100 → 160 toward 150: 1.2.
    expect(outcomeAttainment([{ baseline: 45, target: 28, actual: 32 }, { baseline: 100, target: 150, actual: 160 }])).toBeCloseTo((13 / 17 + 1.2) / 2, 12);
    expect(outcomeAttainment([{ baseline: 10, target: 20, actual: 5 }])).toBeCloseTo(-0.5, 12); // moved the wrong way
  });

  it('leaves out unmeasured metrics and those with no targeted change; null when none is left', () => {
    expect(outcomeAttainment([{ baseline: 10, target: 20, actual: null }, { baseline: 5, target: 5, actual: 7 }, { baseline: 0, target: 10, actual: 5 }])).toBe(0.5);
    expect(outcomeAttainment([{ baseline: 10, target: 20, actual: null }])).toBeNull();
    expect(outcomeAttainment([])).toBeNull();
  });
});

describe('statusFromAttainment', () => {
  it('achieved at 100 % and above, on track within the threshold, else at risk; no data without a number', () => {
    expect(statusFromAttainment(1, 0.15)).toBe('achieved');
    expect(statusFromAttainment(1.4, 0.15)).toBe('achieved');
    expect(statusFromAttainment(0.85, 0.15)).toBe('on_track'); // exactly 15 % short is within
    expect(statusFromAttainment(0.84, 0.15)).toBe('at_risk');
    expect(statusFromAttainment(-0.2, 0.15)).toBe('at_risk');
    expect(statusFromAttainment(null, 0.15)).toBe('no_data');
    expect(statusFromAttainment(Number.NaN, 0.15)).toBe('no_data');
  });
});

import { describe, it, expect } from 'vitest';
import { roi } from './roi.ts';

describe('roi', () => {
  it('is (benefit − cost) / cost as a fraction', () => {
    expect(roi(100, 250)).toBe(1.5);
    expect(roi(200, 150)).toBe(-0.25);
    expect(roi(80, 80)).toBe(0);
  });

  it('is null when cost is 0 or negative', () => {
    expect(roi(0, 100)).toBeNull();
    expect(roi(-10, 100)).toBeNull();
  });

  it('is null when either value is missing or not finite', () => {
    expect(roi(null, 100)).toBeNull();
    expect(roi(100, undefined)).toBeNull();
    expect(roi(100, Number.NaN)).toBeNull();
    expect(roi(Number.POSITIVE_INFINITY, 100)).toBeNull();
  });

  it('allows a benefit of 0 (a total loss)', () => {
    expect(roi(50, 0)).toBe(-1);
  });
});

import { describe, it, expect } from 'vitest';
import {
  absoluteChange,
  changePct,
  clippedProgress,
  directionOk,
  isDeviation,
  progress,
  parseDecimal,
  shortfall,
} from './metrics.ts';

describe('worked example: waiting time 45 → 28 targeted, 45 → 32 achieved', () => {
  it('progress 13/17, shortfall 4/17, a deviation at 15 %', () => {
    expect(progress(45, 28, 32)).toBeCloseTo(13 / 17, 12);
    expect(progress(45, 28, 32)).toBeCloseTo(0.7647, 4);
    expect(shortfall(45, 28, 32)).toBeCloseTo(0.2353, 4);
    expect(isDeviation(shortfall(45, 28, 32), 0.15)).toBe(true);
  });

  it('the targeted change 45 → 28 is −37.8 %', () => {
    expect(changePct(45, 28)).toBeCloseTo(-0.378, 3);
    expect(changePct(45, 32)).toBeCloseTo(-13 / 45, 12);
  });
});

describe('changePct / absoluteChange', () => {
  it('is null when baseline is 0, where the absolute change is shown instead', () => {
    expect(changePct(0, 12)).toBeNull();
    expect(absoluteChange(0, 12)).toBe(12);
  });

  it('divides by |baseline| so a rise from a negative baseline is positive', () => {
    expect(changePct(-10, -5)).toBe(0.5);
    expect(changePct(200, 250)).toBe(0.25);
  });

  it('absoluteChange is actual − baseline', () => {
    expect(absoluteChange(45, 28)).toBe(-17);
  });

  it('is null for non-finite input', () => {
    expect(changePct(Number.NaN, 3)).toBeNull();
  });
});

describe('progress', () => {
  it('is null when target equals baseline', () => {
    expect(progress(10, 10, 12)).toBeNull();
    expect(shortfall(10, 10, 12)).toBeNull();
  });

  it('is stored raw: over-achievement above 1, wrong-way movement below 0', () => {
    expect(progress(100, 120, 130)).toBe(1.5);
    expect(shortfall(100, 120, 130)).toBe(-0.5);
    expect(progress(100, 120, 90)).toBe(-0.5);
    expect(shortfall(100, 120, 90)).toBe(1.5);
  });

  it('works for decrease metrics (over-achieved reduction)', () => {
    // Defects 40 → 20 targeted, 40 → 10 achieved.
    expect(progress(40, 20, 10)).toBe(1.5);
    expect(isDeviation(shortfall(40, 20, 10), 0.15)).toBe(false);
  });

  it('works from a baseline of 0', () => {
    expect(progress(0, 50, 40)).toBe(0.8);
    expect(shortfall(0, 50, 40)).toBeCloseTo(0.2, 12);
  });

  it('clippedProgress clamps to [0, 1]', () => {
    expect(clippedProgress(1.5)).toBe(1);
    expect(clippedProgress(-0.5)).toBe(0);
    expect(clippedProgress(0.7647)).toBe(0.7647);
  });
});

describe('isDeviation', () => {
  it('is strictly greater than the threshold', () => {
    expect(isDeviation(0.16, 0.15)).toBe(true);
    expect(isDeviation(0.15, 0.15)).toBe(false);
    expect(isDeviation(0.1, 0.15)).toBe(false);
  });

  it('is not fooled by float error when exactly at the threshold', () => {
    // 1 − 0.85 = 0.15000000000000002 in floating point.
    expect(shortfall(0, 100, 85)).toBeGreaterThan(0.15);
    expect(isDeviation(shortfall(0, 100, 85), 0.15)).toBe(false);
    expect(isDeviation(shortfall(0, 100, 84), 0.15)).toBe(true);
  });

  it('never fires for a null shortfall', () => {
    expect(isDeviation(null, 0.15)).toBe(false);
  });
});

describe('directionOk', () => {
  it('increase needs target above baseline', () => {
    expect(directionOk('increase', 10, 12)).toBe(true);
    expect(directionOk('increase', 10, 8)).toBe(false);
    expect(directionOk('increase', 10, 10)).toBe(false);
  });

  it('decrease needs target below baseline', () => {
    expect(directionOk('decrease', 45, 28)).toBe(true);
    expect(directionOk('decrease', 45, 50)).toBe(false);
    expect(directionOk('decrease', 45, 45)).toBe(false);
  });
});

describe('parseDecimal', () => {
  it.each([
    ['45', 45],
    ['-12.5', -12.5],
    ['1,000', 1000],
    ['1,234,567.89', 1234567.89],
    [' 28 ', 28],
    ['.5', 0.5],
    ['４５．５', 45.5],
    ['－３', -3],
    ['1 000', 1000],
  ])('reads %j as %d', (text, value) => {
    expect(parseDecimal(text)).toBe(value);
  });

  it.each(['12,5', '1,00', '1.2.3', 'abc', '12a', '1e3', '--1', '12%'])('refuses %j instead of guessing', (text) => {
    expect(parseDecimal(text)).toBeNaN();
  });

  it('reads empty input as no value', () => {
    expect(parseDecimal('')).toBeNull();
    expect(parseDecimal('  ')).toBeNull();
    expect(parseDecimal(undefined)).toBeNull();
  });
});

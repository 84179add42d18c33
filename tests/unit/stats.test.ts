import { describe, expect, it } from 'vitest';
import { P95_PROVISIONAL_BELOW, percentile, summarize } from '../../src/core/stats';

describe('percentile (linear interpolation between closest ranks)', () => {
  it('matches worked examples (NumPy default / Excel PERCENTILE.INC)', () => {
    expect(percentile([15, 20, 35, 40, 50], 50)).toBe(35);
    expect(percentile([15, 20, 35, 40, 50], 95)).toBeCloseTo(48, 10);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([1, 2, 3, 4], 95)).toBeCloseTo(3.85, 10);
    expect(percentile([10, 20], 95)).toBeCloseTo(19.5, 10);
  });

  it('does not depend on input order and gives the value itself for one sample', () => {
    expect(percentile([50, 15, 40, 20, 35], 50)).toBe(35);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });

  it('P0 and P100 are the minimum and maximum', () => {
    expect(percentile([3, 9, 1], 0)).toBe(1);
    expect(percentile([3, 9, 1], 100)).toBe(9);
  });
});

describe('summarize', () => {
  it('counts only measured values and marks a P95 from few samples provisional', () => {
    const s = summarize([100, null, 300, 200, Number.NaN]);
    expect(s).toEqual({ n: 3, p50: 200, p95: 290, provisional: true });
  });

  it(`is not provisional from ${P95_PROVISIONAL_BELOW} samples on`, () => {
    const values = Array.from({ length: P95_PROVISIONAL_BELOW }, (_, i) => i + 1);
    expect(summarize(values).provisional).toBe(false);
    expect(summarize(values.slice(1)).provisional).toBe(true);
    expect(summarize(values).p95).toBeCloseTo(19.05, 10);
  });
});

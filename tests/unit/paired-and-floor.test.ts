import { describe, expect, it } from 'vitest';
import { DEFAULT_FLOOR, floorStatus } from '../../src/core/floor';
import {
  mcnemarExact,
  pairOutcomes,
  pairedDifference,
  pairedItemsNeeded,
  pairedTest,
} from '../../src/core/paired';
import { wilson } from '../../src/core/wilson';

describe('exact McNemar test on paired outcomes', () => {
  it('matches hand computations: p = min(1, 2 * P[X <= min(b, c)]), X ~ Bin(b + c, 1/2)', () => {
    // b = 8, c = 2: 2 * (C(10,0) + C(10,1) + C(10,2)) / 2^10 = 2 * 56 / 1024.
    expect(mcnemarExact(8, 2)).toBeCloseTo(112 / 1024, 12);
    // b = 10, c = 0: 2 / 1024.
    expect(mcnemarExact(10, 0)).toBeCloseTo(2 / 1024, 12);
    // Symmetric, and capped at 1: b = c = 3 gives 2 * 42 / 64 > 1.
    expect(mcnemarExact(2, 8)).toBe(mcnemarExact(8, 2));
    expect(mcnemarExact(3, 3)).toBe(1);
    expect(mcnemarExact(0, 0)).toBe(1);
    // 6 vs 0: 2 / 64 = 0.03125, the smallest all-one-way split that separates at 5%.
    expect(mcnemarExact(6, 0)).toBeCloseTo(0.03125, 12);
    expect(mcnemarExact(5, 0)).toBeCloseTo(0.0625, 12);
  });

  it('stays sane for many discordant pairs (normal approximation beyond 500)', () => {
    expect(mcnemarExact(300, 300)).toBe(1);
    const p = mcnemarExact(330, 270);
    expect(p).toBeGreaterThan(0.01);
    expect(p).toBeLessThan(0.03);
  });

  it('pairs items by task and repeat, ignoring items only one candidate ran', () => {
    const a = new Map([
      ['t1|1', true],
      ['t2|1', true],
      ['t3|1', false],
      ['t4|1', true],
    ]);
    const b = new Map([
      ['t1|1', false],
      ['t2|1', true],
      ['t3|1', true],
      ['t5|1', true],
    ]);
    expect(pairOutcomes(a, b)).toEqual({ n: 3, b: 1, c: 1 });
  });
});

describe('difference of paired pass rates (Agresti-Min interval) and the power estimate', () => {
  it('n = 20, b = 5, c = 1: difference 0.2, interval [-0.0413, 0.4050] by hand', () => {
    // Half an observation per cell: b' = 5.5, c' = 1.5, n' = 22; d' = 4/22 = 0.18182;
    // se = sqrt(7 - 16/22) / 22 = 0.11384; 0.18182 -/+ 1.96 * 0.11384.
    const { diff, ci } = pairedDifference({ n: 20, b: 5, c: 1 });
    expect(diff).toBeCloseTo(0.2, 12);
    expect(ci.low).toBeCloseTo(-0.0413, 4);
    expect(ci.high).toBeCloseTo(0.405, 3);
  });

  it('never collapses to a zero-width interval when the two never disagree', () => {
    const { diff, ci } = pairedDifference({ n: 10, b: 0, c: 0 });
    expect(diff).toBe(0);
    expect(ci.high - ci.low).toBeGreaterThan(0.1);
  });

  it("Connor's paired sample size at the observed rates: psi 0.3, delta 0.2 -> 57 items", () => {
    // (1.96 * sqrt(0.3) + 0.8416 * sqrt(0.3 - 0.04))^2 / 0.04 = 56.45 -> 57.
    expect(pairedItemsNeeded({ n: 20, b: 5, c: 1 })).toBe(57);
    expect(pairedItemsNeeded({ n: 20, b: 2, c: 2 })).toBeNull();
  });

  it('says whether the data separates two candidates, and how many more tasks might', () => {
    const close = pairedTest({ n: 20, b: 5, c: 1 });
    expect(close.separated).toBe(false);
    expect(close.p).toBeCloseTo(0.21875, 10); // 2 * (1 + 6) / 64
    expect(close.moreItems).toBe(37);
    const clear = pairedTest({ n: 20, b: 10, c: 0 });
    expect(clear).toMatchObject({ separated: true, moreItems: null });
    expect(pairedTest({ n: 10, b: 0, c: 0 })).toMatchObject({ separated: false, p: 1, moreItems: null });
  });
});

describe('the quality floor', () => {
  it('eligible when the pass rate clears it, established when the Wilson lower end does too', () => {
    expect(DEFAULT_FLOOR).toBe(0.8);
    // 8/10 = 80%: eligible (at the floor), but the interval [49%, 94%] is far below: never
    // established at exactly the floor, however many tasks.
    expect(floorStatus(8, 10, 0.8)).toEqual({
      floor: 0.8,
      eligible: true,
      established: false,
      moreToEstablish: null,
    });
    expect(floorStatus(7, 10, 0.8).eligible).toBe(false);
    // 20/20: Wilson lower end 0.8389 >= 0.8: established.
    expect(floorStatus(20, 20, 0.8)).toMatchObject({
      eligible: true,
      established: true,
      moreToEstablish: null,
    });
    expect(floorStatus(0, 0, 0.8).eligible).toBe(false);
  });

  it('says how many more tasks at the observed rate would establish an eligible candidate', () => {
    // 9/10 = 90% with a floor of 80%: the first m with Wilson low of 0.9 over 10 + m >= 0.8.
    const s = floorStatus(9, 10, 0.8);
    expect(s.established).toBe(false);
    const m = s.moreToEstablish ?? NaN;
    const low = (n: number) => wilson(0.9 * n, n)?.low ?? 0;
    expect(low(10 + m)).toBeGreaterThanOrEqual(0.8);
    expect(low(10 + m - 1)).toBeLessThan(0.8);
    // By hand: n = 62 gives (0.93098 - 0.08085) / 1.06196 = 0.8005; n = 61 gives 0.7995.
    expect(m).toBe(52);
  });
});

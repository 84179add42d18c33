import { describe, expect, it } from 'vitest';
import { etaMs, formatDuration } from '../../src/core/eta';

describe('time left in a run', () => {
  it("takes each candidate's own pace: the slow one decides", () => {
    // 10 s in: the endpoint did 9 of 10 (1.1 s each), the on-device model 2 of 10 (5 s each).
    expect(
      etaMs(10_000, [
        { done: 9, total: 10 },
        { done: 2, total: 10 },
      ]),
    ).toBe(40_000);
    // An average over all 11 done would have said (10 s / 11) x 9 = 8.2 s.
  });

  it('is unknown until every candidate with work left has finished a task', () => {
    expect(
      etaMs(5_000, [
        { done: 3, total: 5 },
        { done: 0, total: 5 },
      ]),
    ).toBeNull();
    expect(
      etaMs(5_000, [
        { done: 5, total: 5 },
        { done: 1, total: 2 },
      ]),
    ).toBe(5_000);
    expect(etaMs(5_000, [{ done: 5, total: 5 }])).toBe(0);
  });

  it('reads in seconds, minutes and hours', () => {
    expect(formatDuration(43_200)).toBe('43 s');
    expect(formatDuration(130_000)).toBe('2 min 10 s');
    expect(formatDuration(120_000)).toBe('2 min');
    expect(formatDuration(3_900_000)).toBe('1 h 5 min');
  });
});

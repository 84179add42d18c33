import { seeded } from './stress/random';
/** Below this many samples a P95 is an extrapolation from a handful of points: say so. */
export const P95_PROVISIONAL_BELOW = 20;

/**
 * The p-th percentile (0..100) by linear interpolation between closest ranks (the
 * definition exported with every result; R-7, Excel PERCENTILE.INC, NumPy's default).
 */
export function percentile(values: readonly number[], p: number): number | null {
  return percentileOfSorted(Float64Array.from(values).sort(), p);
}

/** The same, on values already sorted ascending: one sort serves every percentile of a set. */
function percentileOfSorted(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (rank - lo);
}

export interface Summary {
  n: number;
  p50: number | null;
  p95: number | null;
  /** True when the P95 rests on fewer than P95_PROVISIONAL_BELOW samples. */
  provisional: boolean;
}

/** P50 and P95 of the measured values; missing values (null) are not samples. */
export function summarize(values: readonly (number | null)[]): Summary {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const sorted = Float64Array.from(present).sort();
  return {
    n: present.length,
    p50: percentileOfSorted(sorted, 50),
    p95: percentileOfSorted(sorted, 95),
    provisional: present.length < P95_PROVISIONAL_BELOW,
  };
}

/**
 * A percentile bootstrap 95% interval of percentile_p(after) - percentile_p(before): each
 * side resampled with replacement (seeded, so the same data gives the same interval), the
 * 2.5th and 97.5th percentiles of the resampled differences. Null when a side is empty.
 */
export function bootstrapPercentileChange(
  before: readonly number[],
  after: readonly number[],
  p: number,
  { resamples = 2000, seed = 1 }: { resamples?: number; seed?: number } = {},
): { low: number; high: number } | null {
  if (before.length === 0 || after.length === 0) return null;
  const rnd = seeded(seed);
  const draw = (values: readonly number[], into: Float64Array) => {
    for (let i = 0; i < into.length; i++) into[i] = values[Math.floor(rnd() * values.length)] as number;
    return percentileOfSorted(into.sort(), p) as number;
  };
  const a = new Float64Array(before.length);
  const b = new Float64Array(after.length);
  const diffs = new Float64Array(resamples);
  for (let i = 0; i < resamples; i++) diffs[i] = draw(after, b) - draw(before, a);
  diffs.sort();
  return { low: percentileOfSorted(diffs, 2.5) as number, high: percentileOfSorted(diffs, 97.5) as number };
}

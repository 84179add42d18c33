/**
 * Wilson score interval for a pass rate: k passes out of n, at 95% (z = 1.96) by default.
 * Unlike the normal approximation it stays inside [0, 1] and is honest at small n.
 */
export function wilson(k: number, n: number, z = 1.959964): { low: number; high: number } | null {
  if (n === 0) return null;
  const p = k / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const denom = 1 + z2 / n;
  return { low: Math.max(0, (centre - spread) / denom), high: Math.min(1, (centre + spread) / denom) };
}

/**
 * Two candidates on the same tasks are paired: compare them on the pairs where they
 * disagree. b = items A passed and B failed, c = the reverse, n = items both ran.
 */
export interface PairedCounts {
  n: number;
  b: number;
  c: number;
}

export interface PairedTest extends PairedCounts {
  /** Exact two-sided McNemar p-value on the discordant pairs. */
  p: number;
  /** A's pass rate minus B's on the paired items, with its 95% interval (Agresti-Min). */
  diff: number;
  ci: { low: number; high: number };
  /** p < 0.05: the data separates them. */
  separated: boolean;
  /**
   * About how many more paired items would separate them at the observed difference
   * (80% power, two-sided 5%); null when they are separated already or nothing differs.
   */
  moreItems: number | null;
}

const Z95 = 1.959963984540054;
const Z80 = 0.8416212335729143;

/** Paired outcomes of two candidates, matched by item; items only one of them ran are left out. */
export function pairOutcomes(a: ReadonlyMap<string, boolean>, b: ReadonlyMap<string, boolean>): PairedCounts {
  let n = 0;
  let onlyA = 0;
  let onlyB = 0;
  for (const [item, passA] of a) {
    const passB = b.get(item);
    if (passB === undefined) continue;
    n++;
    if (passA && !passB) onlyA++;
    else if (passB && !passA) onlyB++;
  }
  return { n, b: onlyA, c: onlyB };
}

/** Above this many discordant pairs the exact sum would start from a denormal 2^-m. */
const EXACT_UP_TO = 500;

/**
 * P[X <= k] for X ~ Binomial(m, 1/2): the exact sum, or beyond EXACT_UP_TO pairs the
 * normal approximation with continuity correction (off by well under 0.001 there).
 */
function binomialHalfCdf(k: number, m: number): number {
  if (m > EXACT_UP_TO) return normalCdf((k + 0.5 - m / 2) / Math.sqrt(m / 4));
  let term = Math.pow(0.5, m); // C(m, 0) / 2^m
  let sum = term;
  for (let i = 1; i <= k; i++) {
    term *= (m - i + 1) / i;
    sum += term;
  }
  return sum;
}

function normalCdf(z: number): number {
  // Abramowitz and Stegun 7.1.26 on erf: absolute error under 1.5e-7.
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** Exact McNemar: p = min(1, 2 * P[X <= min(b, c)]), X ~ Binomial(b + c, 1/2). */
export function mcnemarExact(b: number, c: number): number {
  const m = b + c;
  if (m === 0) return 1;
  return Math.min(1, 2 * binomialHalfCdf(Math.min(b, c), m));
}

/**
 * The difference of paired pass rates with a 95% interval by Agresti and Min (2005): half
 * an observation added to each cell of the 2x2 table, then the Wald interval. The plain
 * Wald interval collapses to zero width when the two never disagree and misbehaves near
 * 0 and 1; this one does not.
 */
export function pairedDifference({ n, b, c }: PairedCounts): {
  diff: number;
  ci: { low: number; high: number };
} {
  if (n === 0) return { diff: 0, ci: { low: -1, high: 1 } };
  const diff = (b - c) / n;
  const n2 = n + 2;
  const b2 = b + 0.5;
  const c2 = c + 0.5;
  const d2 = (b2 - c2) / n2;
  const se = Math.sqrt(b2 + c2 - (b2 - c2) ** 2 / n2) / n2;
  return { diff, ci: { low: Math.max(-1, d2 - Z95 * se), high: Math.min(1, d2 + Z95 * se) } };
}

/**
 * Paired items needed to detect the observed difference with 80% power at a two-sided 5%
 * level (Connor 1987): n = (z_a * sqrt(psi) + z_b * sqrt(psi - delta^2))^2 / delta^2, where
 * psi is the share of items on which they disagree and delta the observed difference.
 * An estimate at the observed rates, not a promise.
 */
export function pairedItemsNeeded({ n, b, c }: PairedCounts): number | null {
  if (n === 0 || b === c) return null;
  const psi = (b + c) / n;
  const delta = (b - c) / n;
  const root = Z95 * Math.sqrt(psi) + Z80 * Math.sqrt(Math.max(0, psi - delta * delta));
  return Math.ceil((root * root) / (delta * delta));
}

/** The whole paired comparison of A against B. */
export function pairedTest(counts: PairedCounts): PairedTest {
  const p = mcnemarExact(counts.b, counts.c);
  const { diff, ci } = pairedDifference(counts);
  const separated = p < 0.05;
  const needed = pairedItemsNeeded(counts);
  return {
    ...counts,
    p,
    diff,
    ci,
    separated,
    moreItems: separated || needed === null ? null : Math.max(1, needed - counts.n),
  };
}

import { ALL, type Aggregate } from './aggregate';
import { costPer1000, unmetConstraints, type CandidateFacts, type WorkloadProfile } from './workload';

export interface Pick {
  candidate: string;
  why: string;
}

export interface Recommendation {
  category: string;
  best: Pick | null;
  runnerUp: Pick | null;
  /** Candidates left out, and why. */
  excluded: { candidate: string; reasons: string[] }[];
}

/** How close to the best pass rate a candidate must be to win on speed or cost instead. */
export const NEAR = { light: 0.1, moderate: 0.05 } as const;

const pct = (x: number) => `${Math.round(x * 100)}%`;

export function describe(a: Aggregate): string {
  const ci = a.ci ? ` [${pct(a.ci.low)}–${pct(a.ci.high)}]` : '';
  const p95 = a.e2e.p95 === null ? '' : `, P95 ${Math.round(a.e2e.p95).toLocaleString('en')} ms`;
  const c = costPer1000(a);
  const cost =
    c === null ? ', cost unknown' : c === 0 ? ', no API cost' : `, ${c.toPrecision(3)} per 1,000 tasks`;
  return `passes ${a.passes}/${a.n} (${pct(a.passRate)}${ci})${p95}${cost}`;
}

const byLatency = (a: Aggregate, b: Aggregate) => (a.e2e.p95 ?? Infinity) - (b.e2e.p95 ?? Infinity);
const byCost = (a: Aggregate, b: Aggregate) => (costPer1000(a) ?? Infinity) - (costPer1000(b) ?? Infinity);

/**
 * Orders the eligible candidates for a workload: deep reasoning ranks by the lower end of
 * the pass rate's Wilson interval; moderate picks the cheapest among those within 5 points
 * of the best pass rate; light the fastest within 10 points. Everyone else follows by pass rate.
 */
export function rank(eligible: readonly Aggregate[], reasoning: WorkloadProfile['reasoning']): Aggregate[] {
  const byQuality = (a: Aggregate, b: Aggregate) =>
    (b.ci?.low ?? 0) - (a.ci?.low ?? 0) || b.passRate - a.passRate || byLatency(a, b);
  if (reasoning === 'deep') return [...eligible].sort(byQuality);
  const best = Math.max(...eligible.map((a) => a.passRate));
  const near = eligible.filter((a) => a.passRate >= best - NEAR[reasoning] - 1e-9);
  const rest = eligible.filter((a) => !near.includes(a)).sort(byQuality);
  const order =
    reasoning === 'moderate'
      ? (a: Aggregate, b: Aggregate) => byCost(a, b) || byLatency(a, b)
      : (a: Aggregate, b: Aggregate) => byLatency(a, b) || byCost(a, b);
  return [...near.sort(order), ...rest];
}

/** Best and runner-up per task category under the workload's constraints. */
export function recommend(
  workload: WorkloadProfile,
  candidates: readonly CandidateFacts[],
  aggregates: readonly Aggregate[],
): Recommendation[] {
  const categories = [...new Set(aggregates.map((a) => a.category).filter((c) => c !== ALL))].sort();
  return categories.map((category) => {
    const excluded: Recommendation['excluded'] = [];
    const eligible: Aggregate[] = [];
    for (const c of candidates) {
      const a = aggregates.find((x) => x.candidate === c.id && x.category === category) ?? null;
      const reasons = unmetConstraints(workload, c, a);
      if (!a) reasons.push('not run on this category');
      else if (a.passes === 0) reasons.push('passed no task');
      if (reasons.length) excluded.push({ candidate: c.id, reasons });
      else if (a) eligible.push(a);
    }
    const [first, second] = rank(eligible, workload.reasoning);
    const pick = (a: Aggregate | undefined): Pick | null =>
      a ? { candidate: a.candidate, why: describe(a) } : null;
    return { category, best: pick(first), runnerUp: pick(second), excluded };
  });
}

/**
 * The reasons that leave a candidate out of every category (a context window too small,
 * a model that does not fit): said once above the table instead of on every row. With
 * one category there is nothing to fold.
 */
export function commonExclusions(recs: readonly Recommendation[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const [first, ...rest] = recs;
  if (!first || rest.length === 0) return out;
  for (const x of first.excluded) {
    const common = x.reasons.filter((reason) =>
      rest.every((r) => r.excluded.some((y) => y.candidate === x.candidate && y.reasons.includes(reason))),
    );
    if (common.length) out[x.candidate] = common;
  }
  return out;
}

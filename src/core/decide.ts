import { ALL, type Aggregate, type GradedSample } from './aggregate';
import { DEFAULT_FLOOR, floorStatus, type FloorStatus } from './floor';
import { pairOutcomes, pairedTest, type PairedTest } from './paired';
import { paretoFront } from './pareto';
import { breaks, type Robustness } from './stress/robustness';
import { costPer1000, unmetConstraints, type CandidateFacts, type WorkloadProfile } from './workload';

/** A candidate's standing in one category: its figures, its floor, and what keeps it out. */
export interface Standing {
  candidate: string;
  aggregate: Aggregate | null;
  floor: FloorStatus | null;
  /** Why it cannot be picked here; empty when it is admitted. */
  reasons: string[];
}

export interface Choice {
  candidate: string;
  /** Its evidence in words: passes, interval, floor standing, P95, cost. */
  why: string;
  /** Eligible but not established: about how many more tasks would establish it. */
  moreToEstablish: number | null;
}

/** What picked the default among the admitted: the workload's reasoning depth says which. */
export type ChosenBy = 'cost' | 'latency' | 'quality';

export interface CategoryDecision {
  category: string;
  floor: number;
  /** Strict: only candidates whose interval clears the floor are admitted, not only their rate. */
  strict: boolean;
  chosenBy: ChosenBy;
  /** The route for the category; null when nobody clears the floor (move up). */
  default: Choice | null;
  /** How a tie on the first key was broken, in words; null when there was none. */
  tieBreak: string | null;
  /** The strongest admitted candidate that is not the default, when strictly stronger. */
  fallback: Choice | null;
  /** The runner-up in quality, when it is not stronger than the default ("none stronger"). */
  nextBest: Choice | null;
  /** The default against the fallback (or the next best) on the same tasks. */
  test: PairedTest | null;
  standings: Standing[];
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** A candidate's evidence in one line a reviewer can check. */
export function describe(a: Aggregate): string {
  const ci = a.ci ? ` [${pct(a.ci.low)}–${pct(a.ci.high)}]` : '';
  const p95 =
    a.e2e.p95 === null ? ', no completed reply' : `, P95 ${Math.round(a.e2e.p95).toLocaleString('en')} ms`;
  const errors = a.errorRate > 0 ? `, ${pct(a.errorRate)} errors` : '';
  const c = costPer1000(a);
  const cost =
    c === null ? ', cost unknown' : c === 0 ? ', no API cost' : `, ${c.toPrecision(3)} per 1,000 tasks`;
  return `passes ${a.passes}/${a.n} (${pct(a.passRate)}${ci})${p95}${errors}${cost}`;
}

const latency = (a: Aggregate) => a.e2e.p95 ?? Infinity;
const cost = (a: Aggregate) => costPer1000(a) ?? Infinity;
/** Quality: the interval's lower end first (sure), then the observed rate. */
const quality = (a: Aggregate) => [a.ci?.low ?? 0, a.passRate] as const;
const byQuality = (a: Aggregate, b: Aggregate) =>
  quality(b)[0] - quality(a)[0] || quality(b)[1] - quality(a)[1] || latency(a) - latency(b);

const KEYS: Record<
  ChosenBy,
  { order: (a: Aggregate, b: Aggregate) => number; tie: (a: Aggregate, b: Aggregate) => boolean }
> = {
  cost: {
    order: (a, b) => cost(a) - cost(b) || latency(a) - latency(b) || byQuality(a, b),
    tie: (a, b) => cost(a) === cost(b),
  },
  latency: {
    order: (a, b) => latency(a) - latency(b) || cost(a) - cost(b) || byQuality(a, b),
    tie: (a, b) => latency(a) === latency(b),
  },
  quality: { order: (a, b) => byQuality(a, b) || cost(a) - cost(b), tie: (a, b) => byQuality(a, b) === 0 },
};

/** What breaks a tie on the first key, in the order each rule uses. */
const TIE_WORDS: Record<ChosenBy, string> = {
  cost: 'tied on cost; the faster one (P95 end-to-end) is the default',
  latency: 'tied on P95 end-to-end; the cheaper one is the default',
  quality: 'tied on quality; the cheaper one is the default',
};

export function chosenBy(reasoning: WorkloadProfile['reasoning']): ChosenBy {
  return reasoning === 'light' ? 'latency' : reasoning === 'deep' ? 'quality' : 'cost';
}

/** The floor a category is held to: its own, else the workload's. */
export function floorOf(workload: WorkloadProfile, category: string): number {
  return (
    (category === ALL ? undefined : workload.categoryFloors[category]) ??
    workload.qualityFloor ??
    DEFAULT_FLOOR
  );
}

/** Each item's verdict for one candidate and category, for the paired tests. */
export function outcomes(samples: readonly GradedSample[]): Map<string, Map<string, boolean>> {
  const out = new Map<string, Map<string, boolean>>();
  for (const s of samples) {
    for (const category of [s.category, ALL]) {
      const key = `${s.candidate}\u0000${category}`;
      let m = out.get(key);
      if (!m) out.set(key, (m = new Map()));
      m.set(`${s.category}|${s.item}`, s.grade.pass);
    }
  }
  return out;
}

/**
 * The decision for each task category, under the workload: who is admitted (constraints
 * met and the quality floor cleared, by the rate or, strict, by the interval), the default
 * route (cheapest, fastest or strongest admitted, per the reasoning depth), a strictly
 * stronger fallback, and whether the data separates the two on the same tasks.
 */
export function decide(
  workload: WorkloadProfile,
  candidates: readonly CandidateFacts[],
  aggregates: readonly Aggregate[],
  samples: readonly GradedSample[],
  robust: readonly Robustness[] = [],
): Decisions {
  const verdicts = outcomes(samples);
  const categories = [...new Set(aggregates.map((a) => a.category).filter((c) => c !== ALL))].sort();
  const one = (category: string) =>
    decideCategory(category, workload, candidates, aggregates, verdicts, robust);
  return { categories: categories.map(one), overall: categories.length ? one(ALL) : null };
}

export interface Decisions {
  categories: CategoryDecision[];
  /** The same rule over every task: the route for categories the suite did not have. */
  overall: CategoryDecision | null;
}

/** Each candidate in one category: its figures, its floor, and what keeps it out. */
function standingsIn(
  category: string,
  floor: number,
  workload: WorkloadProfile,
  candidates: readonly CandidateFacts[],
  aggregates: readonly Aggregate[],
  robust: readonly Robustness[],
): Standing[] {
  return candidates.map((c) => {
    const a = aggregates.find((x) => x.candidate === c.id && x.category === category) ?? null;
    const reasons = unmetConstraints(workload, c, a);
    const status = a ? floorStatus(a.passes, a.n, floor) : null;
    if (a?.skipped) reasons.push(`${a.skipped} tasks skipped: longer than its context window`);
    if (!a || !status) reasons.push('not run on this category');
    else if (a.n === 0) reasons.push('no task fits its context window');
    else if (!status.eligible) reasons.push(`pass rate ${pct(a.passRate)} below the ${pct(floor)} floor`);
    else if (workload.strictFloor && !status.established)
      reasons.push(
        `not established: the interval's lower end ${pct(a.ci?.low ?? 0)} is below the ${pct(floor)} floor`,
      );
    // Holds under stress: a separated drop below the floor, under a stress the workload counts.
    for (const r of robust)
      if (
        r.candidate === c.id &&
        r.category === category &&
        workload.mustHold.includes(r.kind) &&
        breaks(r, floor)
      )
        reasons.push(
          `breaks under ${r.stress}: ${pct(r.clean.passes / r.clean.n)} clean, ${pct(r.stressed.passes / r.stressed.n)} stressed (p = ${r.test.p < 0.001 ? '< 0.001' : r.test.p.toFixed(3)})`,
        );
    return { candidate: c.id, aggregate: a, floor: status, reasons };
  });
}

function decideCategory(
  category: string,
  workload: WorkloadProfile,
  candidates: readonly CandidateFacts[],
  aggregates: readonly Aggregate[],
  verdicts: ReadonlyMap<string, ReadonlyMap<string, boolean>>,
  robust: readonly Robustness[],
): CategoryDecision {
  const by = chosenBy(workload.reasoning);
  const floor = floorOf(workload, category);
  const standings = standingsIn(category, floor, workload, candidates, aggregates, robust);
  const admitted = standings.flatMap((s) => (s.reasons.length === 0 && s.aggregate ? [s.aggregate] : []));
  const [first, second] = [...admitted].sort(KEYS[by].order);
  const choice = (a: Aggregate | undefined): Choice | null => {
    if (!a) return null;
    const status = standings.find((s) => s.candidate === a.candidate)?.floor;
    return { candidate: a.candidate, why: describe(a), moreToEstablish: status?.moreToEstablish ?? null };
  };
  const strongest = first ? admitted.filter((a) => a !== first).sort(byQuality)[0] : undefined;
  const stronger = strongest && first && strongest.passRate > first.passRate ? strongest : undefined;
  const verdictsOf = (a: Aggregate) =>
    verdicts.get(`${a.candidate}\u0000${category}`) ?? new Map<string, boolean>();
  return {
    category,
    floor,
    strict: workload.strictFloor,
    chosenBy: by,
    default: choice(first),
    tieBreak: first && second && KEYS[by].tie(first, second) ? TIE_WORDS[by] : null,
    fallback: choice(stronger),
    nextBest: stronger ? null : choice(strongest),
    test:
      first && strongest
        ? pairedTest(pairOutcomes(verdictsOf(first), verdictsOf(stronger ?? strongest)))
        : null,
    standings,
  };
}

/**
 * The reasons that leave a candidate out of every category (a context window too small,
 * a model that does not fit): said once above the table instead of on every row. With
 * one category there is nothing to fold.
 */
export function commonExclusions(decisions: readonly CategoryDecision[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const [first, ...rest] = decisions;
  if (!first || rest.length === 0) return out;
  for (const x of first.standings) {
    const common = x.reasons.filter((reason) =>
      rest.every((r) => r.standings.some((y) => y.candidate === x.candidate && y.reasons.includes(reason))),
    );
    if (common.length) out[x.candidate] = common;
  }
  return out;
}

export interface ParetoPlace {
  id: string;
  quality: number;
  /** P95 end-to-end over completed replies; null when none completed. */
  latency: number | null;
  /** Clears the workload's floor overall and finished a reply: may be Pareto-optimal. */
  eligible: boolean;
  /** Why it may not, when it may not. */
  why: string | null;
  optimal: boolean;
}

/**
 * Candidates on the quality/latency plane over every category. Only those that clear the
 * workload's floor overall and finished at least one reply are compared: a fast candidate
 * that fails is not a trade-off worth offering.
 */
export function paretoPlaces(workload: WorkloadProfile, aggregates: readonly Aggregate[]): ParetoPlace[] {
  const floor = floorOf(workload, ALL);
  const places = aggregates
    .filter((a) => a.category === ALL)
    .map((a) => {
      const why =
        a.e2e.p95 === null
          ? 'no completed reply'
          : a.passRate < floor
            ? `below the ${pct(floor)} floor`
            : null;
      return { id: a.candidate, quality: a.passRate, latency: a.e2e.p95, eligible: why === null, why };
    });
  const front = paretoFront(
    places
      .filter((p) => p.eligible)
      .map((p) => ({ id: p.id, quality: p.quality, latency: p.latency ?? Infinity })),
  );
  return places.map((p) => ({ ...p, optimal: front.has(p.id) }));
}

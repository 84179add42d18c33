import { ALL, aggregate, sampleOf, type GradedSample } from './aggregate';
import { pairOutcomes, pairedTest, type PairedTest } from './paired';
import type { Plan } from './plan';
import type { ResultRecord } from './results';
import { bootstrapPercentileChange } from './stats';
import { targetKey, type Target } from './target';

/** When a later run of a plan counts as regressed against its baseline (docs/weekly.md). */
export interface RegressionThresholds {
  /** Largest absolute drop in pass rate tolerated (0.05 = 5 points). */
  maxPassRateDrop: number;
  /** Largest relative growth of the end-to-end P95 (0.25 = 25%); null: latency is not judged. */
  maxP95Growth: number | null;
  /** Largest relative growth of cost per success; null: cost is not judged. */
  maxCostGrowth: number | null;
}

export const DEFAULT_THRESHOLDS: RegressionThresholds = {
  maxPassRateDrop: 0.05,
  maxP95Growth: 0.25,
  maxCostGrowth: 0.25,
};

/** The significance a pass-rate change and a latency change must reach before they count. */
export const ALPHA = 0.05;

export type Verdict = 'regressed' | 'improved' | 'unchanged' | 'not-comparable';

/** A task (and repeat) that passed in one run and failed in the other, with both replies. */
export interface Flip {
  item: string;
  category: string;
  direction: 'pass-to-fail' | 'fail-to-pass';
  before: ResultRecord;
  after: ResultRecord;
}

export interface LatencyChange {
  before: number | null;
  after: number | null;
  /** Bootstrap 95% interval of after - before, in ms. */
  ci: { low: number; high: number } | null;
}

export interface RegressionRow {
  /** Which model on which runtime or endpoint: how the two runs' candidates are matched. */
  target: string;
  label: string;
  category: string;
  verdict: Verdict;
  /** Why the verdict, in a sentence each. */
  reasons: string[];
  before: { n: number; passes: number } | null;
  after: { n: number; passes: number } | null;
  /** The paired comparison, after minus before: diff, interval, exact McNemar p. */
  paired: PairedTest | null;
  p50: LatencyChange;
  p95: LatencyChange;
  costPerSuccess: { before: number | null; after: number | null };
  flips: Flip[];
}

export interface RegressionReport {
  verdict: Verdict;
  /** Why nothing could be compared, when nothing could. */
  notComparable: string | null;
  rows: RegressionRow[];
  thresholds: RegressionThresholds;
}

export interface PlannedRun {
  plan: Plan;
  results: readonly ResultRecord[];
}

/** A candidate as the report names it, with no app state at hand (the command line has none). */
export function targetLabel(t: Target, plan: Pick<Plan, 'endpoints'>): string {
  if (t.kind === 'ondevice') return `${t.modelKey} (${t.device === 'webgpu' ? 'WebGPU' : 'WASM'})`;
  const endpoint = plan.endpoints.find((e) => e.id === t.endpointId);
  return `${t.model} @ ${endpoint?.name ?? t.endpointId}`;
}

interface Side {
  samples: GradedSample[];
  records: Map<string, ResultRecord>;
}

/** A run's clean results per target key: samples and, by item, the record behind each. */
function sides(run: PlannedRun): Map<string, Side> {
  const byCandidate = new Map(run.plan.evaluation.candidates.map((c) => [c.id, targetKey(c.target)]));
  const out = new Map<string, Side>();
  for (const r of run.results) {
    const s = sampleOf(r);
    const key = s ? byCandidate.get(s.candidate) : undefined;
    // Stressed twins are judged apart (the stress view); skipped tasks were never run.
    if (!s || !key || s.stress !== null || s.skipped) continue;
    let side = out.get(key);
    if (!side) out.set(key, (side = { samples: [], records: new Map() }));
    side.samples.push(s);
    side.records.set(s.item, r);
  }
  return out;
}

const points = (x: number) => `${x > 0 ? '+' : ''}${(x * 100).toFixed(1)} points`;
const ms = (x: number) => `${Math.round(x).toLocaleString('en-US')} ms`;

function latency(before: GradedSample[], after: GradedSample[], p: number, seed: number): LatencyChange {
  const values = (xs: GradedSample[]) =>
    xs.flatMap((s) => (s.completed && s.e2eMs !== null && Number.isFinite(s.e2eMs) ? [s.e2eMs] : []));
  const a = values(before);
  const b = values(after);
  const at = (xs: GradedSample[]) => aggregate(xs).find((g) => g.category === ALL)?.e2e ?? null;
  return {
    before: p === 50 ? (at(before)?.p50 ?? null) : (at(before)?.p95 ?? null),
    after: p === 50 ? (at(after)?.p50 ?? null) : (at(after)?.p95 ?? null),
    ci: bootstrapPercentileChange(a, b, p, { seed }),
  };
}

function row(
  target: string,
  label: string,
  category: string,
  before: GradedSample[],
  after: GradedSample[],
  sideBefore: Side,
  sideAfter: Side,
  t: RegressionThresholds,
): RegressionRow {
  const outcomes = (xs: GradedSample[]) => new Map(xs.map((s) => [s.item, s.grade.pass]));
  const counts = pairOutcomes(outcomes(after), outcomes(before));
  const paired = counts.n > 0 ? pairedTest(counts) : null;
  const agg = (xs: GradedSample[]) => aggregate(xs).find((g) => g.category === ALL);
  const [aggBefore, aggAfter] = [agg(before), agg(after)];
  const flips: Flip[] = [];
  const passedAfter = outcomes(after);
  for (const s of before) {
    const now = passedAfter.get(s.item);
    const b = sideBefore.records.get(s.item);
    const a = sideAfter.records.get(s.item);
    if (now === undefined || now === s.grade.pass || !a || !b) continue;
    flips.push({
      item: s.item,
      category: s.category,
      direction: now ? 'fail-to-pass' : 'pass-to-fail',
      before: b,
      after: a,
    });
  }
  // Losses first: they are what a reviewer opens the report for.
  flips.sort(
    (x, y) =>
      (x.direction === y.direction ? 0 : x.direction === 'pass-to-fail' ? -1 : 1) ||
      x.item.localeCompare(y.item, 'en', { numeric: true }),
  );
  const seed = 7;
  const p95 = latency(before, after, 95, seed);
  const base: RegressionRow = {
    target,
    label,
    category,
    verdict: 'unchanged',
    reasons: [],
    before: aggBefore ? { n: aggBefore.n, passes: aggBefore.passes } : null,
    after: aggAfter ? { n: aggAfter.n, passes: aggAfter.passes } : null,
    paired,
    p50: latency(before, after, 50, seed),
    p95,
    costPerSuccess: { before: aggBefore?.costPerSuccess ?? null, after: aggAfter?.costPerSuccess ?? null },
    flips,
  };
  if (!paired) return { ...base, verdict: 'not-comparable', reasons: ['no task ran in both runs'] };
  const worse: string[] = [];
  const better: string[] = [];
  const change = `${points(paired.diff)} (95% CI ${points(paired.ci.low)} to ${points(paired.ci.high)}, McNemar p = ${paired.p.toPrecision(2)}, ${counts.c} lost, ${counts.b} gained of ${paired.n} paired)`;
  if (paired.p < ALPHA && -paired.diff > t.maxPassRateDrop) worse.push(`pass rate ${change}`);
  if (paired.p < ALPHA && paired.diff > t.maxPassRateDrop) better.push(`pass rate ${change}`);
  if (t.maxP95Growth !== null && p95.before !== null && p95.after !== null && p95.ci && p95.before > 0) {
    const growth = p95.after / p95.before - 1;
    const line = `P95 ${ms(p95.before)} → ${ms(p95.after)} (${growth > 0 ? '+' : ''}${(growth * 100).toFixed(0)}%, 95% CI of the change ${ms(p95.ci.low)} to ${ms(p95.ci.high)})`;
    if (growth > t.maxP95Growth && p95.ci.low > 0) worse.push(line);
    if (-growth > t.maxP95Growth && p95.ci.high < 0) better.push(line);
  }
  const cb = base.costPerSuccess.before;
  const ca = base.costPerSuccess.after;
  if (
    t.maxCostGrowth !== null &&
    cb !== null &&
    ca !== null &&
    Number.isFinite(cb) &&
    Number.isFinite(ca) &&
    cb > 0
  ) {
    const growth = ca / cb - 1;
    const line = `cost per success ${growth > 0 ? '+' : ''}${(growth * 100).toFixed(0)}%`;
    if (growth > t.maxCostGrowth) worse.push(line);
    if (-growth > t.maxCostGrowth) better.push(line);
  }
  if (worse.length) return { ...base, verdict: 'regressed', reasons: worse };
  if (better.length) return { ...base, verdict: 'improved', reasons: better };
  return { ...base, reasons: [`within the thresholds (pass rate ${change})`] };
}

/**
 * A later run of a plan against its baseline, per candidate (matched by model and runtime
 * or endpoint, never by position) and category, on clean tasks paired by task and repeat.
 * A pass-rate drop counts when it exceeds the threshold and McNemar's exact test separates
 * the runs; a P95 growth when it exceeds its threshold and its bootstrap interval excludes
 * no change; cost per success on its threshold alone (it has no sampling noise of its own
 * beyond the pass rate's).
 */
export function compareWithBaseline(
  baseline: PlannedRun,
  current: PlannedRun,
  thresholds: RegressionThresholds = current.plan.evaluation.thresholds ?? DEFAULT_THRESHOLDS,
): RegressionReport {
  const empty = (why: string): RegressionReport => ({
    verdict: 'not-comparable',
    notComparable: why,
    rows: [],
    thresholds,
  });
  if (baseline.plan.suite.hash !== current.plan.suite.hash)
    return empty(
      `the suite changed between the runs (tasks hash ${baseline.plan.suite.hash} then ${current.plan.suite.hash}): pass rates on different tasks do not compare`,
    );
  const before = sides(baseline);
  const after = sides(current);
  const rows: RegressionRow[] = [];
  for (const c of current.plan.evaluation.candidates) {
    const key = targetKey(c.target);
    const label = targetLabel(c.target, current.plan);
    const a = after.get(key);
    const b = before.get(key);
    if (!a || !b) {
      rows.push({
        target: key,
        label,
        category: ALL,
        verdict: 'not-comparable',
        reasons: [b ? 'no result in this run' : 'not in the baseline run'],
        before: null,
        after: null,
        paired: null,
        p50: { before: null, after: null, ci: null },
        p95: { before: null, after: null, ci: null },
        costPerSuccess: { before: null, after: null },
        flips: [],
      });
      continue;
    }
    const categories = [...new Set([...b.samples, ...a.samples].map((s) => s.category))].sort();
    rows.push(row(key, label, ALL, b.samples, a.samples, b, a, thresholds));
    for (const category of categories)
      rows.push(
        row(
          key,
          label,
          category,
          b.samples.filter((s) => s.category === category),
          a.samples.filter((s) => s.category === category),
          b,
          a,
          thresholds,
        ),
      );
  }
  const verdicts = rows.map((r) => r.verdict);
  const verdict: Verdict = verdicts.includes('regressed')
    ? 'regressed'
    : verdicts.length && verdicts.every((v) => v === 'not-comparable')
      ? 'not-comparable'
      : verdicts.includes('improved')
        ? 'improved'
        : 'unchanged';
  return { verdict, notComparable: null, rows, thresholds };
}

import type { ResultRecord } from './results';
import { FAILURE_CATEGORIES, type FailureCategory, type Grade } from './suite';
import { summarize, type Summary } from './stats';
import { wilson } from './wilson';

/** One graded generation, as the aggregates read it. */
export interface GradedSample {
  candidate: string;
  category: string;
  /** The task and repeat, the same for every candidate and stress: what paired tests match on. */
  item: string;
  /** The stress it ran under (its id), or null for the clean task. */
  stress: string | null;
  /** How strong that stress was (share of words, tokens, turns). */
  stressLevel?: number;
  /** The generation finished (passed or failed on its merits); false for engine errors and timeouts. */
  completed: boolean;
  /** Not run: longer than the candidate's context window. Counted apart, in nothing else. */
  skipped?: boolean;
  grade: Grade;
  ttftMs: number | null;
  e2eMs: number | null;
  decodeTokensPerS: number | null;
  /** What the attempt cost: 0 on-device (no per-token price), null when no price is known. */
  cost: number | null;
  /** What grading it by a judge model cost, kept apart from the candidate's cost. */
  judgeCost: number;
}

export interface Aggregate {
  candidate: string;
  /** A task category, or ALL for every category together. */
  category: string;
  n: number;
  passes: number;
  passRate: number;
  /** Generations that finished; only these carry latency and cost. */
  completed: number;
  /** Share of tasks that ended in an engine error or a timeout instead of a reply. */
  errorRate: number;
  /** Tasks not run because they exceed the candidate's context window; not in n. */
  skipped: number;
  /** Wilson 95% interval of the pass rate. */
  ci: { low: number; high: number } | null;
  ttft: Summary;
  e2e: Summary;
  decode: Summary;
  /**
   * The cost of every completed attempt (retries included) plus whatever failed attempts are
   * known to have cost; null when a completed attempt's price is unknown.
   */
  totalCost: number | null;
  /** totalCost / passes: null with unknown cost, Infinity with no pass. */
  costPerSuccess: number | null;
  judgeCost: number;
  failures: Record<FailureCategory, number>;
}

export const ALL = 'all';

/** A stored evaluation result as a sample; none for results of other screens. */
export function sampleOf(r: ResultRecord): GradedSample | null {
  if (!r.grade || !r.candidate || !r.category) return null;
  return {
    candidate: r.candidate,
    category: r.category,
    // Evaluation task ids are candidate|task|repeat[|stress]: task and repeat name the item on any candidate.
    item: r.taskId.split('|').slice(1, 3).join('|'),
    stress: r.stress?.id ?? null,
    ...(r.stress ? { stressLevel: r.stress.level } : {}),
    completed: r.error === null && !r.skipped,
    ...(r.skipped ? { skipped: true } : {}),
    grade: r.grade,
    ttftMs: r.metrics.ttftMs,
    e2eMs: r.metrics.e2eMs,
    decodeTokensPerS: r.metrics.decodeTokensPerS,
    cost: r.runtime === 'remote' ? (r.cost?.value ?? null) : 0,
    judgeCost: r.judgeCost?.value ?? 0,
  };
}

function aggregateOf(candidate: string, category: string, all: readonly GradedSample[]): Aggregate {
  const samples = all.filter((s) => !s.skipped);
  const passes = samples.filter((s) => s.grade.pass).length;
  // Latency and cost come from generations that finished: an engine error is not a fast reply.
  const done = samples.filter((s) => s.completed);
  const costs = done.map((s) => s.cost);
  const failedCost = samples.reduce((sum, s) => sum + (s.completed ? 0 : (s.cost ?? 0)), 0);
  const totalCost = costs.every((c): c is number => c !== null)
    ? costs.reduce((a, b) => a + b, 0) + failedCost
    : null;
  const failures = Object.fromEntries(FAILURE_CATEGORIES.map((f) => [f, 0])) as Record<
    FailureCategory,
    number
  >;
  for (const s of samples) if (s.grade.failure) failures[s.grade.failure]++;
  return {
    candidate,
    category,
    n: samples.length,
    passes,
    passRate: samples.length ? passes / samples.length : 0,
    completed: done.length,
    skipped: all.length - samples.length,
    errorRate: samples.length ? (samples.length - done.length) / samples.length : 0,
    ci: wilson(passes, samples.length),
    ttft: summarize(done.map((s) => s.ttftMs)),
    e2e: summarize(done.map((s) => s.e2eMs)),
    decode: summarize(done.map((s) => s.decodeTokensPerS)),
    totalCost,
    costPerSuccess: totalCost === null ? null : passes === 0 ? Infinity : totalCost / passes,
    judgeCost: samples.reduce((a, s) => a + s.judgeCost, 0),
    failures,
  };
}

/** Aggregates per candidate and category, plus one per candidate over every category (ALL). */
export function aggregate(samples: readonly GradedSample[]): Aggregate[] {
  // Recomputed whenever a result arrives while a run streams: one pass, no copying per sample.
  const groups = new Map<string, Map<string, GradedSample[]>>();
  for (const s of samples) {
    let mine = groups.get(s.candidate);
    if (!mine) groups.set(s.candidate, (mine = new Map()));
    for (const category of [s.category, ALL]) {
      const group = mine.get(category);
      if (group) group.push(s);
      else mine.set(category, [s]);
    }
  }
  return [...groups].flatMap(([candidate, mine]) =>
    [...mine].map(([category, group]) => aggregateOf(candidate, category, group)),
  );
}

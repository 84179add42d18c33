import { ALL, type Aggregate } from './aggregate';
import type { CategoryDecision, Choice, Decisions } from './decide';
import { costPer1000, type WorkloadProfile } from './workload';

/** Where a route sends a task: enough to call the model, never a key. */
export interface RouteTarget {
  label: string;
  runtime: 'remote' | 'webllm' | 'transformers';
  modelId: string;
  /** The endpoint's base URL, for remote models. */
  baseUrl?: string;
  device?: 'webgpu' | 'wasm';
}

/** What a route's choice rests on, measured on the evaluation's tasks. */
export interface Evidence {
  n: number;
  passes: number;
  passRate: number;
  passRateCi: [number, number] | null;
  /** Share of tasks that ended in an engine error or timeout. */
  errorRate: number;
  /** Over completed replies only. */
  p95Ms: number | null;
  costPerSuccess: number | null;
  costPer1000: number | null;
}

export interface RouteChoice {
  model: RouteTarget;
  evidence: Evidence;
}

export interface Route {
  category: string;
  floor: number;
  /** What picked the default among the candidates that cleared the floor. */
  chosenBy: 'cost' | 'latency' | 'quality';
  tieBreak: string | null;
  model: RouteTarget;
  evidence: Evidence;
  /** A strictly stronger candidate to fall back on; null when none is stronger. */
  fallback: RouteChoice | null;
  /** Default against fallback on the same tasks: exact McNemar p and the paired difference. */
  pairedTest: { n: number; p: number; diff: number; ci: [number, number]; separated: boolean } | null;
}

export interface RoutingTable {
  format: 'qwenfit-routing';
  version: 2;
  createdAt: string;
  suite: string;
  workload: WorkloadProfile;
  routes: Route[];
  /** For categories the evaluation did not have: the same rule over every task. */
  defaultRoute: RouteChoice | null;
  /** Categories with no route, and why (no candidate cleared the floor). */
  unrouted: { category: string; reason: string }[];
}

function evidence(a: Aggregate): Evidence {
  return {
    n: a.n,
    passes: a.passes,
    passRate: a.passRate,
    passRateCi: a.ci ? [a.ci.low, a.ci.high] : null,
    errorRate: a.errorRate,
    p95Ms: a.e2e.p95,
    costPerSuccess: a.costPerSuccess === Infinity ? null : a.costPerSuccess,
    costPer1000: costPer1000(a),
  };
}

/**
 * category -> default model with a stronger fallback and the evidence for both, from the
 * decisions; a category no candidate serves is listed apart, never routed to a failing model.
 */
export function routingTable(
  suite: string,
  workload: WorkloadProfile,
  decisions: Decisions,
  aggregates: readonly Aggregate[],
  targets: Readonly<Record<string, RouteTarget>>,
  createdAt: string,
): RoutingTable {
  const find = (choice: Choice | null, category: string): RouteChoice | null => {
    const model = choice && targets[choice.candidate];
    const a = choice && aggregates.find((x) => x.candidate === choice.candidate && x.category === category);
    return model && a ? { model, evidence: evidence(a) } : null;
  };
  const routes: Route[] = [];
  const unrouted: RoutingTable['unrouted'] = [];
  for (const d of decisions.categories) {
    const main = find(d.default, d.category);
    if (!main) {
      unrouted.push({
        category: d.category,
        reason: `no candidate clears the ${Math.round(d.floor * 100)}% floor`,
      });
      continue;
    }
    routes.push({
      category: d.category,
      floor: d.floor,
      chosenBy: d.chosenBy,
      tieBreak: d.tieBreak,
      ...main,
      fallback: find(d.fallback, d.category),
      pairedTest: d.fallback ? pairedTestOf(d) : null,
    });
  }
  const overall = decisions.overall;
  return {
    format: 'qwenfit-routing',
    version: 2,
    createdAt,
    suite,
    workload,
    routes,
    defaultRoute: overall ? find(overall.default, ALL) : null,
    unrouted,
  };
}

function pairedTestOf(d: CategoryDecision): Route['pairedTest'] {
  const t = d.test;
  return t ? { n: t.n, p: t.p, diff: t.diff, ci: [t.ci.low, t.ci.high], separated: t.separated } : null;
}

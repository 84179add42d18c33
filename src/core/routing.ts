import { ALL, type Aggregate } from './aggregate';
import type { Recommendation } from './recommend';
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

export interface Route {
  category: string;
  model: RouteTarget;
  fallback: RouteTarget | null;
  passRate: number;
  passRateCi: [number, number] | null;
  p95Ms: number | null;
  costPer1000: number | null;
}

export interface RoutingTable {
  format: 'qwenfit-routing';
  version: 1;
  createdAt: string;
  suite: string;
  workload: WorkloadProfile;
  routes: Route[];
}

/** category -> model, with the runner-up as fallback, from the recommendations. */
export function routingTable(
  suite: string,
  workload: WorkloadProfile,
  recs: readonly Recommendation[],
  aggregates: readonly Aggregate[],
  targets: Readonly<Record<string, RouteTarget>>,
  createdAt: string,
): RoutingTable {
  const routes: Route[] = [];
  for (const r of recs) {
    const model = r.best && targets[r.best.candidate];
    if (!r.best || !model) continue;
    const a = aggregates.find((x) => x.candidate === r.best?.candidate && x.category === r.category);
    if (!a || a.category === ALL) continue;
    routes.push({
      category: r.category,
      model,
      fallback: (r.runnerUp && targets[r.runnerUp.candidate]) ?? null,
      passRate: a.passRate,
      passRateCi: a.ci ? [a.ci.low, a.ci.high] : null,
      p95Ms: a.e2e.p95,
      costPer1000: costPer1000(a),
    });
  }
  return { format: 'qwenfit-routing', version: 1, createdAt, suite, workload, routes };
}

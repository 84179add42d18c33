import { ALL, type Aggregate } from './aggregate';

/** A candidate on the quality/latency plane: higher quality and lower latency are better. */
export interface ParetoPoint {
  id: string;
  quality: number;
  latency: number;
}

/** True when a is at least as good as b on both axes and better on one. */
function dominates(a: ParetoPoint, b: ParetoPoint): boolean {
  return a.quality >= b.quality && a.latency <= b.latency && (a.quality > b.quality || a.latency < b.latency);
}

/** The Pareto-optimal ids: no other point is both at least as good and better somewhere. */
export function paretoFront(points: readonly ParetoPoint[]): Set<string> {
  return new Set(points.filter((p) => !points.some((q) => q !== p && dominates(q, p))).map((p) => p.id));
}

/** Each candidate over every category, pass rate against P95 end-to-end, marked when Pareto-optimal. */
export function overallPareto(aggregates: readonly Aggregate[]): (ParetoPoint & { optimal: boolean })[] {
  const points = aggregates
    .filter((a) => a.category === ALL && a.e2e.p95 !== null)
    .map((a) => ({ id: a.candidate, quality: a.passRate, latency: a.e2e.p95 as number }));
  const front = paretoFront(points);
  return points.map((p) => ({ ...p, optimal: front.has(p.id) }));
}

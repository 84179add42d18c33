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

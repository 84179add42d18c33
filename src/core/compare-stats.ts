import type { GenerationMetrics } from './metrics';
import type { Cost } from './prices';
import { summarize, type Summary } from './stats';

/** What the statistics read from each generation of a pane. */
export interface Sample {
  cold: boolean;
  error: unknown;
  metrics: GenerationMetrics | null;
  cost: Cost | null;
}

export const STAT_METRICS = ['ttftMs', 'ttfoMs', 'decodeTokensPerS', 'e2eMs', 'completionTokens'] as const;
export type StatMetric = (typeof STAT_METRICS)[number];

export interface PaneStats {
  /** Generations that count: finished without error, cold ones only when asked for. */
  used: number;
  /** Left out: cold (warm-up) runs when not included, and failed ones. */
  leftOut: { cold: number; failed: number };
  /** Counted generations whose request was retried: their times start at the attempt that answered. */
  retried: number;
  summaries: Record<StatMetric, Summary>;
  /** Mean cost per counted generation, in the price's currency; null with no price. */
  meanCost: Cost | null;
}

/** Only generations that finished without error count; warm-up runs unless asked for. */
export function countsInStats(s: Sample, includeCold: boolean): boolean {
  return s.error === null && s.metrics !== null && (includeCold || !s.cold);
}

export function paneStats(samples: readonly Sample[], includeCold: boolean): PaneStats {
  const used = samples.filter((s) => countsInStats(s, includeCold));
  const summaries = Object.fromEntries(
    STAT_METRICS.map((m) => [m, summarize(used.map((s) => s.metrics?.[m] ?? null))]),
  ) as Record<StatMetric, Summary>;
  const costs = used.map((s) => s.cost).filter((c): c is Cost => c !== null);
  const first = costs[0];
  const meanCost =
    first && costs.length === used.length && costs.every((c) => c.currency === first.currency)
      ? {
          value: costs.reduce((sum, c) => sum + c.value, 0) / costs.length,
          currency: first.currency,
          asOf: first.asOf,
          estimated: costs.some((c) => c.estimated),
        }
      : null;
  return {
    used: used.length,
    leftOut: {
      cold: samples.filter((s) => s.cold && !includeCold && s.error === null).length,
      failed: samples.filter((s) => s.error !== null).length,
    },
    retried: used.filter((s) => (s.metrics?.engineStats['http_retries'] ?? 0) > 0).length,
    summaries,
    meanCost,
  };
}

/** The two roofs of a device, measured by the probe in This device, and their arithmetic. */

/** Repeated measurements of one figure: the median and the range. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export function spreadOf(samples: readonly number[]): Spread {
  if (samples.length === 0) throw new Error('no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median =
    sorted.length % 2 === 1
      ? (sorted[mid] as number)
      : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return { median, min: sorted[0] as number, max: sorted.at(-1) as number, runs: sorted.length };
}

/** What the WebGPU probe measured on one adapter. */
export interface GpuRoofline {
  /** Sustained read bandwidth streaming a buffer far above any cache, in GB/s (1e9 bytes). */
  bandwidthGBs: Spread;
  /** Sustained f32 multiply-add throughput with no memory traffic, in GFLOP/s. */
  computeGFlops: Spread;
  /** Bytes the bandwidth probe streams through each pass. */
  bufferBytes: number;
  adapter: string;
  measuredAt: string;
}

function isSpread(x: unknown): x is Spread {
  const s = x as Partial<Spread> | null;
  return (
    typeof s === 'object' &&
    s !== null &&
    [s.median, s.min, s.max, s.runs].every((n) => typeof n === 'number' && Number.isFinite(n) && n >= 0)
  );
}

/** A stored probe as it was written; anything else (an older shape, a damaged value) is measured again. */
export function isGpuRoofline(x: unknown): x is GpuRoofline {
  const r = x as Partial<GpuRoofline> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    isSpread(r.bandwidthGBs) &&
    isSpread(r.computeGFlops) &&
    typeof r.bufferBytes === 'number' &&
    typeof r.adapter === 'string' &&
    typeof r.measuredAt === 'string'
  );
}

/** The share of its roof a runtime reaches, as a band: where the prediction's range comes from. */
export interface Efficiency {
  low: number;
  high: number;
  basis: string;
}

export interface Roofs {
  bandwidthGBs: number;
  computeGFlops: number;
}

/** What one decoded token costs (model-bytes.ts tokenCost). */
export interface TokenWork {
  weightBytes: number;
  kvBytes: number;
  flops: number;
}

export interface DecodePrediction {
  /** Predicted decode tokens/s at the band's low and high efficiency. */
  low: number;
  high: number;
  /** Which roof is lower for this model here. */
  bound: 'memory' | 'compute';
  /** Tokens/s at 100% of the lower roof, with no per-token overhead. */
  roofTokensPerS: number;
}

/** Seconds a token takes at the lower of the two roofs. */
function roofSeconds(work: TokenWork, roofs: Roofs): { seconds: number; bound: 'memory' | 'compute' } {
  const memory = (work.weightBytes + work.kvBytes) / (roofs.bandwidthGBs * 1e9);
  const compute = work.flops / (roofs.computeGFlops * 1e9);
  return memory >= compute ? { seconds: memory, bound: 'memory' } : { seconds: compute, bound: 'compute' };
}

/**
 * Decode speed before the model is downloaded: the lower roof's time scaled by the runtime's
 * efficiency band, plus a fixed per-token cost (dispatch and sampling, measured with the tiny
 * model), which dominates for sub-1B models. Made from the probe, never fitted to a run.
 */
export function predictDecode(
  work: TokenWork,
  roofs: Roofs,
  efficiency: Efficiency,
  fixedMsPerToken: number,
): DecodePrediction {
  const { seconds, bound } = roofSeconds(work, roofs);
  const rate = (e: number) => 1 / (seconds / e + fixedMsPerToken / 1000);
  return { low: rate(efficiency.low), high: rate(efficiency.high), bound, roofTokensPerS: 1 / seconds };
}

/** A measured decode rate as a share of the lower roof (1 = the roof itself). */
export function shareOfRoof(tokensPerS: number, work: TokenWork, roofs: Roofs): number {
  return tokensPerS * roofSeconds(work, roofs).seconds;
}

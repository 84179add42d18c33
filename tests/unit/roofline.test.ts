import { describe, expect, it } from 'vitest';
import type { Playable } from '../../src/catalog/catalog';
import { RUNTIME_EFFICIENCY, predictOnGpu } from '../../src/catalog/predict';
import { ONNX_MODELS, TINY_MODEL } from '../../src/catalog/transformers-models';
import {
  isGpuRoofline,
  predictDecode,
  shareOfRoof,
  spreadOf,
  type GpuRoofline,
} from '../../src/core/roofline';

describe('spread of repeated measurements', () => {
  it('median of an odd and an even count, with the range', () => {
    expect(spreadOf([3, 1, 2])).toEqual({ median: 2, min: 1, max: 3, runs: 3 });
    expect(spreadOf([10, 4, 8, 6])).toEqual({ median: 7, min: 4, max: 10, runs: 4 });
  });

  it('refuses an empty set rather than report a zero', () => {
    expect(() => spreadOf([])).toThrow('no samples');
  });
});

describe('a kept probe', () => {
  const kept: GpuRoofline = {
    bandwidthGBs: { median: 12, min: 11, max: 13, runs: 7 },
    computeGFlops: { median: 40, min: 38, max: 41, runs: 7 },
    bufferBytes: 134217728,
    adapter: 'google swiftshader',
    measuredAt: '2026-12-03T21:00:00.000Z',
  };

  it('is trusted only in the shape it was written', () => {
    expect(isGpuRoofline(kept)).toBe(true);
    expect(isGpuRoofline(null)).toBe(false);
    expect(isGpuRoofline({ ...kept, bandwidthGBs: { median: 'fast' } })).toBe(false);
    expect(isGpuRoofline({ ...kept, computeGFlops: { ...kept.computeGFlops, max: Number.NaN } })).toBe(false);
    expect(isGpuRoofline({ ...kept, measuredAt: undefined })).toBe(false);
  });
});

describe('predicted decode speed', () => {
  // Qwen2.5-0.5B in q4f16_1 (tests/unit/model-bytes.test.ts) with 1,000 tokens of f16 cache.
  const work = { weightBytes: 277_893_936, kvBytes: 2 * 24 * 2 * 64 * 1000 * 2, flops: 988_067_328 };
  const band = { low: 0.5, high: 0.8, basis: 'test' };

  it('a memory-bound model: bytes over bandwidth, scaled by the band, plus the fixed cost', () => {
    // (277,893,936 + 12,288,000) B / 100 GB/s = 2.9018 ms; compute 0.988 GFLOP / 1,000 GFLOP/s = 0.988 ms.
    const p = predictDecode(work, { bandwidthGBs: 100, computeGFlops: 1000 }, band, 1);
    expect(p.bound).toBe('memory');
    expect(p.roofTokensPerS).toBeCloseTo(1 / 0.0029018194, 3);
    // low: 1 / (2.9018 / 0.5 + 1) ms = 1 / 6.8036 ms = 146.98 tokens/s; high: 1 / (3.6273 + 1) ms = 216.11.
    expect(p.low).toBeCloseTo(146.98, 1);
    expect(p.high).toBeCloseTo(216.11, 1);
  });

  it('a software GPU can be compute-bound: then FLOPs over compute set the roof', () => {
    const p = predictDecode(work, { bandwidthGBs: 20, computeGFlops: 10 }, band, 0);
    // memory 14.5 ms < compute 98.8 ms.
    expect(p.bound).toBe('compute');
    expect(p.high).toBeCloseTo(0.8 / 0.0988067328, 3);
  });

  it('a measured rate as a share of the roof', () => {
    const roofs = { bandwidthGBs: 100, computeGFlops: 1000 };
    expect(shareOfRoof(172.3, work, roofs)).toBeCloseTo(0.5, 2);
  });
});

describe('a catalog model predicted on the measured GPU', () => {
  const roofline: GpuRoofline = {
    bandwidthGBs: { median: 100, min: 99, max: 101, runs: 7 },
    computeGFlops: { median: 1000, min: 990, max: 1010, runs: 7 },
    bufferBytes: 134217728,
    adapter: 'test',
    measuredAt: '2026-12-03T21:00:00.000Z',
  };
  const webllm = (model_id: string): Playable => ({
    entry: {
      ...TINY_MODEL,
      key: `webllm:${model_id}`,
      runtime: 'webllm',
      modelId: model_id,
      randomWeights: false,
    },
    fit: { ok: true },
    record: { model: '', model_id, model_lib: '' },
  });

  it("reads the model's bytes from its architecture and quantisation, at the runtime's band", () => {
    const p = predictOnGpu(webllm('Qwen2.5-0.5B-Instruct-q4f32_1-MLC'), roofline, false);
    // 494,033,664 weights x 5 bits = 308,771,040 B + f32 cache of 1,024 tokens 2x24x2x64x1024x4 = 25,165,824 B.
    const seconds = (308_771_040 + 25_165_824) / 100e9;
    expect(p?.bound).toBe('memory');
    expect(p?.high).toBeCloseTo(RUNTIME_EFFICIENCY.webllm.high / seconds, 6);
    expect(p?.estimated).toBe(false);
    // ONNX on a GPU without f16 takes q4: marked estimated.
    const onnx = ONNX_MODELS.find((m) => m.modelId.includes('Qwen3-0.6B'));
    expect(predictOnGpu({ entry: onnx ?? TINY_MODEL, fit: { ok: true } }, roofline, false)?.estimated).toBe(
      true,
    );
  });

  it('predicts nothing without a probe or for a model it cannot size', () => {
    expect(predictOnGpu(webllm('Qwen2.5-0.5B-Instruct-q4f32_1-MLC'), null, false)).toBeNull();
    expect(predictOnGpu(webllm('Qwen3.5-0.8B-q4f32_1-MLC'), roofline, false)).toBeNull();
    expect(predictOnGpu(webllm('Qwen2.5-0.5B-Instruct-q3f16_0-MLC'), roofline, false)).toBeNull();
  });
});

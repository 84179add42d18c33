import { tokenCost, weightFormat } from '../core/model-bytes';
import { predictDecode, type DecodePrediction, type Efficiency, type GpuRoofline } from '../core/roofline';
import type { Playable } from './catalog';
import { architectureOf } from './qwen-architectures';
import { pickOnnxDtype } from './transformers-models';
import { splitModelId } from './webllm-qwen';

/**
 * How much of the roof each runtime reaches, as a band. web-llm: WebLLM keeps 71-80% of
 * native speed on 3-8B models and native decoders reach about half to most of the
 * bandwidth roof. ONNX Runtime Web: not yet measured against its roof, so a wide band.
 */
export const RUNTIME_EFFICIENCY: Record<'webllm' | 'transformers', Efficiency> = {
  webllm: { low: 0.35, high: 0.8, basis: 'WebLLM at 71-80% of native; native at 50-100% of the roof' },
  transformers: { low: 0.15, high: 0.6, basis: 'ONNX Runtime Web on WebGPU: assumed, not yet measured' },
};

/** The context a prediction assumes is already cached when a token is decoded. */
export const PREDICTION_CONTEXT = 1024;

export interface ModelPrediction extends DecodePrediction {
  estimated: boolean;
}

/**
 * Predicted WebGPU decode speed of a catalog model on the GPU the probe measured, before any
 * download; null when the model's architecture or format is not known or nothing was measured.
 * No per-token fixed cost yet (dispatch, sampling), so the pickers show only `high`, a
 * ceiling: the overhead can only lower it, most for sub-1B models.
 */
export function predictOnGpu(
  p: Playable,
  roofline: GpuRoofline | null,
  shaderF16: boolean,
): ModelPrediction | null {
  if (!roofline) return null;
  const id = p.record?.model_id ?? p.entry.modelId;
  const arch = architectureOf(id);
  const quantization =
    p.entry.runtime === 'webllm'
      ? splitModelId(id).quantization
      : pickOnnxDtype(p.entry, 'webgpu', shaderF16);
  const format = weightFormat(quantization);
  if (!arch || !format) return null;
  const cost = tokenCost(arch, format, PREDICTION_CONTEXT);
  const roofs = { bandwidthGBs: roofline.bandwidthGBs.median, computeGFlops: roofline.computeGFlops.median };
  return { ...predictDecode(cost, roofs, RUNTIME_EFFICIENCY[p.entry.runtime], 0), estimated: cost.estimated };
}

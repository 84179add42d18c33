import { records } from 'virtual:webllm-qwen';
import type { DeviceReport } from '../core/device';
import { appError } from '../core/error-catalog';
import type { AppError } from '../core/engine-types';
import { ONNX_MODELS, TINY_MODEL } from './transformers-models';
import type { CatalogEntry, Fit } from './types';
import { groupByBase, pickVariant, webLlmEntry, webLlmFit, type WebLlmRecord } from './webllm-qwen';

/** A model as the pickers offer it: what it is, whether it fits here, how to load it. */
export interface Playable {
  entry: CatalogEntry;
  fit: Fit;
  /** Present for web-llm models: the record to load (prebuilt or a custom mirror). */
  record?: WebLlmRecord;
  /** Present for custom transformers.js models served from elsewhere than the Hub. */
  remoteHost?: string;
}

export const ALL_WEBLLM_QWEN: readonly WebLlmRecord[] = records;

function adapterOf(report: DeviceReport | null) {
  return report?.webgpu.available ? report.webgpu.adapter : null;
}

/** One choice per web-llm Qwen model, its variant picked for this adapter. */
export function webLlmChoices(report: DeviceReport | null): Playable[] {
  const adapter = adapterOf(report);
  const f16 = adapter?.shaderF16 ?? false;
  return groupByBase(records).map((group) => {
    const record = pickVariant(group, f16) ?? (group.variants[0] as WebLlmRecord);
    return {
      entry: webLlmEntry(record),
      fit: webLlmFit(record, adapter, report?.deviceMemoryGb ?? null),
      record,
    };
  });
}

export function transformersChoices(): Playable[] {
  return [TINY_MODEL, ...ONNX_MODELS].map((entry) => ({ entry, fit: { ok: true } }));
}

export function webLlmFitOf(record: WebLlmRecord, report: DeviceReport | null): Fit {
  return webLlmFit(record, adapterOf(report), report?.deviceMemoryGb ?? null);
}

/**
 * The smallest real Qwen that fits this device: web-llm where WebGPU is present, else
 * nothing known by size (the ONNX builds' sizes depend on the dtype picked at load).
 */
export function smallestFitting(webllm: readonly Playable[]): Playable | null {
  const sized = webllm.filter((p) => p.fit.ok && p.entry.sizeMB !== null);
  sized.sort((a, b) => (a.entry.sizeMB ?? 0) - (b.entry.sizeMB ?? 0));
  return sized[0] ?? null;
}

/** Why this model cannot start on this device, checked before any download; null when it can. */
export function onDeviceBlocker(p: Playable, report: DeviceReport | null): AppError | null {
  const gpu = report?.webgpu;
  // web-llm downloads the model library before it looks for a GPU: refuse before that.
  // (transformers.js on a missing WebGPU fails fast in its worker with its own error.)
  if (p.entry.runtime === 'webllm' && gpu && !gpu.available)
    return appError('webgpu-unavailable', {}, `WebGPU check: ${gpu.reason}`);
  return null;
}

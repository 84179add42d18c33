import type { AdapterFacts } from '../core/device.ts';
import { FULL_BINDING_SIZE } from '../core/device.ts';
import { groupBy } from '../core/group-by.ts';
import type { CatalogEntry, Fit } from './types';

/** The fields of web-llm's ModelRecord that Qwenfit reads (config.d.ts, 0.2.86). */
export interface WebLlmRecord {
  model: string;
  model_id: string;
  model_lib: string;
  vram_required_MB?: number;
  low_resource_required?: boolean;
  buffer_size_required_bytes?: number;
  required_features?: string[];
  overrides?: Record<string, unknown>;
}

const QWEN = /qwen/i;
const VARIANT = /^(.*)-(q\d+f\d+(?:_\d+)?)-MLC$/;

/** The Qwen family of web-llm's prebuilt list (DeepSeek's Qwen distills included). */
export function qwenRecords(list: readonly WebLlmRecord[]): WebLlmRecord[] {
  return list.filter((r) => QWEN.test(r.model_id));
}

export function splitModelId(modelId: string): { base: string; quantization: string } {
  const m = VARIANT.exec(modelId);
  return m
    ? { base: m[1] as string, quantization: m[2] as string }
    : { base: modelId, quantization: 'unknown' };
}

/** Weights in f16 need the adapter's shader-f16 feature; web-llm's Qwen records do not declare it. */
export function needsShaderF16(record: WebLlmRecord): boolean {
  return (
    (record.required_features ?? []).includes('shader-f16') ||
    /f16/.test(splitModelId(record.model_id).quantization)
  );
}

export interface ModelGroup {
  base: string;
  variants: WebLlmRecord[];
}

export function groupByBase(records: readonly WebLlmRecord[]): ModelGroup[] {
  return groupBy(records, (r) => splitModelId(r.model_id).base).map(([base, variants]) => ({
    base,
    variants,
  }));
}

const PREFERENCE = ['q4f16_1', 'q4f32_1', 'q0f16', 'q0f32'];

/**
 * The variant to run here: q4 before unquantised, f16 only where the adapter has
 * shader-f16. Null when no variant can run on this adapter.
 */
export function pickVariant(group: ModelGroup, shaderF16: boolean): WebLlmRecord | null {
  const usable = group.variants.filter((v) => shaderF16 || !needsShaderF16(v));
  const rank = (r: WebLlmRecord) => {
    const i = PREFERENCE.indexOf(splitModelId(r.model_id).quantization);
    return i < 0 ? PREFERENCE.length : i;
  };
  return [...usable].sort((a, b) => rank(a) - rank(b))[0] ?? null;
}

const MB = 1024 * 1024;

/** Whether a record can load on this adapter, and why not. `deviceMemoryGb` is the browser's rounded RAM figure. */
export function webLlmFit(
  record: WebLlmRecord,
  adapter: AdapterFacts | null,
  deviceMemoryGb: number | null,
): Fit {
  if (!adapter)
    return {
      ok: false,
      reason: 'Needs WebGPU, which this browser does not offer. Use transformers.js on WASM.',
    };
  if (needsShaderF16(record) && !adapter.shaderF16) {
    return {
      ok: false,
      reason: "Needs the 'shader-f16' GPU feature, which this adapter lacks: use the q4f32 variant.",
    };
  }
  if (adapter.limits.maxStorageBufferBindingSize < FULL_BINDING_SIZE && !record.low_resource_required) {
    return {
      ok: false,
      reason: `This GPU binds at most ${Math.round(adapter.limits.maxStorageBufferBindingSize / MB)} MiB per buffer; this model needs a full 1 GiB binding.`,
    };
  }
  if (
    record.buffer_size_required_bytes !== undefined &&
    adapter.limits.maxBufferSize < record.buffer_size_required_bytes
  ) {
    return { ok: false, reason: 'Needs larger GPU buffers than this adapter allows.' };
  }
  const vram = record.vram_required_MB;
  if (vram !== undefined && deviceMemoryGb !== null && vram > deviceMemoryGb * 1024 * 0.75) {
    return {
      ok: true,
      reason: `Needs about ${(vram / 1024).toFixed(1)} GB of GPU memory; this browser reports about ${deviceMemoryGb} GB of RAM (a capped figure), so it may not fit.`,
    };
  }
  return { ok: true };
}

const pretty = (base: string) => base.replace(/-/g, ' ');

export function webLlmEntry(record: WebLlmRecord): CatalogEntry {
  const { base, quantization } = splitModelId(record.model_id);
  const context = record.overrides?.context_window_size;
  return {
    key: `webllm:${record.model_id}`,
    runtime: 'webllm',
    modelId: record.model_id,
    label: `${pretty(base)} · ${quantization}`,
    family: base.split('-').slice(0, 1).join(''),
    sizeMB: record.vram_required_MB ?? null,
    quantization,
    contextWindow: typeof context === 'number' ? context : null,
    lowResource: record.low_resource_required === true,
    devices: ['webgpu'],
    randomWeights: false,
    note: 'web-llm (MLC) on WebGPU. Weights download from Hugging Face on first use, then load from the browser cache.',
  };
}

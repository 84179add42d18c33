/** Facts about this browser and GPU, as read by the device probe. Pure data, no DOM. */
import type { GpuRoofline } from './roofline';

export interface GpuLimits {
  maxStorageBufferBindingSize: number;
  maxBufferSize: number;
  maxComputeWorkgroupStorageSize: number;
  maxStorageBuffersPerShaderStage: number;
}

export interface AdapterFacts {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  isFallbackAdapter: boolean;
  features: string[];
  shaderF16: boolean;
  limits: GpuLimits;
}

export type WebGpuUnavailableReason =
  'insecure-context' | 'no-navigator-gpu' | 'no-adapter' | 'adapter-error' | 'device-error';

export type WebGpuStatus =
  | { available: true; adapter: AdapterFacts }
  | { available: false; reason: WebGpuUnavailableReason; detail: string };

export interface StorageFacts {
  usageBytes: number | null;
  quotaBytes: number | null;
  persisted: boolean | null;
}

export interface DeviceReport {
  webgpu: WebGpuStatus;
  storage: StorageFacts;
  crossOriginIsolated: boolean;
  hardwareConcurrency: number | null;
  /** navigator.deviceMemory: Chromium only, rounded and capped by the browser. */
  deviceMemoryGb: number | null;
  userAgent: string;
  probedAt: string;
  /** The GPU's measured bandwidth and compute, when a user ran the probe in this browser (kept with its date). */
  roofline?: GpuRoofline;
}

/** A human name for the adapter: the description when the browser gives one. */
export function adapterName(a: AdapterFacts): string {
  const parts = [a.description, [a.vendor, a.architecture].filter(Boolean).join(' ')];
  return parts.find((p) => p.trim() !== '')?.trim() ?? 'unknown GPU';
}

export interface Badge {
  text: string;
  tone: 'ok' | 'limited' | 'none';
}

export function deviceBadge(report: DeviceReport): Badge {
  const gpu = report.webgpu;
  if (!gpu.available) return { text: 'No WebGPU · WASM only', tone: 'none' };
  const short = gpu.adapter.architecture || gpu.adapter.vendor || adapterName(gpu.adapter);
  const f16 = gpu.adapter.shaderF16 ? 'f16' : 'no f16';
  const limited = limitShortfalls(gpu.adapter.limits).length > 0;
  return { text: `WebGPU · ${short} · ${f16}`, tone: limited ? 'limited' : 'ok' };
}

export interface UnavailableExplanation {
  title: string;
  why: string;
  fix: string;
}

const WASM_FALLBACK = 'On-device models can still run on the CPU through the WASM runtime (slower).';

export function explainUnavailable(reason: WebGpuUnavailableReason, detail: string): UnavailableExplanation {
  switch (reason) {
    case 'insecure-context':
      return {
        title: 'WebGPU is unavailable: this page is not a secure context',
        why: 'Browsers expose WebGPU only on https:// pages and on http://localhost.',
        fix: `Open Qwenfit over https or from localhost. ${WASM_FALLBACK}`,
      };
    case 'no-navigator-gpu':
      return {
        title: 'WebGPU is unavailable: this browser does not offer it',
        why: 'navigator.gpu is missing. WebGPU ships in Chrome and Edge 113+, Safari 26+ and Firefox 141+ (Windows); elsewhere it may sit behind a flag.',
        fix: `Use a current Chrome or Edge, or turn WebGPU on in this browser's flags. ${WASM_FALLBACK}`,
      };
    case 'no-adapter':
      return {
        title: 'WebGPU is unavailable: no GPU adapter was found',
        why: 'The browser supports WebGPU but returned no adapter: the GPU or its driver may be blocklisted, hardware acceleration may be off, or the machine has no usable GPU.',
        fix: `Turn on hardware acceleration in the browser settings and update the GPU driver (chrome://gpu shows why). ${WASM_FALLBACK}`,
      };
    case 'adapter-error':
    case 'device-error':
      return {
        title: `WebGPU is unavailable: the ${reason === 'adapter-error' ? 'adapter request' : 'device request'} failed`,
        why: detail || 'The browser gave no reason.',
        fix: `Reload the page; if it persists, restart the browser. ${WASM_FALLBACK}`,
      };
  }
}

export interface LimitRequirement {
  key: keyof GpuLimits;
  label: string;
  /** Minimum web-llm asks of a device before it loads any model. */
  minimum: number;
  why: string;
}

const MiB = 1024 * 1024;

/** web-llm 0.2.86 `detectGPUDevice` minimums (shared/reference/webllm.md section 4). */
export const WEBLLM_LIMITS: LimitRequirement[] = [
  {
    key: 'maxStorageBufferBindingSize',
    label: 'Max storage buffer binding',
    minimum: 128 * MiB,
    why: 'Largest weight tensor one shader can bind; below 1 GiB only low-resource models load.',
  },
  {
    key: 'maxBufferSize',
    label: 'Max buffer size',
    minimum: 256 * MiB,
    why: 'Largest single GPU allocation (KV cache, weight shards).',
  },
  {
    key: 'maxComputeWorkgroupStorageSize',
    label: 'Max workgroup storage',
    minimum: 32 * 1024,
    why: 'Shared memory per workgroup that the attention kernels use.',
  },
  {
    key: 'maxStorageBuffersPerShaderStage',
    label: 'Storage buffers per stage',
    minimum: 10,
    why: 'Buffers one kernel may read and write at once.',
  },
];

/** Limits below what web-llm requires: each one stops every web-llm model from loading. */
export function limitShortfalls(limits: GpuLimits): LimitRequirement[] {
  return WEBLLM_LIMITS.filter((r) => limits[r.key] < r.minimum);
}

/** Below this binding size web-llm runs only models flagged `low_resource_required`. */
export const FULL_BINDING_SIZE = 1024 * MiB;

export function isLowResourceDevice(limits: GpuLimits): boolean {
  return limits.maxStorageBufferBindingSize < FULL_BINDING_SIZE;
}

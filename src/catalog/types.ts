import type { ComputeDevice, OnDeviceRuntime } from '../core/engine-types';

export interface Fit {
  ok: boolean;
  /** Why it does not fit, or a caution when it does. */
  reason?: string;
}

/** One on-device model a user can pick. */
export interface CatalogEntry {
  /** Unique across runtimes: `${runtime}:${modelId}`. */
  key: string;
  runtime: OnDeviceRuntime;
  modelId: string;
  label: string;
  family: string;
  /** VRAM (web-llm) or download size, in MB, when known. */
  sizeMB: number | null;
  quantization: string;
  contextWindow: number | null;
  lowResource: boolean;
  devices: ComputeDevice[];
  /** Random weights: exercises the pipeline, says nothing about quality. */
  randomWeights: boolean;
  note?: string;
}

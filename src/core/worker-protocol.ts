import type { AppError, ChatEvent, ChatRequest, LoadProgress } from './engine-types';

/** What a comlink proxy callback returns inside the worker: a promise of delivery. */
export type Delivery = void | Promise<void>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export interface LoadReport {
  /** Download + initialisation, in ms, measured in the worker. */
  loadMs: number;
  /** First tiny generation (GPU shader compilation, WASM warm-up), in ms. */
  warmupMs: number;
  /** Where it actually runs after load: 'webgpu' or 'wasm'. */
  device: string;
  detail: Record<string, string | number>;
}

/**
 * What every on-device worker exposes through comlink. Events are pushed through the
 * `onEvent` proxy with the worker's own clock in `t`; the page re-stamps them on arrival.
 * Failures come back as data (`Result`), never as thrown errors, because comlink keeps
 * only name, message and stack of an Error.
 */
export interface OnDeviceWorkerApi<LoadOptions> {
  load(opts: LoadOptions, onProgress: (p: LoadProgress) => Delivery): Promise<Result<LoadReport>>;
  generate(req: ChatRequest, onEvent: (e: ChatEvent) => Delivery): Promise<void>;
  interrupt(): void;
  unload(): Promise<void>;
  /** performance.timeOrigin of the worker, to put worker timestamps on the page's clock. */
  timeOrigin(): number;
}

export interface TransformersLoadOptions {
  kind: 'transformers';
  modelId: string;
  device: 'webgpu' | 'wasm';
  dtype: 'fp32' | 'fp16' | 'q8' | 'q4' | 'q4f16';
  /** Path (not URL) of a folder of local models, e.g. '/models/'; null for the Hub only. */
  localModelPath: string | null;
  allowRemoteModels: boolean;
  /** A host other than the Hugging Face Hub, for models served from a custom URL. */
  remoteHost: string | null;
  /** Served copies of ONNX Runtime's wasm files: no CDN is ever used. */
  wasmPaths: { mjs: string; wasm: string };
}

export interface WebLlmLoadOptions {
  kind: 'webllm';
  modelId: string;
  /** Absolute URL of the weights folder (Hugging Face repo or a self-hosted mirror). */
  modelUrl: string;
  /** Absolute URL of the compiled model library (.wasm) built for this web-llm version. */
  modelLibUrl: string;
  /** Overrides merged into the model's mlc-chat-config, e.g. context_window_size. */
  overrides: Record<string, number>;
  cacheBackend: 'cache' | 'indexeddb';
}

export type OnDeviceLoadOptions = TransformersLoadOptions | WebLlmLoadOptions;

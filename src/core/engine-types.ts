/** The one contract every engine speaks, on-device or remote (shared DESIGN.md). */
import type { ToolSpec } from './suite';

export type Role = 'system' | 'user' | 'assistant' | 'tool';

export interface ChatMessage {
  role: Role;
  content: string;
  /** Images as data: URLs, for vision models; sent as image_url content parts. */
  images?: string[];
}

export interface ToolCall {
  id: string;
  name: string;
  /** Raw JSON text as the model produced it; graders parse it. */
  arguments: string;
}

export interface ChatRequest {
  messages: ChatMessage[];
  max_tokens?: number;
  temperature?: number;
  top_p?: number;
  seed?: number;
  stop?: string[];
  /** Qwen3 hybrid thinking; undefined leaves the model's default. */
  thinking?: boolean;
  response_format?: { type: 'text' } | { type: 'json_object'; schema?: string };
  /** Functions the model may call; on-device engines get them written into the prompt instead. */
  tools?: ToolSpec[];
}

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  /** Prompt tokens served from the provider's cache, when it says. */
  cached_tokens?: number;
  /** True when counted by the app because the engine reported no usage. */
  estimated?: boolean;
  /** What the provider says it billed, in USD (OpenRouter's usage.cost), when it says. */
  cost?: number;
}

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'abort' | 'error';

export type ErrorCode =
  // runs and on-device engines
  | 'aborted'
  | 'load-cancelled'
  | 'unloaded'
  | 'webgpu-unavailable'
  | 'shader-f16-missing'
  | 'device-lost'
  | 'worker-crashed'
  | 'quota-exceeded'
  | 'storage-unavailable'
  | 'model-too-large'
  | 'context-exceeded'
  | 'model-not-found'
  | 'not-in-catalog'
  | 'offline'
  | 'download-failed'
  | 'download-declined'
  | 'engine-busy'
  | 'engine-error'
  // remote endpoints
  | 'endpoint-removed'
  | 'auth'
  | 'forbidden'
  | 'remote-model-not-found'
  | 'rate-limited'
  | 'server-error'
  | 'bad-request'
  | 'timeout'
  | 'stalled'
  | 'network'
  | 'cors'
  | 'stream-interrupted'
  | 'malformed-stream'
  | 'provider-error';

/** An error as data: crosses worker boundaries intact and tells the user what to do. */
export interface AppError {
  code: ErrorCode;
  message: string;
  /** The way forward, in words. */
  action: string;
  /** The original engine text, for the curious and for bug reports. */
  detail?: string;
}

export type ChatEvent =
  | { type: 'reasoning'; text: string; t: number }
  | { type: 'content'; text: string; t: number }
  | { type: 'tool_call'; call: ToolCall; t: number }
  | { type: 'usage'; usage: Usage; engineStats?: Record<string, number>; t: number }
  | { type: 'done'; finishReason: FinishReason; t: number }
  /** The request is sent again (attempt 2, 3…) after a refusal it may retry: time is measured from here. */
  | { type: 'retry'; attempt: number; t: number }
  | { type: 'error'; error: AppError; t: number };

export type OnDeviceRuntime = 'webllm' | 'transformers';
export type Runtime = OnDeviceRuntime | 'remote';
/** Where an on-device model computes: the GPU through WebGPU, or the CPU through WASM. */
export type ComputeDevice = 'webgpu' | 'wasm';

export interface EngineInfo {
  runtime: Runtime;
  modelId: string;
  /** Where it runs: 'webgpu', 'wasm', or a remote host. */
  where: string;
  /** Remote models: the endpoint by its name and base URL (never its key), so two on one host stay apart. */
  endpoint?: EndpointRef;
}

export interface EndpointRef {
  name: string;
  baseUrl: string;
}

export interface LoadProgress {
  phase: 'downloading' | 'loading-cache' | 'compiling' | 'initialising' | 'ready';
  /** 0..1 within the phase, or null when unknown. */
  fraction: number | null;
  loadedBytes?: number;
  totalBytes?: number;
  text: string;
}

export interface ChatEngine {
  readonly info: EngineInfo;
  load?(onProgress: (p: LoadProgress) => void, signal?: AbortSignal): Promise<void>;
  chat(req: ChatRequest, signal: AbortSignal): AsyncIterable<ChatEvent>;
  unload?(): Promise<void>;
}

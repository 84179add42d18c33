import type { AppError, ErrorCode } from './engine-types';
import { appError } from './error-catalog';

/** Raw engine text -> the error code it means; the words live in the error catalog. */
interface Rule {
  code: ErrorCode;
  test: RegExp;
}

/**
 * web-llm errors cross its worker boundary as "Name: message" strings and only
 * IntegrityError is exported, so matching is by name and text, never by class. Order
 * matters: the first rule wins.
 */
const RULES: Rule[] = [
  { code: 'unloaded', test: /model is not loaded/i },
  { code: 'aborted', test: /\bAbortError\b|aborted by the user|The operation was aborted/i },
  {
    code: 'webgpu-unavailable',
    test: /WebGPUNotAvailableError|Unable to find a compatible GPU|navigator\.gpu|no available backend found.*webgpu|webgpu is not supported|WebGPU is not available/i,
  },
  { code: 'shader-f16-missing', test: /ShaderF16SupportError|shader-f16|f16 is not supported/i },
  { code: 'device-lost', test: /DeviceLostError|device (?:was |is )?lost|GPUDevice.*lost/i },
  { code: 'quota-exceeded', test: /QuotaExceededError|quota (?:has been )?exceeded|storage quota/i },
  {
    code: 'context-exceeded',
    test: /ContextWindowSizeExceeded|exceeds? the (?:model's )?context window|maximum context length|prompt is longer than the context/i,
  },
  {
    code: 'model-too-large',
    test: /out of memory|\bOOM\b|exceeds the (?:max|limit)|maxBufferSize|maxStorageBufferBindingSize|Cannot allocate|allocation failed/i,
  },
  {
    code: 'model-not-found',
    test: /\b404\b|Not Found|ModelNotFoundError|Could not locate file|SpecifiedModelNotFoundError|MissingModelError/i,
  },
  { code: 'offline', test: /ERR_INTERNET_DISCONNECTED|you are offline|navigator\.onLine/i },
  {
    code: 'download-failed',
    test: /Failed to fetch|NetworkError|network error|fetch failed|ERR_|Load failed|status (?:code )?[45]\d\d/i,
  },
];

function rawText(raw: unknown): string {
  if (raw instanceof Error)
    return raw.name && !raw.message.startsWith(raw.name) ? `${raw.name}: ${raw.message}` : raw.message;
  if (typeof raw === 'string') return raw;
  try {
    return JSON.stringify(raw);
  } catch {
    return String(raw);
  }
}

export function toAppError(raw: unknown): AppError {
  if (raw instanceof EngineError) return raw.app;
  if (isAppError(raw)) return raw;
  const detail = rawText(raw);
  return appError(RULES.find((r) => r.test.test(detail))?.code ?? 'engine-error', {}, detail);
}

export function isAppError(x: unknown): x is AppError {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as { code?: unknown }).code === 'string' &&
    typeof (x as { message?: unknown }).message === 'string' &&
    typeof (x as { action?: unknown }).action === 'string'
  );
}

/** An Error that carries an AppError, so a rejected promise keeps its category. */
export class EngineError extends Error {
  readonly app: AppError;
  constructor(app: AppError) {
    super(app.message);
    this.name = 'EngineError';
    this.app = app;
  }
}

/** Errors after which the engine is gone (its worker or GPU device died): load it again. */
export function isDeadEngine(error: AppError | null): boolean {
  return error?.code === 'worker-crashed' || error?.code === 'device-lost';
}

import type { AppError, ErrorCode } from './engine-types';

interface Rule {
  code: ErrorCode;
  test: RegExp;
  message: string;
  action: string;
}

/**
 * Raw engine failures -> categorised errors with a way forward. web-llm errors cross its
 * worker boundary as "Name: message" strings and only IntegrityError is exported, so
 * matching is by name and text, never by class. Order matters: the first rule wins.
 */
const RULES: Rule[] = [
  {
    code: 'aborted',
    test: /\bAbortError\b|aborted by the user|The operation was aborted/i,
    message: 'Stopped before it finished.',
    action: 'Start it again when you are ready.',
  },
  {
    code: 'webgpu-unavailable',
    test: /WebGPUNotAvailableError|Unable to find a compatible GPU|navigator\.gpu|no available backend found.*webgpu|webgpu is not supported|WebGPU is not available/i,
    message: 'WebGPU is not available in this browser, so this runtime cannot run here.',
    action:
      'Use the WASM runtime (transformers.js on the CPU) instead, or open Qwenfit in a browser with WebGPU.',
  },
  {
    code: 'shader-f16-missing',
    test: /ShaderF16SupportError|shader-f16|f16 is not supported/i,
    message: "This GPU lacks the 'shader-f16' feature that q4f16 models need.",
    action: 'Pick the q4f32 variant of the same model.',
  },
  {
    code: 'device-lost',
    test: /DeviceLostError|device (?:was |is )?lost|GPUDevice.*lost/i,
    message: 'The GPU device was lost (often out of memory, or the driver reset).',
    action: 'Reload the model. If it happens again, pick a smaller model or close other GPU-heavy tabs.',
  },
  {
    code: 'quota-exceeded',
    test: /QuotaExceededError|quota (?:has been )?exceeded|storage quota/i,
    message: 'The browser refused to store more: the storage quota is full.',
    action: 'Delete cached models on the Models screen, or ask for persistent storage, then retry.',
  },
  {
    code: 'model-too-large',
    test: /out of memory|\bOOM\b|exceeds the (?:max|limit)|maxBufferSize|maxStorageBufferBindingSize|Cannot allocate|allocation failed/i,
    message: 'The model does not fit in the memory this device offers.',
    action: 'Pick a smaller model or a lower-precision variant.',
  },
  {
    code: 'model-not-found',
    test: /\b404\b|Not Found|ModelNotFoundError|Could not locate file|SpecifiedModelNotFoundError|MissingModelError/i,
    message: 'The model files were not found where they were looked for.',
    action: 'Check the model id or the mirror URL; self-hosted mirrors need absolute URLs.',
  },
  {
    code: 'offline',
    test: /ERR_INTERNET_DISCONNECTED|you are offline|navigator\.onLine/i,
    message: 'This browser is offline, so the model cannot be downloaded.',
    action: 'Reconnect and retry; files already downloaded are kept in the cache.',
  },
  {
    code: 'download-failed',
    test: /Failed to fetch|NetworkError|network error|fetch failed|ERR_|Load failed|status (?:code )?[45]\d\d/i,
    message: 'Downloading the model failed.',
    action: 'Check the connection and retry; files already downloaded are kept in the cache.',
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
  const rule = RULES.find((r) => r.test.test(detail));
  if (rule) return { code: rule.code, message: rule.message, action: rule.action, detail };
  return {
    code: 'engine-error',
    message: 'The engine failed.',
    action: 'Retry; if it happens again, reload the model (details below help a bug report).',
    detail,
  };
}

/** The categorised error for a known code, for failures the app detects before any engine runs. */
export function appErrorFor(code: ErrorCode, detail?: string): AppError {
  const rule = RULES.find((r) => r.code === code);
  const base = rule
    ? { code, message: rule.message, action: rule.action }
    : { code, message: 'The engine failed.', action: 'Retry.' };
  return detail === undefined ? base : { ...base, detail };
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

import type { AppError, ErrorCode } from './engine-types';

/** What a message may name about the failure it describes. */
export interface ErrorFacts {
  /** The model the request asked for. */
  model?: string;
  /** The HTTP status the endpoint answered with. */
  status?: number;
  /** The provider's own words, from its error body or an in-stream error. */
  said?: string | null;
  /** What the provider's users need to know on auth failures (e.g. DashScope regions). */
  authHint?: string;
  /** The limit that ran out, in seconds. */
  seconds?: number;
}

type Words = string | ((f: ErrorFacts) => string);
interface Entry {
  message: Words;
  /** The way forward, in words. */
  action: Words;
}

const hint = (f: ErrorFacts) => (f.authHint ? ` ${f.authHint}` : '');
const secs = (f: ErrorFacts) => f.seconds ?? '?';

/**
 * Every error a user can meet, in words, with the way forward: one table, so a new code
 * without words is a compile error and no screen invents its own.
 */
export const ERROR_CATALOG: Record<ErrorCode, Entry> = {
  aborted: {
    message: 'Stopped before it finished.',
    action: 'Start it again when you are ready.',
  },
  'load-cancelled': {
    message: 'Loading was cancelled.',
    action: 'Load the model again when ready.',
  },
  unloaded: {
    message: 'The model was unloaded.',
    action: 'Load it again to use it.',
  },
  'webgpu-unavailable': {
    message: 'WebGPU is not available in this browser, so this runtime cannot run here.',
    action:
      'Use the WASM runtime (transformers.js on the CPU) instead, or open Qwenfit in a browser with WebGPU.',
  },
  'shader-f16-missing': {
    message: "This GPU lacks the 'shader-f16' feature that q4f16 models need.",
    action: 'Pick the q4f32 variant of the same model.',
  },
  'device-lost': {
    message: 'The GPU device was lost (often out of memory, or the driver reset).',
    action: 'Reload the model. If it happens again, pick a smaller model or close other GPU-heavy tabs.',
  },
  'worker-crashed': {
    message: 'The model worker stopped unexpectedly (often out of memory).',
    action: 'Load the model again; if it repeats, pick a smaller model.',
  },
  'quota-exceeded': {
    message: 'The browser refused to store more: the storage quota is full.',
    action: 'Delete cached models on the Models screen, or ask for persistent storage, then retry.',
  },
  'storage-unavailable': {
    message: 'This browser refused to open the results database, so results are not kept.',
    action: 'Leave private browsing, or allow site data for this page, then reload.',
  },
  'model-too-large': {
    message: 'The model does not fit in the memory this device offers.',
    action: 'Pick a smaller model or a lower-precision variant.',
  },
  'context-exceeded': {
    message: "The prompt is longer than the model's context window.",
    action: 'Pick a model with a longer context, or shorten the prompt (fewer earlier turns or documents).',
  },
  'model-not-found': {
    message: 'The model files were not found where they were looked for.',
    action: 'Check the model id or the mirror URL; self-hosted mirrors need absolute URLs.',
  },
  'not-in-catalog': {
    message: 'This model is no longer in the catalog (a custom model that was removed, or an older version).',
    action: 'Pick another model, or add the custom model again in the Playground.',
  },
  offline: {
    message: 'This browser is offline.',
    action: 'Reconnect, then retry; model files already downloaded stay in the cache.',
  },
  'download-failed': {
    message: 'Downloading the model failed.',
    action: 'Check the connection and retry; files already downloaded are kept in the cache.',
  },
  'download-declined': {
    message: 'The model was not downloaded: the download was declined.',
    action:
      'Run again and allow the download, or pick a model already in this browser (the Models screen lists them).',
  },
  'engine-busy': {
    message: 'This model is already generating a reply.',
    action: 'Wait for it to finish or stop it, then send again.',
  },
  'engine-error': {
    message: 'The engine failed.',
    action: 'Retry; if it happens again, reload the model (details below help a bug report).',
  },
  'endpoint-removed': {
    message: 'This endpoint was removed in Settings.',
    action: "Pick another endpoint's model, or add the endpoint again in Settings.",
  },
  auth: {
    message: 'The endpoint rejected the API key (401).',
    action: (f) => `Check the key in Settings.${hint(f)}`,
  },
  forbidden: {
    message:
      'The endpoint refused access (403): the key lacks permission, the account is in arrears, or the region is not allowed.',
    action: (f) => `Check the account and the key's permissions.${hint(f)}`,
  },
  'remote-model-not-found': {
    message: (f) =>
      `The endpoint does not know the model “${f.model ?? ''}”, or the base URL is wrong (404).`,
    action:
      'Pick a model the endpoint lists (Test connection shows them) and check the base URL ends in /v1.',
  },
  'rate-limited': {
    message: 'The endpoint is rate-limiting these requests (429).',
    action: 'Lower the concurrency or wait; quota errors need a higher plan or a top-up.',
  },
  'server-error': {
    message: (f) => `The endpoint failed (${f.status ?? '5xx'}).`,
    action: 'Retry later; the provider may be overloaded.',
  },
  'bad-request': {
    message: (f) => `The endpoint refused the request (${f.status ?? 400})${f.said ? `: ${f.said}` : '.'}`,
    action: 'Check the model name and the parameters (for example thinking, which some models do not take).',
  },
  timeout: {
    message: (f) => `No response within ${secs(f)} s.`,
    action: 'Check that the endpoint is up, or raise the connect timeout in Settings.',
  },
  stalled: {
    message: (f) => `The stream stalled: nothing arrived for ${secs(f)} s. The output so far is kept.`,
    action: 'Retry, or raise the idle timeout in Settings for slow reasoning models.',
  },
  network: {
    message: 'The endpoint could not be reached (connection refused, DNS failure or the network is down).',
    action: 'Check the base URL and that the server is running, then retry.',
  },
  cors: {
    message: 'The endpoint answered, but its CORS policy does not let this page read the reply.',
    action:
      "Turn on “Use the Qwenfit proxy” for this endpoint in Settings (npm start and npm run dev relay it), or allow this page's origin on the server.",
  },
  'stream-interrupted': {
    message: 'The stream ended before the reply finished. The output so far is kept, marked incomplete.',
    action: 'Retry; check the network or the server logs.',
  },
  'malformed-stream': {
    message: 'The endpoint sent a chunk that is not valid JSON; the output so far is kept.',
    action: 'Retry; if it repeats, the server or a proxy in between is mangling the stream.',
  },
  'provider-error': {
    message: (f) =>
      `The endpoint reported an error mid-reply: ${f.said ?? 'no message'}. The output so far is kept.`,
    action: 'Retry; if it repeats, check the provider status page.',
  },
};

/** A limit in milliseconds as the messages say it: whole seconds, tenths below ten. */
export const seconds = (ms: number): number => Number((ms / 1000).toFixed(ms < 10_000 ? 1 : 0));

const words = (w: Words, f: ErrorFacts) => (typeof w === 'string' ? w : w(f));

/** The error for a code, in the catalog's words; `detail` keeps the raw text for bug reports. */
export function appError(code: ErrorCode, facts: ErrorFacts = {}, detail?: string): AppError {
  const entry = ERROR_CATALOG[code];
  const base = { code, message: words(entry.message, facts), action: words(entry.action, facts) };
  return detail === undefined ? base : { ...base, detail };
}

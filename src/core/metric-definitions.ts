/**
 * The definitions behind every figure: shown on hover in the UI and written into every
 * exported file, so a number never travels without its meaning.
 */
export const METRIC_DEFINITIONS = {
  t0: 'performance.now() on the page right before the request leaves (fetch for remote, the worker call for on-device); for a retried request, before the attempt that answered (the wait and the retry count are kept apart, in retry_wait_ms and http_retries).',
  ttft_ms: 'Time to first token: from t0 to the first reasoning or content token the page receives.',
  ttfo_ms: 'Time to first output: from t0 to the first content or tool-call token (reasoning excluded).',
  e2e_ms: 'End-to-end: from t0 to the last event of the reply.',
  decode_tokens_per_s:
    'Decode speed: (completion_tokens - 1) / (e2e - TTFT), from page-side times; for a reply cut by an error or a timeout, up to its last token (an idle wait before the cut is not decoding).',
  prefill_tokens_per_s: 'Prefill speed: prompt_tokens / TTFT.',
  tokens:
    "Token counts come from the engine's usage; without usage, each streamed piece counts as one token and the count is marked estimated.",
  run_kind:
    "cold: the first reply after a model load (kernels and caches still warming), or a comparison's warm-up run; warm: every other reply. Cold runs are left out of a comparison's statistics unless included.",
  percentiles:
    'P50 and P95 by linear interpolation between closest ranks over the counted runs (errors and stopped runs excluded); a P95 from fewer than 20 samples is marked provisional.',
  engine_stats:
    "The engine's own figures measured where it runs (inside the worker, or web-llm's usage.extra), kept beside the page-side ones.",
  network:
    "A remote request's network split, from the browser's Resource Timing entry for it: set-up = fetch() to the request leaving (queueing, connection, TLS, CORS preflight); server = the request leaving to the first byte of the response (the server's time to its headers plus one round trip). Only when the server sends Timing-Allow-Origin; without it the browser hides these times and none is kept.",
  cost: 'prompt_tokens (minus cached) x input price + cached_tokens x cached price + completion_tokens x output price, per million tokens, from the dated price table.',
} as const;

export type MetricName = keyof typeof METRIC_DEFINITIONS;

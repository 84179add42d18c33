import type { ChatEvent, FinishReason, Usage } from './engine-types';

/**
 * Page-side metrics of one generation, per the definitions exported with every result:
 * t0 is performance.now() right before the request that answered leaves (a retried
 * request's wait is kept apart, in engineStats retry_wait_ms); TTFT is the first reasoning
 * or content token; TTFO the first content or tool-call token; e2e the last event;
 * decode tokens/s = (completion_tokens - 1) / (e2e - TTFT), to the last token for a reply cut
 * by an error or timeout; prefill tokens/s =
 * prompt_tokens / TTFT.
 */
export interface GenerationMetrics {
  ttftMs: number | null;
  ttfoMs: number | null;
  e2eMs: number | null;
  decodeTokensPerS: number | null;
  prefillTokensPerS: number | null;
  promptTokens: number | null;
  completionTokens: number;
  /** True while or when the token counts come from counting streamed pieces. */
  tokensEstimated: boolean;
  finishReason: FinishReason | null;
  engineStats: Record<string, number>;
}

/** Accumulates events as they stream, so the UI can show live figures. */
export class MetricsTracker {
  readonly #start: number;
  #t0: number;
  #firstToken: number | null = null;
  #lastToken: number | null = null;
  #firstOutput: number | null = null;
  #last: number | null = null;
  #streamedPieces = 0;
  #usage: Usage | null = null;
  #finish: FinishReason | null = null;
  #engineStats: Record<string, number> = {};

  constructor(t0: number) {
    this.#start = t0;
    this.#t0 = t0;
  }

  push(e: ChatEvent): void {
    // A tool call is emitted once complete but stamped with its first fragment's time.
    this.#last = this.#last === null ? e.t : Math.max(this.#last, e.t);
    switch (e.type) {
      case 'reasoning':
      case 'content':
        if (e.text === '') return;
        this.#firstToken ??= e.t;
        this.#lastToken = Math.max(this.#lastToken ?? e.t, e.t);
        if (e.type === 'content') this.#firstOutput ??= e.t;
        this.#streamedPieces++;
        return;
      case 'tool_call':
        this.#firstOutput ??= e.t;
        return;
      case 'retry':
        // The failed attempts and the wait between them are not the answering request's latency.
        this.#t0 = e.t;
        this.#engineStats = {
          ...this.#engineStats,
          http_retries: e.attempt - 1,
          retry_wait_ms: e.t - this.#start,
        };
        return;
      case 'usage':
        this.#usage = e.usage;
        this.#engineStats = { ...e.engineStats, ...this.#engineStats };
        return;
      case 'done':
        this.#finish = e.finishReason;
        return;
      case 'error':
        this.#finish = 'error';
        return;
    }
  }

  /** Figures so far; `now` stands in for the last event while streaming. */
  snapshot(now?: number): GenerationMetrics {
    const end = this.#finish === null && now !== undefined ? now : this.#last;
    const rel = (t: number | null) => (t === null ? null : t - this.#t0);
    const ttft = rel(this.#firstToken);
    const e2e = rel(end);
    const completion = this.#usage?.completion_tokens ?? this.#streamedPieces;
    const estimated = this.#usage === null || this.#usage.estimated === true;
    const prompt = this.#usage?.prompt_tokens ?? null;
    return {
      ttftMs: ttft,
      ttfoMs: rel(this.#firstOutput),
      e2eMs: e2e,
      // A reply cut by an error or a timeout is timed to its last token: the idle wait before the
      // cut is not decoding. A finished reply keeps e2e, which network batching cannot shrink.
      decodeTokensPerS: decodeRate(
        completion,
        ttft,
        this.#finish === 'error' && this.#lastToken !== null ? rel(this.#lastToken) : e2e,
      ),
      prefillTokensPerS: prompt !== null && ttft !== null && ttft > 0 ? prompt / (ttft / 1000) : null,
      promptTokens: prompt,
      completionTokens: completion,
      tokensEstimated: estimated,
      finishReason: this.#finish,
      engineStats: this.#engineStats,
    };
  }
}

export function decodeRate(
  completionTokens: number,
  ttftMs: number | null,
  e2eMs: number | null,
): number | null {
  if (ttftMs === null || e2eMs === null || completionTokens < 2) return null;
  const span = e2eMs - ttftMs;
  return span > 0 ? (completionTokens - 1) / (span / 1000) : null;
}

export function computeMetrics(t0: number, events: readonly ChatEvent[]): GenerationMetrics {
  const tracker = new MetricsTracker(t0);
  for (const e of events) tracker.push(e);
  return tracker.snapshot();
}

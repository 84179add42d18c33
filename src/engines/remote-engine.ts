import type { AppError, ChatEngine, ChatEvent, ChatRequest, EngineInfo } from '../core/engine-types';
import { PROXY_TARGET_HEADER, endpointUrl, type RemoteEndpoint } from '../core/endpoint';
import { appError, seconds } from '../core/error-catalog';
import { httpError, isRetryable, redact } from '../core/http-errors';
import { backoffMs, chatBody, retryAfterMs } from '../core/remote-request';
import { flattenBatches } from '../core/flatten-batches';
import { chatEventBatches, jsonBodyEvents } from './chat-stream';
import { trackRequest, type TrackedRequest } from './resource-timing';

const now = () => performance.now();

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

/** How long a finished reply waits for the browser to file its request's timing entry. */
const TIMING_WAIT_MS = 1_000;

/**
 * The last batch of a reply that finished (its usage and done) with the request's network
 * split added to the usage's engine stats; any other batch as it is.
 */
async function withNetworkStats(batch: ChatEvent[], sent: TrackedRequest): Promise<ChatEvent[]> {
  const at = batch.findIndex((e) => e.type === 'usage');
  const usage = batch[at];
  if (usage?.type !== 'usage' || !batch.some((e) => e.type === 'done' && e.finishReason !== 'abort'))
    return batch;
  const stats = await sent.stats(TIMING_WAIT_MS);
  if (!stats) return batch;
  const out = [...batch];
  out[at] = { ...usage, engineStats: { ...usage.engineStats, ...stats } };
  return out;
}

/**
 * The client of one OpenAI-compatible Chat Completions endpoint: plain fetch (no SDK
 * headers to break CORS preflights), connect timeout, retries on 429/5xx honouring
 * Retry-After, HTTP failures in the catalog's words, and the key redacted from every
 * message. The response body becomes events in chat-stream.ts.
 */
export class RemoteEngine implements ChatEngine {
  readonly info: EngineInfo;

  constructor(
    private readonly endpoint: RemoteEndpoint,
    private readonly model: string,
    private readonly apiKey: string | null,
    private readonly authHint?: string,
  ) {
    this.info = {
      runtime: 'remote',
      modelId: model,
      where: new URL(endpoint.baseUrl).host,
      endpoint: { name: endpoint.name, baseUrl: endpoint.baseUrl },
    };
  }

  #headers(): Record<string, string> {
    const h: Record<string, string> = { 'Content-Type': 'application/json' };
    if (this.apiKey) h.Authorization = `Bearer ${this.apiKey}`;
    if (this.endpoint.useProxy) h[PROXY_TARGET_HEADER] = this.endpoint.baseUrl;
    return h;
  }

  #clean(e: AppError): AppError {
    const clean = { ...e, message: redact(e.message, this.apiKey), action: redact(e.action, this.apiKey) };
    return e.detail ? { ...clean, detail: redact(e.detail, this.apiKey) } : clean;
  }

  #error(e: AppError): ChatEvent {
    return { type: 'error', error: this.#clean(e), t: now() };
  }

  /** Errors in a batch with the key redacted; the batch itself when it holds none. */
  #cleaned(events: ChatEvent[]): ChatEvent[] {
    if (!events.some((e) => e.type === 'error')) return events;
    return events.map((e) => (e.type === 'error' ? this.#error(e.error) : e));
  }

  #connectTimeout(): AppError {
    return appError('timeout', { seconds: seconds(this.endpoint.connectTimeoutMs) });
  }

  #httpError(res: Response, body: string): AppError {
    return httpError(res.status, body, {
      model: this.model,
      ...(this.authHint ? { authHint: this.authHint } : {}),
    });
  }

  chat(req: ChatRequest, signal: AbortSignal): AsyncIterableIterator<ChatEvent> {
    return flattenBatches(this.#batches(req, signal));
  }

  /** The reply's events a batch at a time (see chatEventBatches), across retries. */
  async *#batches(req: ChatRequest, signal: AbortSignal): AsyncGenerator<ChatEvent[]> {
    const url = endpointUrl(this.endpoint, '/chat/completions');
    const body = JSON.stringify(chatBody(req, this.model, this.endpoint.thinking));
    const stopped: ChatEvent = { type: 'done', finishReason: 'abort', t: 0 };
    for (let attempt = 0; ; attempt++) {
      // Time is measured from the attempt that answers; the wait before it is kept apart.
      if (attempt > 0) yield [{ type: 'retry', attempt: attempt + 1, t: now() }];
      const connect = new AbortController();
      const timer = setTimeout(() => connect.abort(), this.endpoint.connectTimeoutMs);
      const init: RequestInit = {
        method: 'POST',
        headers: this.#headers(),
        body,
        signal: AbortSignal.any([signal, connect.signal]),
      };
      let res: Response;
      let sent: TrackedRequest;
      try {
        sent = trackRequest(url);
        res = await fetch(url, init);
      } catch (e) {
        if (signal.aborted) return yield [{ ...stopped, t: now() }];
        if (connect.signal.aborted) return yield [this.#error(this.#connectTimeout())];
        return yield [this.#error(await this.#networkError(url, e))];
      } finally {
        clearTimeout(timer);
      }
      if (!res.ok) {
        const text = await res.text().catch(() => '');
        if (isRetryable(res.status) && attempt < this.endpoint.maxRetries) {
          try {
            await sleep(retryAfterMs(res.headers.get('retry-after')) ?? backoffMs(attempt), signal);
          } catch {
            return yield [{ ...stopped, t: now() }];
          }
          continue;
        }
        return yield [this.#error(this.#httpError(res, text))];
      }
      // Some providers (DashScope, for some request errors) answer 200 with a JSON body, not a stream.
      if ((res.headers.get('content-type') ?? '').includes('application/json')) {
        const events = jsonBodyEvents(await res.text().catch(() => ''), now);
        return yield this.#cleaned(await withNetworkStats(events, sent));
      }
      const batches = chatEventBatches(res.body ?? new ReadableStream<Uint8Array>(), {
        idleTimeoutMs: this.endpoint.idleTimeoutMs,
        signal,
        now,
      });
      for await (const batch of batches) yield this.#cleaned(await withNetworkStats(batch, sent));
      return;
    }
  }

  /** A one-token chat: catches a key that lists models but may not chat. Null when it answered. */
  async probeChat(): Promise<AppError | null> {
    const signal = AbortSignal.timeout(this.endpoint.connectTimeoutMs + this.endpoint.idleTimeoutMs);
    const request = {
      messages: [{ role: 'user' as const, content: 'Reply with OK.' }],
      max_tokens: 1,
      temperature: 0,
    };
    for await (const event of this.chat(request, signal)) if (event.type === 'error') return event.error;
    return signal.aborted ? this.#clean(this.#connectTimeout()) : null;
  }

  /** GET /models: the connection check. A server without the route still counts as reachable. */
  async listModels(): Promise<{ ok: true; models: string[] } | { ok: false; message: string }> {
    const url = endpointUrl(this.endpoint, '/models');
    const signal = AbortSignal.timeout(this.endpoint.connectTimeoutMs);
    const failed = (e: AppError) => {
      const clean = this.#clean(e);
      return { ok: false as const, message: `${clean.message} ${clean.action}` };
    };
    let res: Response;
    try {
      res = await fetch(url, { headers: this.#headers(), signal });
    } catch (e) {
      return failed(signal.aborted ? this.#connectTimeout() : await this.#networkError(url, e));
    }
    if (res.status === 404) return { ok: true, models: [] };
    if (!res.ok) return failed(this.#httpError(res, await res.text().catch(() => '')));
    try {
      const body = (await res.json()) as { data?: { id?: unknown }[] };
      return { ok: true, models: (body.data ?? []).flatMap((m) => (typeof m.id === 'string' ? [m.id] : [])) };
    } catch {
      return { ok: true, models: [] };
    }
  }

  /** fetch says only "Failed to fetch": a no-cors probe tells a CORS block (server reachable) from a dead network. */
  async #networkError(url: string, e: unknown): Promise<AppError> {
    if (!navigator.onLine) return appError('offline', {}, String(e));
    // Stamped like a request, so its timing entry is not taken for another one's.
    trackRequest(url);
    const reachable = await fetch(url, { mode: 'no-cors', method: 'GET' }).then(
      () => true,
      () => false,
    );
    return appError(reachable && !this.endpoint.useProxy ? 'cors' : 'network', {}, String(e));
  }
}

import { createParser } from 'eventsource-parser';
import type { ChatEngine, ChatEvent, ChatRequest, EngineInfo, AppError } from '../core/engine-types';
import { PROXY_TARGET_HEADER, endpointUrl, type RemoteEndpoint } from '../core/endpoint';
import { httpError, isRetryable, redact } from '../core/http-errors';
import { OpenAIStreamDecoder, type ChatChunk } from '../core/openai-stream';
import { backoffMs, chatBody, retryAfterMs } from '../core/remote-request';

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

class Timeout extends Error {
  constructor(readonly phase: 'connect' | 'idle') {
    super(`${phase} timeout`);
  }
}

/**
 * Any OpenAI-compatible Chat Completions endpoint, streamed with plain fetch (no SDK
 * headers to break CORS preflights) and eventsource-parser. Every event is stamped with
 * the page's performance.now() as it is parsed.
 */
export class RemoteEngine implements ChatEngine {
  readonly info: EngineInfo;

  constructor(
    private readonly endpoint: RemoteEndpoint,
    private readonly model: string,
    private readonly apiKey: string | null,
    private readonly authHint?: string,
  ) {
    this.info = { runtime: 'remote', modelId: model, where: new URL(endpoint.baseUrl).host };
  }

  #headers(): Record<string, string> {
    const h: Record<string, string> = { 'Content-Type': 'application/json' };
    if (this.apiKey) h.Authorization = `Bearer ${this.apiKey}`;
    if (this.endpoint.useProxy) h[PROXY_TARGET_HEADER] = this.endpoint.baseUrl;
    return h;
  }

  #error(e: AppError): ChatEvent {
    const clean = { ...e, message: redact(e.message, this.apiKey) };
    return {
      type: 'error',
      error: e.detail ? { ...clean, detail: redact(e.detail, this.apiKey) } : clean,
      t: now(),
    };
  }

  async *chat(req: ChatRequest, signal: AbortSignal): AsyncGenerator<ChatEvent> {
    const url = endpointUrl(this.endpoint, '/chat/completions');
    const body = JSON.stringify(chatBody(req, this.model, this.endpoint.thinking));
    let retries = 0;
    for (let attempt = 0; ; attempt++) {
      const connect = new AbortController();
      const timer = setTimeout(() => connect.abort(new Timeout('connect')), this.endpoint.connectTimeoutMs);
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: this.#headers(),
          body,
          signal: AbortSignal.any([signal, connect.signal]),
        });
      } catch (e) {
        clearTimeout(timer);
        if (signal.aborted) return yield* this.#aborted(null);
        if (connect.signal.aborted) {
          return yield this.#error({
            code: 'timeout',
            message: `No response within ${Math.round(this.endpoint.connectTimeoutMs / 1000)} s.`,
            action: 'Check that the endpoint is up, or raise the connect timeout in Settings.',
          });
        }
        return yield this.#error(await this.#networkError(url, e));
      }
      clearTimeout(timer);
      if (!res.ok) {
        const text = await res.text().catch(() => '');
        if (isRetryable(res.status) && attempt < this.endpoint.maxRetries) {
          retries++;
          try {
            await sleep(retryAfterMs(res.headers.get('retry-after')) ?? backoffMs(attempt), signal);
          } catch {
            return yield* this.#aborted(null);
          }
          continue;
        }
        const hint = this.authHint ? { authHint: this.authHint } : {};
        return yield this.#error(httpError(res.status, text, { model: this.model, ...hint }));
      }
      return yield* this.#stream(res, signal, retries);
    }
  }

  async *#aborted(decoder: OpenAIStreamDecoder | null, pieces = 0): AsyncGenerator<ChatEvent> {
    if (decoder) yield* decoder.end(now(), () => estimate(pieces)).filter((e) => e.type === 'usage');
    yield { type: 'done', finishReason: 'abort', t: now() };
  }

  async *#stream(res: Response, signal: AbortSignal, retries: number): AsyncGenerator<ChatEvent> {
    const decoder = new OpenAIStreamDecoder();
    const pending: ChatEvent[] = [];
    let done = false;
    let failure: AppError | null = null;
    let pieces = 0;
    const parser = createParser({
      onEvent: (ev) => {
        if (done || failure) return;
        if (ev.data === '[DONE]') {
          done = true;
          return;
        }
        let chunk: ChatChunk;
        try {
          chunk = JSON.parse(ev.data) as ChatChunk;
        } catch {
          failure = {
            code: 'malformed-stream',
            message: 'The endpoint sent a chunk that is not valid JSON; the output so far is kept.',
            action: 'Retry; if it repeats, the server or a proxy in between is mangling the stream.',
            detail: ev.data.slice(0, 200),
          };
          return;
        }
        if (chunk.error) {
          failure = {
            code: 'provider-error',
            message: `The endpoint reported an error mid-reply: ${chunk.error.message ?? 'no message'}. The output so far is kept.`,
            action: 'Retry; if it repeats, check the provider status page.',
            detail: JSON.stringify(chunk.error).slice(0, 300),
          };
          return;
        }
        const events = decoder.push(chunk, now());
        pieces += events.length;
        pending.push(...events);
      },
    });
    const reader = (res.body ?? new ReadableStream<Uint8Array>()).getReader();
    const text = new TextDecoder();
    try {
      while (!done && !failure) {
        const next = await this.#readWithIdleTimeout(reader);
        if (next.done) {
          parser.feed(text.decode());
          break;
        }
        parser.feed(text.decode(next.value, { stream: true }));
        yield* pending.splice(0);
      }
      yield* pending.splice(0);
    } catch (e) {
      yield* pending.splice(0);
      void reader.cancel().catch(() => undefined);
      if (signal.aborted) return yield* this.#aborted(decoder, pieces);
      if (e instanceof Timeout) {
        return yield this.#error({
          code: 'timeout',
          message: `The stream stalled: nothing arrived for ${Math.round(this.endpoint.idleTimeoutMs / 1000)} s. The output so far is kept.`,
          action: 'Retry, or raise the idle timeout in Settings for slow reasoning models.',
        });
      }
      return yield this.#error({
        code: 'stream-interrupted',
        message: 'The connection dropped mid-reply. The output so far is kept, marked incomplete.',
        action: 'Retry; check the network or the server logs.',
        detail: String(e),
      });
    }
    void reader.cancel().catch(() => undefined);
    if (failure) return yield this.#error(failure);
    if (!done && decoder.finishReason === null) {
      return yield this.#error({
        code: 'stream-interrupted',
        message: 'The stream ended before the reply finished. The output so far is kept, marked incomplete.',
        action: 'Retry; check the network or the server logs.',
      });
    }
    const end = decoder.end(now(), () => estimate(pieces));
    if (retries > 0) {
      const usage = end.find((e) => e.type === 'usage');
      if (usage?.type === 'usage') usage.engineStats = { ...usage.engineStats, http_retries: retries };
    }
    yield* end;
    yield { type: 'done', finishReason: decoder.finishReason ?? 'stop', t: now() };
  }

  async #readWithIdleTimeout(
    reader: ReadableStreamDefaultReader<Uint8Array>,
  ): Promise<ReadableStreamReadResult<Uint8Array>> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const idle = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Timeout('idle')), this.endpoint.idleTimeoutMs);
    });
    try {
      return await Promise.race([reader.read(), idle]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** GET /models: the connection check. A server without the route still counts as reachable. */
  async listModels(): Promise<{ ok: true; models: string[] } | { ok: false; message: string }> {
    const url = endpointUrl(this.endpoint, '/models');
    const signal = AbortSignal.timeout(this.endpoint.connectTimeoutMs);
    let res: Response;
    try {
      res = await fetch(url, { headers: this.#headers(), signal });
    } catch (e) {
      const err = signal.aborted
        ? {
            message: `No response within ${Math.round(this.endpoint.connectTimeoutMs / 1000)} s.`,
            action: 'Check the URL and that the server is up.',
          }
        : await this.#networkError(url, e);
      return { ok: false, message: redact(`${err.message} ${err.action}`, this.apiKey) };
    }
    if (res.status === 404) return { ok: true, models: [] };
    if (!res.ok) {
      const err = httpError(res.status, await res.text().catch(() => ''), {
        model: '',
        ...(this.authHint ? { authHint: this.authHint } : {}),
      });
      return { ok: false, message: redact(`${err.message} ${err.action}`, this.apiKey) };
    }
    try {
      const body = (await res.json()) as { data?: { id?: unknown }[] };
      return { ok: true, models: (body.data ?? []).flatMap((m) => (typeof m.id === 'string' ? [m.id] : [])) };
    } catch {
      return { ok: true, models: [] };
    }
  }

  /** fetch says only "Failed to fetch": a no-cors probe tells a CORS block (server reachable) from a dead network. */
  async #networkError(url: string, e: unknown): Promise<AppError> {
    if (!navigator.onLine) {
      return {
        code: 'network',
        message: 'This browser is offline.',
        action: 'Reconnect, then retry.',
        detail: String(e),
      };
    }
    const reachable = await fetch(url, { mode: 'no-cors', method: 'GET' }).then(
      () => true,
      () => false,
    );
    if (reachable && !this.endpoint.useProxy) {
      return {
        code: 'cors',
        message: 'The endpoint answered, but its CORS policy does not let this page read the reply.',
        action:
          "Turn on “Use the Qwenfit proxy” for this endpoint in Settings (npm start and npm run dev relay it), or allow this page's origin on the server.",
        detail: String(e),
      };
    }
    return {
      code: 'network',
      message: 'The endpoint could not be reached (connection refused, DNS failure or the network is down).',
      action: 'Check the base URL and that the server is running, then retry.',
      detail: String(e),
    };
  }
}

/** Without a usage chunk, each streamed piece counts as one token: marked estimated. */
function estimate(pieces: number) {
  return { prompt_tokens: 0, completion_tokens: pieces, total_tokens: pieces };
}

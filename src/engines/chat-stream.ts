import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { AppError, ChatEvent, Usage } from '../core/engine-types';
import { appError, seconds } from '../core/error-catalog';
import { OpenAIStreamDecoder, type ChatChunk, type ChunkToolCallDelta } from '../core/openai-stream';

export interface ChatStreamOptions {
  /** How long the stream may stay silent before it counts as stalled. */
  idleTimeoutMs: number;
  /** The request's signal: when it aborts, the reply ends as stopped, not failed. */
  signal: AbortSignal;
  /** The clock every event is stamped with. */
  now?: () => number;
}

class IdleTimeout extends Error {}

/**
 * An OpenAI-compatible streaming response body, as chat events: SSE framing by
 * eventsource-parser, chunks decoded as they arrive, tool calls merged. It never
 * throws: a stall, a dropped connection, a bad chunk or an in-stream error ends the events
 * with an error event after the output so far; an abort ends them as stopped. Events come
 * one batch per network read (the parser calls back synchronously while a read is fed),
 * so a fast stream pays no promise per event; flattenBatches serves them one by one.
 */
export async function* chatEventBatches(
  body: ReadableStream<Uint8Array>,
  { idleTimeoutMs, signal, now = () => performance.now() }: ChatStreamOptions,
): AsyncGenerator<ChatEvent[]> {
  const decoder = new OpenAIStreamDecoder();
  const reader = body.getReader();
  const text = new TextDecoder();
  const messages: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (m) => messages.push(m) });
  const error = (e: AppError): ChatEvent => ({ type: 'error', error: e, t: now() });
  const guard = idleGuard(reader, idleTimeoutMs);
  let pieces = 0;
  let finished = false;
  try {
    while (!finished) {
      const next = await guard.read();
      // Every chunk of one read arrived together: one timestamp for them all.
      const t = now();
      parser.feed(next.done ? text.decode() : text.decode(next.value, { stream: true }));
      const events: ChatEvent[] = [];
      for (const { data } of messages.splice(0)) {
        if (data === '[DONE]') {
          finished = true;
          break;
        }
        let chunk: ChatChunk;
        try {
          chunk = JSON.parse(data) as ChatChunk;
        } catch {
          return yield [...events, error(appError('malformed-stream', {}, data.slice(0, 200)))];
        }
        if (chunk.error) {
          const said = chunk.error.message ?? null;
          const detail = JSON.stringify(chunk.error).slice(0, 300);
          return yield [...events, error(appError('provider-error', { said }, detail))];
        }
        decoder.push(chunk, t, events);
      }
      pieces += events.length;
      if (events.length > 0) yield events;
      if (next.done) break;
    }
  } catch (e) {
    if (signal.aborted) {
      const usage = decoder.end(now(), () => estimate(pieces)).filter((ev) => ev.type === 'usage');
      return yield [...usage, { type: 'done', finishReason: 'abort', t: now() }];
    }
    if (e instanceof IdleTimeout)
      return yield [error(appError('stalled', { seconds: seconds(idleTimeoutMs) }))];
    return yield [error(appError('stream-interrupted', {}, `connection dropped: ${String(e)}`))];
  } finally {
    guard.stop();
    void reader.cancel().catch(() => undefined);
  }
  if (!finished && decoder.finishReason === null)
    return yield [
      error(appError('stream-interrupted', {}, 'the body ended with no finish reason and no [DONE]')),
    ];
  yield [
    ...decoder.end(now(), () => estimate(pieces)),
    { type: 'done', finishReason: decoder.finishReason ?? 'stop', t: now() },
  ];
}

/**
 * Reads that fail once one has waited `ms` for data. One timer, re-armed only when it
 * fires, instead of one per read: a fast stream has a hundred thousand reads. A stall
 * cancels the reader, which ends the read in flight.
 */
function idleGuard<T>(reader: ReadableStreamDefaultReader<T>, ms: number) {
  let since = performance.now();
  let reading = false;
  let stalled = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const check = () => {
    const waited = performance.now() - since;
    if (reading && waited >= ms) {
      stalled = true;
      void reader.cancel().catch(() => undefined);
    } else timer = setTimeout(check, reading ? ms - waited : ms);
  };
  timer = setTimeout(check, ms);
  return {
    async read(): Promise<ReadableStreamReadResult<T>> {
      reading = true;
      since = performance.now();
      try {
        const next = await reader.read();
        if (stalled) throw new IdleTimeout();
        return next;
      } finally {
        reading = false;
      }
    },
    stop: () => clearTimeout(timer),
  };
}

/** Without a usage chunk, each streamed piece counts as one token: marked estimated. */
function estimate(pieces: number): Usage {
  return { prompt_tokens: 0, completion_tokens: pieces, total_tokens: pieces };
}

/**
 * A 200 answer that is one JSON document instead of a stream: a provider's error (its own
 * words kept), or a whole completion (read as the events a stream would have carried).
 */
export function jsonBodyEvents(text: string, now: () => number): ChatEvent[] {
  const error = (e: AppError): ChatEvent[] => [{ type: 'error', error: e, t: now() }];
  let body: ChatChunk & {
    choices?: { message?: { content?: string | null; tool_calls?: ChunkToolCallDelta[] } }[];
  };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return error(appError('malformed-stream', {}, text.slice(0, 200)));
  }
  const loose = body as { code?: unknown; message?: unknown };
  if (body.error || (typeof loose.code === 'string' && typeof loose.message === 'string')) {
    const said = body.error?.message ?? (typeof loose.message === 'string' ? loose.message : null);
    return error(appError('provider-error', { said }, text.slice(0, 300)));
  }
  const message = body.choices?.[0]?.message;
  if (!message) return error(appError('malformed-stream', {}, text.slice(0, 200)));
  // One chunk with the whole message as its delta: the decoder merges tool calls as for a stream.
  const decoder = new OpenAIStreamDecoder();
  const t = now();
  const events = decoder.push(
    {
      choices: [
        {
          delta: {
            content: message.content ?? null,
            tool_calls: (message.tool_calls ?? []).map((c, index) => ({ index, ...c })),
          },
          finish_reason: body.choices?.[0]?.finish_reason ?? 'stop',
        },
      ],
      usage: body.usage ?? null,
    },
    t,
  );
  return [
    ...events,
    ...decoder.end(t, () => estimate(events.length)),
    { type: 'done', finishReason: decoder.finishReason ?? 'stop', t },
  ];
}

import type { AppError, ChatEngine, ChatRequest, ToolCall, Usage } from '../core/engine-types';
import { MetricsTracker, type GenerationMetrics } from '../core/metrics';
import { replyCost, type Cost, type Price } from '../core/prices';
import type { FrameBatcher, FrameSink } from './frame-batcher';

/** The reactive fields a screen shows while a reply streams in. */
export interface ReplyView {
  content: string;
  reasoning: string;
  toolCalls: ToolCall[];
  metrics: GenerationMetrics | null;
  error: AppError | null;
  cost: Cost | null;
}

/**
 * Streams one reply into `view` with live metrics; t0 is taken right before the request
 * leaves. With a batcher the view changes once an animation frame, else once an event.
 * Returns the engine's usage (null when it sent none).
 */
export async function streamReply(
  engine: ChatEngine,
  request: ChatRequest,
  signal: AbortSignal,
  view: ReplyView,
  price: Price | null,
  batcher?: FrameBatcher,
): Promise<Usage | null> {
  let usage: Usage | null = null;
  let content = '';
  let reasoning = '';
  let oldest: number | null = null;
  const tracker = new MetricsTracker(performance.now());
  const sink: FrameSink = {
    get oldestPending() {
      return oldest;
    },
    flush() {
      if (content) view.content += content;
      if (reasoning) view.reasoning += reasoning;
      content = reasoning = '';
      oldest = null;
      view.metrics = tracker.snapshot(performance.now());
    },
  };
  try {
    for await (const event of engine.chat(request, signal)) {
      tracker.push(event);
      if (event.type === 'content') content += event.text;
      else if (event.type === 'reasoning') reasoning += event.text;
      else if (event.type === 'tool_call') view.toolCalls.push(event.call);
      else if (event.type === 'error') view.error = event.error;
      else if (event.type === 'usage') {
        usage = event.usage;
        view.cost = replyCost(event.usage, price);
      }
      oldest ??= event.t;
      if (batcher) batcher.mark(sink);
      else sink.flush();
    }
  } finally {
    if (batcher) batcher.drain(sink);
    else sink.flush();
    view.metrics = tracker.snapshot();
  }
  return usage;
}

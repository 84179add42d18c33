import type { ChatEvent, FinishReason, ToolCall, Usage } from './engine-types';

/** The parts of an OpenAI-compatible `chat.completion.chunk` that Qwenfit reads. */
export interface ChunkToolCallDelta {
  index?: number;
  id?: string | null;
  type?: string;
  function?: { name?: string | null; arguments?: string | null };
}

export interface ChatChunk {
  choices?: {
    index?: number;
    delta?: {
      content?: string | null;
      reasoning_content?: string | null;
      reasoning?: string | null;
      tool_calls?: ChunkToolCallDelta[] | null;
    };
    finish_reason?: string | null;
  }[];
  usage?:
    | (Usage & {
        completion_tokens_details?: { reasoning_tokens?: number };
        prompt_tokens_details?: { cached_tokens?: number };
        /** OpenRouter: what the request was billed, in USD credits. */
        cost?: number;
      })
    | null;
  error?: { message?: string; code?: string | number; type?: string } | null;
}

interface PendingCall {
  id: string;
  name: string;
  arguments: string;
  firstAt: number;
}

const FINISH: readonly FinishReason[] = ['stop', 'length', 'tool_calls'];

/**
 * Turns parsed stream chunks into engine events. Tool-call fragments are merged by index;
 * a fragment that reuses an index with a different id (Ollama-style servers send every
 * parallel call at index 0) starts a new call. Each call is emitted once, complete, at the
 * end, stamped with the time of its first fragment.
 */
export class OpenAIStreamDecoder {
  #calls: PendingCall[] = [];
  #byIndex = new Map<number, PendingCall>();
  #finish: FinishReason | null = null;
  #usage: ChatChunk['usage'] = null;

  get finishReason(): FinishReason | null {
    return this.#finish;
  }

  /** The chunk's events, appended to `out` (a batch shared by a read's chunks) and returned. */
  push(chunk: ChatChunk, t: number, out: ChatEvent[] = []): ChatEvent[] {
    for (const choice of chunk.choices ?? []) {
      const d = choice.delta ?? {};
      const reasoning = d.reasoning_content ?? d.reasoning;
      if (reasoning) out.push({ type: 'reasoning', text: reasoning, t });
      if (d.content) out.push({ type: 'content', text: d.content, t });
      for (const frag of d.tool_calls ?? []) this.#mergeCall(frag, t);
      if (choice.finish_reason) {
        const f = choice.finish_reason as FinishReason;
        this.#finish = FINISH.includes(f) ? f : 'stop';
      }
    }
    if (chunk.usage) this.#usage = chunk.usage;
    return out;
  }

  /** Completed tool calls and the usage, at the end of a stream that finished normally. */
  end(t: number, estimatedUsage: () => Usage): ChatEvent[] {
    const out: ChatEvent[] = this.#calls.map((c) => ({
      type: 'tool_call',
      call: { id: c.id, name: c.name, arguments: c.arguments } satisfies ToolCall,
      t: c.firstAt,
    }));
    const usage = this.#usage;
    out.push({
      type: 'usage',
      usage: usage
        ? {
            prompt_tokens: usage.prompt_tokens,
            completion_tokens: usage.completion_tokens,
            total_tokens: usage.total_tokens,
            ...(typeof usage.cost === 'number' && usage.cost >= 0 ? { cost: usage.cost } : {}),
          }
        : { ...estimatedUsage(), estimated: true },
      ...(usage?.completion_tokens_details?.reasoning_tokens !== undefined
        ? { engineStats: { reasoning_tokens: usage.completion_tokens_details.reasoning_tokens } }
        : {}),
      t,
    });
    return out;
  }

  #mergeCall(frag: ChunkToolCallDelta, t: number): void {
    const index = frag.index ?? 0;
    let call = this.#byIndex.get(index);
    if (!call || (frag.id && call.id && frag.id !== call.id)) {
      call = { id: frag.id ?? `call_${this.#calls.length}`, name: '', arguments: '', firstAt: t };
      this.#byIndex.set(index, call);
      this.#calls.push(call);
    }
    if (frag.function?.name) call.name += frag.function.name;
    if (frag.function?.arguments) call.arguments += frag.function.arguments;
  }
}

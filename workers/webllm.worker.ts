/// <reference lib="webworker" />
import {
  MLCEngine,
  deleteModelAllInfoInCache,
  hasModelInCache,
  type AppConfig,
  type ChatCompletionChunk,
  type ChatCompletionRequestStreaming,
} from '@mlc-ai/web-llm';
import { expose } from 'comlink';
import { webLlmWeightsBase } from '../src/core/cache-keys';
import { toAppError } from '../src/core/engine-errors';
import type { ChatEvent, ChatRequest, FinishReason, LoadProgress } from '../src/core/engine-types';
import { ThinkParser } from '../src/core/think-parser';
import { fromWebLlmProgress } from '../src/core/webllm-progress';
import type {
  Delivery,
  LoadReport,
  OnDeviceWorkerApi,
  Result,
  WebLlmLoadOptions,
} from '../src/core/worker-protocol';
import { orderedSender } from './delivery';
import { yieldToEventLoop } from './yield';

let engine: MLCEngine | null = null;
let interrupted = false;

function appConfigFor(opts: WebLlmLoadOptions): AppConfig {
  return {
    model_list: [
      {
        model: opts.modelUrl,
        model_id: opts.modelId,
        model_lib: opts.modelLibUrl,
        overrides: opts.overrides,
      },
    ],
    cacheBackend: opts.cacheBackend,
  };
}

function requestFor(req: ChatRequest): ChatCompletionRequestStreaming {
  return {
    messages: req.messages.map((m) =>
      m.role === 'tool'
        ? { role: 'tool' as const, content: m.content, tool_call_id: 'call' }
        : { role: m.role, content: m.content },
    ),
    stream: true,
    stream_options: { include_usage: true },
    ...(req.max_tokens !== undefined ? { max_tokens: req.max_tokens } : {}),
    ...(req.temperature !== undefined ? { temperature: req.temperature } : {}),
    ...(req.top_p !== undefined ? { top_p: req.top_p } : {}),
    ...(req.seed !== undefined ? { seed: req.seed } : {}),
    ...(req.stop?.length ? { stop: req.stop } : {}),
    ...(req.response_format?.type === 'json_object'
      ? {
          response_format: {
            type: 'json_object',
            ...(req.response_format.schema ? { schema: req.response_format.schema } : {}),
          },
        }
      : {}),
    ...(req.thinking !== undefined ? { extra_body: { enable_thinking: req.thinking } } : {}),
  };
}

/** web-llm's `usage.extra` in seconds and tokens/s, flattened to numbers with units in the names. */
function engineStatsOf(chunk: ChatCompletionChunk): Record<string, number> {
  const extra = chunk.usage?.extra;
  if (!extra) return {};
  const stats: Record<string, number> = {};
  for (const [k, v] of Object.entries(extra)) if (typeof v === 'number') stats[`webllm_${k}`] = v;
  return stats;
}

function finishOf(reason: string | null | undefined): FinishReason | null {
  if (reason === 'stop' || reason === 'length' || reason === 'tool_calls' || reason === 'abort')
    return reason;
  return null;
}

/**
 * web-llm downloads through Cache.add(), whose failure says only "Request failed": the
 * HTTP status is lost. Asking the server again tells a missing file from a dead network.
 */
async function diagnose(e: unknown, opts: WebLlmLoadOptions): Promise<unknown> {
  if (!/Cache.*Request failed|Failed to fetch/i.test(String(e))) return e;
  for (const url of [
    new URL('mlc-chat-config.json', webLlmWeightsBase(opts.modelUrl)).href,
    opts.modelLibUrl,
  ]) {
    try {
      const res = await fetch(url, { method: 'GET', cache: 'no-store' });
      await res.body?.cancel();
      if (!res.ok) return `${res.status} ${res.statusText || 'error'} for ${url}`;
    } catch (probe) {
      return `${String(probe)} for ${url}`;
    }
  }
  return e;
}

const api = {
  async load(
    opts: WebLlmLoadOptions,
    onProgress: (p: LoadProgress) => Delivery,
  ): Promise<Result<LoadReport>> {
    const start = performance.now();
    const progress = orderedSender(onProgress);
    let compileStart: number | null = null;
    try {
      engine = new MLCEngine({
        appConfig: appConfigFor(opts),
        initProgressCallback: (r) => {
          const p = fromWebLlmProgress(r);
          if (p.phase === 'compiling') compileStart ??= performance.now();
          progress.send(p);
        },
      });
      await engine.reload(opts.modelId);
      const end = performance.now();
      await progress.settled();
      return {
        ok: true,
        value: {
          loadMs: end - start,
          // web-llm compiles its shaders inside reload(); that share is reported as warm-up.
          warmupMs: compileStart === null ? 0 : end - compileStart,
          device: 'webgpu',
          detail: { cacheBackend: opts.cacheBackend },
        },
      };
    } catch (e) {
      engine = null;
      await progress.settled();
      return { ok: false, error: toAppError(await diagnose(e, opts)) };
    }
  },

  async generate(req: ChatRequest, onEvent: (e: ChatEvent) => Delivery): Promise<void> {
    const events = orderedSender(onEvent);
    const emit = (e: ChatEvent) => events.send(e);
    try {
      if (!engine) throw new Error('The model is not loaded');
      interrupted = false;
      const think = new ThinkParser();
      const sendPieces = (pieces: ReturnType<ThinkParser['push']>) => {
        for (const p of pieces) emit({ type: p.kind, text: p.text, t: performance.now() });
      };
      let finish: FinishReason = 'stop';
      const stream = await engine.chat.completions.create(requestFor(req));
      for await (const chunk of stream) {
        const choice = chunk.choices[0];
        if (choice?.delta.content) sendPieces(think.push(choice.delta.content));
        finish = finishOf(choice?.finish_reason) ?? finish;
        if (chunk.usage) {
          emit({
            type: 'usage',
            usage: {
              prompt_tokens: chunk.usage.prompt_tokens,
              completion_tokens: chunk.usage.completion_tokens,
              total_tokens: chunk.usage.total_tokens,
            },
            engineStats: engineStatsOf(chunk),
            t: performance.now(),
          });
        }
        // Let an interrupt message in between chunks.
        await yieldToEventLoop();
      }
      sendPieces(think.end());
      emit({ type: 'done', finishReason: interrupted ? 'abort' : finish, t: performance.now() });
    } catch (e) {
      emit({ type: 'error', error: toAppError(e), t: performance.now() });
    } finally {
      await events.settled();
    }
  },

  interrupt(): void {
    interrupted = true;
    engine?.interruptGenerate();
  },

  async unload(): Promise<void> {
    await engine?.unload();
    engine = null;
  },

  timeOrigin(): number {
    return performance.timeOrigin;
  },

  /** Which of these models are fully in the cache (config, tokenizer and every shard). */
  async cachedModels(options: WebLlmLoadOptions[]): Promise<string[]> {
    const cached: string[] = [];
    for (const o of options)
      if (await hasModelInCache(o.modelId, appConfigFor(o)).catch(() => false)) cached.push(o.modelId);
    return cached;
  },

  async deleteFromCache(opts: WebLlmLoadOptions): Promise<Result<null>> {
    try {
      await deleteModelAllInfoInCache(opts.modelId, appConfigFor(opts));
      return { ok: true, value: null };
    } catch (e) {
      return { ok: false, error: toAppError(e) };
    }
  },
};

// The shared contract, checked without excess-property errors: the cache helpers are extra.
const _contract: OnDeviceWorkerApi<WebLlmLoadOptions> = api;
expose(api);
export type WebLlmWorkerApi = typeof api;

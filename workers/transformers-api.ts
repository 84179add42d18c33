/// <reference lib="webworker" />
import {
  AutoModelForCausalLM,
  AutoTokenizer,
  InterruptableStoppingCriteria,
  TextStreamer,
  env,
  type PreTrainedModel,
  type PreTrainedTokenizer,
  type ProgressInfo,
} from '@huggingface/transformers';
import { toAppError } from '../src/core/engine-errors';
import type { ChatEvent, ChatRequest, FinishReason, LoadProgress } from '../src/core/engine-types';
import type {
  Delivery,
  LoadReport,
  OnDeviceWorkerApi,
  Result,
  TransformersLoadOptions,
} from '../src/core/worker-protocol';
import { TokenStream } from './token-stream';
import { orderedSender } from './delivery';
import { yieldToEventLoop } from './yield';

let tokenizer: PreTrainedTokenizer | null = null;
let model: PreTrainedModel | null = null;
let stopping: InterruptableStoppingCriteria | null = null;
let interrupted = false;

function progressFrom(info: ProgressInfo): LoadProgress | null {
  if (info.status === 'progress_total') {
    return {
      phase: 'downloading',
      fraction: info.total > 0 ? info.loaded / info.total : null,
      loadedBytes: info.loaded,
      totalBytes: info.total,
      text: 'Downloading model files',
    };
  }
  if (info.status === 'initiate')
    return { phase: 'downloading', fraction: null, text: `Fetching ${info.file}` };
  return null;
}

/**
 * generate() awaits only promises that settle as microtasks on the WASM backend, so an
 * interrupt message from the page would wait until the reply is complete. One yield per
 * forward pass lets it in.
 */
function yieldBetweenSteps(m: PreTrainedModel): void {
  const forward = m.forward.bind(m);
  m.forward = async (inputs: unknown) => {
    await yieldToEventLoop();
    return forward(inputs);
  };
}

async function warmUp(): Promise<void> {
  if (!tokenizer || !model) return;
  const inputs = tokenizer('Hi', { return_tensor: true });
  await model.generate({ ...inputs, max_new_tokens: 2, do_sample: false });
}

/** The worker's whole API; transformers.worker.ts exposes it (a benchmark drives it in its own worker). */
export const api = {
  async load(
    opts: TransformersLoadOptions,
    onProgress: (p: LoadProgress) => Delivery,
  ): Promise<Result<LoadReport>> {
    const start = performance.now();
    // Ordered, and settled before returning: a report may not reach the page after the load's result.
    const progress = orderedSender(onProgress);
    try {
      env.allowLocalModels = opts.localModelPath !== null;
      if (opts.localModelPath !== null) env.localModelPath = opts.localModelPath;
      env.allowRemoteModels = opts.allowRemoteModels;
      if (opts.remoteHost !== null) {
        env.remoteHost = opts.remoteHost;
        env.remotePathTemplate = '{model}/';
      }
      const onnx = env.backends.onnx;
      if (onnx.wasm) onnx.wasm.wasmPaths = opts.wasmPaths;
      const progress_callback = (info: ProgressInfo) => {
        const p = progressFrom(info);
        if (p) progress.send(p);
      };
      tokenizer = await AutoTokenizer.from_pretrained(opts.modelId, { progress_callback });
      model = await AutoModelForCausalLM.from_pretrained(opts.modelId, {
        dtype: opts.dtype,
        device: opts.device,
        progress_callback,
      });
      yieldBetweenSteps(model);
      const loadMs = performance.now() - start;
      progress.send({
        phase: 'compiling',
        fraction: null,
        text: opts.device === 'webgpu' ? 'Compiling GPU shaders (first run)' : 'Warming up the WASM runtime',
      });
      const warmStart = performance.now();
      await warmUp();
      const warmupMs = performance.now() - warmStart;
      progress.send({ phase: 'ready', fraction: 1, text: 'Ready' });
      await progress.settled();
      return { ok: true, value: { loadMs, warmupMs, device: opts.device, detail: { dtype: opts.dtype } } };
    } catch (e) {
      tokenizer = null;
      model = null;
      await progress.settled();
      return { ok: false, error: toAppError(e) };
    }
  },

  async generate(req: ChatRequest, onEvent: (e: ChatEvent) => Delivery): Promise<void> {
    const events = orderedSender(onEvent);
    const emit = (e: ChatEvent) => events.send(e);
    if (!tokenizer || !model) {
      await onEvent({ type: 'error', error: toAppError('The model is not loaded'), t: performance.now() });
      return;
    }
    const tok = tokenizer;
    const start = performance.now();
    try {
      const inputs = tok.apply_chat_template(req.messages, {
        add_generation_prompt: true,
        return_dict: true,
        ...(req.thinking === undefined ? {} : { enable_thinking: req.thinking }),
      }) as { input_ids: { dims: number[] }; attention_mask: unknown };
      const promptTokens = inputs.input_ids.dims.at(-1) ?? 0;
      const window = (model.config as { max_position_embeddings?: number }).max_position_embeddings;
      // Past its position table the graph fails with an index error that names nothing useful.
      if (window !== undefined && promptTokens >= window)
        throw new Error(
          `ContextWindowSizeExceeded: the prompt is ${promptTokens} tokens; this model's context window is ${window}.`,
        );
      const maxNew = Math.min(req.max_tokens ?? 256, window === undefined ? Infinity : window - promptTokens);
      const stream = new TokenStream((ids) => tok.decode(ids, { skip_special_tokens: true }), emit, req.stop);
      stopping = new InterruptableStoppingCriteria();
      interrupted = false;
      const temperature = req.temperature ?? 0;
      await model.generate({
        ...inputs,
        max_new_tokens: maxNew,
        do_sample: temperature > 0,
        ...(temperature > 0 ? { temperature, top_p: req.top_p ?? 1 } : {}),
        // Only its per-token hook is used: TextStreamer's own text waits for whole words,
        // which would delay the first token the page sees.
        streamer: new TextStreamer(tok, {
          skip_prompt: true,
          callback_function: () => {},
          token_callback_function: (ids: bigint[]) => {
            const id = ids[0];
            if (id !== undefined && stream.push(Number(id))) stopping?.interrupt();
          },
        }),
        stopping_criteria: [stopping],
      });
      const reason: FinishReason = interrupted
        ? 'abort'
        : stream.stopped
          ? 'stop'
          : stream.tokenCount >= maxNew
            ? 'length'
            : 'stop';
      const first = stream.firstTokenAt;
      const last = stream.lastTokenAt;
      const engineStats: Record<string, number> = {};
      if (first !== null) engineStats.worker_ttft_ms = first - start;
      if (first !== null && last !== null) engineStats.worker_e2e_ms = last - start;
      if (first !== null && last !== null && last > first && stream.tokenCount > 1) {
        engineStats.worker_decode_tokens_per_s = (stream.tokenCount - 1) / ((last - first) / 1000);
      }
      emit({
        type: 'usage',
        usage: {
          prompt_tokens: promptTokens,
          completion_tokens: stream.tokenCount,
          total_tokens: promptTokens + stream.tokenCount,
        },
        engineStats,
        t: performance.now(),
      });
      stream.finish(reason);
    } catch (e) {
      emit({ type: 'error', error: toAppError(e), t: performance.now() });
    } finally {
      stopping = null;
      await events.settled();
    }
  },

  interrupt(): void {
    interrupted = true;
    stopping?.interrupt();
  },

  async unload(): Promise<void> {
    await model?.dispose();
    model = null;
    tokenizer = null;
  },

  timeOrigin(): number {
    return performance.timeOrigin;
  },
} satisfies OnDeviceWorkerApi<TransformersLoadOptions>;

import { getContext, setContext } from 'svelte';
import { onDeviceBlocker, type Playable } from '../catalog/catalog';
import { TINY_MODEL } from '../catalog/transformers-models';
import type { ComputeDevice } from '../core/engine-types';
import { isDeadEngine, toAppError } from '../core/engine-errors';
import { appError } from '../core/error-catalog';
import type { AppError, ChatEngine, ChatMessage, LoadProgress, ToolCall, Usage } from '../core/engine-types';
import type { GenerationMetrics } from '../core/metrics';
import type { Cost } from '../core/prices';
import { streamReply } from './reply-stream';
import { replyDraft } from './result-draft.svelte';
import type { LoadReport } from '../core/worker-protocol';
import type { OnDeviceEngine } from '../engines/ondevice-engine';
import { createOnDeviceEngine } from '../engines/ondevice-factory';
import type { DeviceState } from './device.svelte';
import type { EndpointsState } from './endpoints.svelte';
import type { ModelsState } from './models.svelte';
import type { PricesState } from './prices.svelte';
import { RunRecorder } from './run-recorder';
import type { StoreState } from './store.svelte';
import { DEFAULT_SAMPLING, chatRequest, type Sampling } from '../core/sampling';
import { parseRemoteKey } from '../core/picker-keys';

export interface Turn {
  role: 'user' | 'assistant';
  content: string;
  reasoning: string;
  toolCalls: ToolCall[];
  metrics: GenerationMetrics | null;
  error: AppError | null;
  /** The first generation after a load: caches and kernels still warming up. */
  cold: boolean;
  /** Priced from usage and the price table; null when on-device or no price is known. */
  cost: Cost | null;
  /** Why the result could not be stored, when it could not. */
  saveError: string | null;
}

type LoadState = 'idle' | 'loading' | 'ready' | 'error';

function newTurn(role: Turn['role'], content: string, cold: boolean): Turn {
  return {
    role,
    content,
    reasoning: '',
    toolCalls: [],
    metrics: null,
    error: null,
    cold,
    cost: null,
    saveError: null,
  };
}

/** The Playground: one on-device model, loaded in its own worker, and a chat with it. */
export class PlaygroundState {
  readonly #device: DeviceState;
  readonly #models: ModelsState;
  readonly #endpoints: EndpointsState;
  readonly #prices: PricesState;
  /** The stored run of this chat session: one per loaded model. */
  readonly #recorder: RunRecorder;
  selectedKey = $state<string>(TINY_MODEL.key);
  readonly selected: Playable | undefined;
  computeDevice = $state<ComputeDevice>('webgpu');
  #loaded = $state.raw<{ label: string; device: ComputeDevice | 'remote' } | null>(null);
  sampling = $state<Sampling>({ ...DEFAULT_SAMPLING });
  #loadState = $state<LoadState>('idle');
  #progress = $state.raw<LoadProgress | null>(null);
  #loadError = $state.raw<AppError | null>(null);
  #loadReport = $state.raw<LoadReport | null>(null);
  #loadWall = $state<number | null>(null);
  #turns = $state<Turn[]>([]);
  #generating = $state(false);
  #engine: ChatEngine | null = null;
  #generationsSinceLoad = 0;
  #loadAbort: AbortController | null = null;
  #chatAbort: AbortController | null = null;

  constructor(
    device: DeviceState,
    models: ModelsState,
    endpoints: EndpointsState,
    prices: PricesState,
    store: StoreState,
  ) {
    this.#prices = prices;
    this.#recorder = new RunRecorder(store, 'playground');
    this.#device = device;
    this.#models = models;
    this.#endpoints = endpoints;
    this.selected = $derived(this.#models.find(this.selectedKey));
  }

  get loadState(): LoadState {
    return this.#loadState;
  }
  get progress(): LoadProgress | null {
    return this.#progress;
  }
  get loadError(): AppError | null {
    return this.#loadError;
  }
  get loadReport(): LoadReport | null {
    return this.#loadReport;
  }
  /** Page-side wall time of the whole load, warm-up included. */
  get loadWallMs(): number | null {
    return this.#loadWall;
  }
  get turns(): readonly Turn[] {
    return this.#turns;
  }
  get generating(): boolean {
    return this.#generating;
  }
  get loadedLabel(): string | null {
    return this.#loaded && this.#loadState === 'ready'
      ? `${this.#loaded.label} · ${this.#loaded.device}`
      : null;
  }

  /** The device the selected model will run on: web-llm runs on WebGPU only. */
  get effectiveDevice(): ComputeDevice {
    return this.selected?.entry.runtime === 'webllm' ? 'webgpu' : this.computeDevice;
  }

  #shaderF16(): boolean {
    const gpu = this.#device.report?.webgpu;
    return gpu?.available === true && gpu.adapter.shaderF16;
  }

  get isRemote(): boolean {
    return parseRemoteKey(this.selectedKey) !== null;
  }

  async load(): Promise<void> {
    const remote = parseRemoteKey(this.selectedKey);
    if (remote) return this.#useRemote(remote.endpointId, remote.model);
    const selected = this.selected;
    if (!selected) return;
    await this.unload();
    const blocker = onDeviceBlocker(selected, this.#device.report);
    if (blocker) {
      this.#loadError = blocker;
      this.#loadState = 'error';
      return;
    }
    const device = this.effectiveDevice;
    const engine = createOnDeviceEngine(selected, device, this.#shaderF16());
    const abort = new AbortController();
    this.#engine = engine;
    this.#loadAbort = abort;
    this.#loadState = 'loading';
    this.#loadError = null;
    this.#progress = { phase: 'initialising', fraction: null, text: 'Starting the model worker' };
    const start = performance.now();
    try {
      await engine.load((p) => (this.#progress = p), abort.signal);
      this.#loadReport = (engine as OnDeviceEngine).loadReport;
      this.#loadWall = performance.now() - start;
      this.#loaded = { label: selected.entry.label, device };
      this.#generationsSinceLoad = 0;
      this.#recorder.reset();
      this.#loadState = 'ready';
    } catch (e) {
      this.#engine = null;
      this.#loadError = toAppError(e);
      this.#loadState = abort.signal.aborted ? 'idle' : 'error';
    } finally {
      this.#loadAbort = null;
    }
  }

  async #useRemote(endpointId: string, model: string): Promise<void> {
    await this.unload();
    const engine = this.#endpoints.engine(endpointId, model);
    if (!engine) {
      this.#loadError = appError('endpoint-removed', {}, `No endpoint ${endpointId}`);
      this.#loadState = 'error';
      return;
    }
    this.#engine = engine;
    this.#loaded = { label: `${model} @ ${engine.info.where}`, device: 'remote' };
    this.#generationsSinceLoad = 0;
    this.#recorder.reset();
    this.#loadState = 'ready';
  }

  cancelLoad(): void {
    this.#loadAbort?.abort();
  }

  async unload(): Promise<void> {
    this.stop();
    const engine = this.#engine;
    this.#engine = null;
    this.#loaded = null;
    this.#loadState = 'idle';
    this.#loadReport = null;
    this.#loadWall = null;
    this.#progress = null;
    await engine?.unload?.();
  }

  async send(text: string): Promise<void> {
    const engine = this.#engine;
    if (!engine || this.#generating || text.trim() === '') return;
    const history: ChatMessage[] = this.#turns
      .filter((t) => t.error === null)
      .map((t) => ({ role: t.role, content: t.content }));
    history.push({ role: 'user', content: text });
    this.#turns.push(newTurn('user', text, false));
    this.#turns.push(newTurn('assistant', '', this.#generationsSinceLoad++ === 0));
    const reply = this.#turns[this.#turns.length - 1] as Turn;
    const abort = new AbortController();
    this.#chatAbort = abort;
    this.#generating = true;
    const request = chatRequest(this.sampling, history);
    const remote = parseRemoteKey(this.selectedKey);
    const runReady = this.#recorder.begin(`Playground · ${engine.info.modelId}`);
    const price = remote ? this.#prices.find(remote.model) : null;
    const usage = await streamReply(engine, request, abort.signal, reply, price).finally(() => {
      this.#generating = false;
      this.#chatAbort = null;
    });
    await this.#saveResult(runReady, engine, text, reply, usage);
    if (isDeadEngine(reply.error)) {
      // The worker or its GPU device is gone: say so where the model is loaded, offer a reload.
      void this.#engine?.unload?.();
      this.#engine = null;
      this.#loaded = null;
      this.#loadError = reply.error;
      this.#loadState = 'error';
    }
  }

  /** Writes the reply the moment it completes, in its own transaction. */
  async #saveResult(
    runReady: Promise<string | null>,
    engine: ChatEngine,
    prompt: string,
    reply: Turn,
    usage: Usage | null,
  ) {
    reply.saveError = await this.#recorder.save(
      runReady,
      replyDraft(engine.info, reply, { cold: reply.cold, prompt, usage }),
    );
  }

  stop(): void {
    this.#chatAbort?.abort();
  }

  clear(): void {
    this.#turns = [];
  }
}

const KEY = Symbol('playground');
export const createPlaygroundState = (
  device: DeviceState,
  models: ModelsState,
  endpoints: EndpointsState,
  prices: PricesState,
  store: StoreState,
) => setContext(KEY, new PlaygroundState(device, models, endpoints, prices, store));
export const usePlaygroundState = () => getContext<PlaygroundState>(KEY);

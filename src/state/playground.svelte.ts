import { getContext, setContext } from 'svelte';
import type { Playable } from '../catalog/catalog';
import { TINY_MODEL } from '../catalog/transformers-models';
import { isDeadEngine } from '../core/engine-errors';
import { appError } from '../core/error-catalog';
import type {
  AppError,
  ChatEngine,
  ChatMessage,
  ComputeDevice,
  LoadProgress,
  ToolCall,
} from '../core/engine-types';
import type { GenerationMetrics } from '../core/metrics';
import { parseRemoteKey } from '../core/picker-keys';
import type { Cost } from '../core/prices';
import { DEFAULT_SAMPLING, chatRequest, type Sampling } from '../core/sampling';
import type { Target } from '../core/target';
import type { LoadReport } from '../core/worker-protocol';
import { OnDeviceEngine } from '../engines/ondevice-engine';
import type { Engines } from './engine-hub';
import type { ModelsState } from './models.svelte';
import type { LoadSlot } from './ondevice-pool.svelte';
import { streamReply } from './reply-stream';
import { replyDraft } from './result-draft.svelte';
import { RunRecorder } from './run-recorder';
import type { StoreState } from './store.svelte';

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

/**
 * The Playground: one model and a chat with it. On-device models come from the same pool
 * as Compare and Evaluate (one worker per model, whichever screen opened it), and each
 * reply waits its turn on that worker.
 */
export class PlaygroundState {
  readonly #models: Pick<ModelsState, 'find'>;
  readonly #hub: Engines;
  /** The stored run of this chat session: one per loaded model. */
  readonly #recorder: RunRecorder;
  selectedKey = $state<string>(TINY_MODEL.key);
  readonly selected: Playable | undefined;
  computeDevice = $state<ComputeDevice>('webgpu');
  sampling = $state<Sampling>({ ...DEFAULT_SAMPLING });
  #loaded = $state.raw<{ target: Target; label: string } | null>(null);
  #loadState = $state<LoadState>('idle');
  #slot = $state.raw<LoadSlot | null>(null);
  #loadError = $state.raw<AppError | null>(null);
  #loadReport = $state.raw<LoadReport | null>(null);
  #loadWall = $state<number | null>(null);
  #turns = $state<Turn[]>([]);
  #generating = $state(false);
  /** Remote replies: the first of a session pays for the connection and the CORS preflight. */
  #remoteReplies = 0;
  #loadAbort: AbortController | null = null;
  #chatAbort: AbortController | null = null;

  constructor(models: Pick<ModelsState, 'find'>, hub: Engines, store: StoreState) {
    this.#models = models;
    this.#hub = hub;
    this.#recorder = new RunRecorder(store, 'playground');
    this.selected = $derived(this.#models.find(this.selectedKey));
  }

  get loadState(): LoadState {
    return this.#loadState;
  }
  get progress(): LoadProgress | null {
    return this.#slot?.progress ?? null;
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
    return this.#loaded && this.#loadState === 'ready' ? this.#loaded.label : null;
  }

  /** The device the selected model will run on: web-llm runs on WebGPU only. */
  get effectiveDevice(): ComputeDevice {
    return this.selected?.entry.runtime === 'webllm' ? 'webgpu' : this.computeDevice;
  }

  get isRemote(): boolean {
    return parseRemoteKey(this.selectedKey) !== null;
  }

  #selectedTarget(): Target | null {
    const remote = parseRemoteKey(this.selectedKey);
    if (remote) return { kind: 'remote', endpointId: remote.endpointId, model: remote.model };
    return this.selected
      ? { kind: 'ondevice', modelKey: this.selectedKey, device: this.effectiveDevice }
      : null;
  }

  /** Loads the selected model (afresh, when it is the one already loaded: Reload). */
  async load(): Promise<void> {
    const target = this.#selectedTarget();
    if (!target) return;
    const reload = this.#loaded !== null && JSON.stringify(this.#loaded.target) === JSON.stringify(target);
    await this.unload();
    if (reload) this.#hub.drop(target);
    this.#hub.hold('playground', [target]);
    const abort = new AbortController();
    this.#loadAbort = abort;
    this.#loadState = 'loading';
    this.#loadError = null;
    const got = await this.#hub.preload(target, abort.signal, (slot) => {
      if (slot) this.#slot = slot;
    });
    this.#loadAbort = null;
    if (!('engine' in got)) {
      this.#hub.hold('playground', []);
      this.#loadError = 'error' in got ? got.error : null;
      this.#loadState = 'error' in got ? 'error' : 'idle';
      return;
    }
    const { engine } = got;
    this.#loadReport = engine instanceof OnDeviceEngine ? engine.loadReport : null;
    this.#loadWall = this.#slot?.loadWallMs ?? null;
    this.#loaded = { target, label: this.#label(target, engine) };
    this.#recorder.reset();
    this.#remoteReplies = 0;
    this.#loadState = 'ready';
  }

  #label(target: Target, engine: ChatEngine): string {
    if (target.kind === 'remote') return `${target.model} @ ${engine.info.where} · remote`;
    return `${this.selected?.entry.label ?? target.modelKey} · ${target.device}`;
  }

  cancelLoad(): void {
    this.#loadAbort?.abort();
  }

  /** Lets the model go; it stays loaded while Compare or Evaluate runs it too. */
  async unload(): Promise<void> {
    this.stop();
    this.#loaded = null;
    this.#loadState = 'idle';
    this.#loadReport = null;
    this.#loadWall = null;
    this.#slot = null;
    this.#hub.hold('playground', []);
  }

  async send(text: string): Promise<void> {
    const loaded = this.#loaded;
    if (!loaded || this.#generating || text.trim() === '') return;
    const target = loaded.target;
    const history: ChatMessage[] = this.#turns
      .filter((t) => t.error === null)
      .map((t) => ({ role: t.role, content: t.content }));
    history.push({ role: 'user', content: text });
    this.#turns.push(newTurn('user', text, false));
    this.#turns.push(newTurn('assistant', '', false));
    const reply = this.#turns[this.#turns.length - 1] as Turn;
    const abort = new AbortController();
    this.#chatAbort = abort;
    this.#generating = true;
    try {
      const got = await this.#hub.acquire(target, abort.signal);
      if (!('engine' in got)) {
        reply.error = 'error' in got ? got.error : appError('aborted');
        return;
      }
      reply.cold = got.cold || (target.kind === 'remote' && this.#remoteReplies++ === 0);
      const runReady = this.#recorder.begin(`Playground · ${got.engine.info.modelId}`);
      const price = this.#hub.price(target);
      const request = chatRequest(this.sampling, history);
      const usage = await this.#hub.run(target, abort.signal, () =>
        streamReply(got.engine, request, abort.signal, reply, price),
      );
      // Written the moment it completes, in its own transaction.
      const draft = replyDraft(got.engine.info, reply, { cold: reply.cold, prompt: text, usage });
      reply.saveError = (await this.#recorder.save(runReady, draft)).error;
    } catch (e) {
      // Stopped while another screen's generation held the worker: nothing ran.
      if (!abort.signal.aborted) throw e;
      reply.error = appError('aborted');
    } finally {
      this.#generating = false;
      this.#chatAbort = null;
    }
    if (isDeadEngine(reply.error)) {
      // The worker or its GPU device is gone: say so where the model is loaded, offer a reload.
      this.#hub.drop(target);
      this.#loaded = null;
      this.#loadError = reply.error;
      this.#loadState = 'error';
    }
  }

  stop(): void {
    this.#chatAbort?.abort();
  }

  clear(): void {
    this.#turns = [];
  }
}

const KEY = Symbol('playground');
export const createPlaygroundState = (models: ModelsState, hub: Engines, store: StoreState) =>
  setContext(KEY, new PlaygroundState(models, hub, store));
export const usePlaygroundState = () => getContext<PlaygroundState>(KEY);

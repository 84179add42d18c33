import { getContext, setContext } from 'svelte';
import { smallestFitting } from '../catalog/catalog';
import { ONNX_MODELS, TINY_MODEL } from '../catalog/transformers-models';
import {
  MAX_PANES,
  MIN_PANES,
  compareTasks,
  firstRunPlan,
  missingTasks,
  nextPaneId,
  paneSampling,
  parseCompareConfig,
  parseTaskId,
  type CompareConfig,
  type CompareTask,
  type PaneConfig,
} from '../core/compare-plan';
import { targetTakesImages, type Target } from '../core/target';
import { paneStats, type PaneStats } from '../core/compare-stats';
import { isDeadEngine, toAppError } from '../core/engine-errors';
import type { ChatEngine, ChatMessage, Usage } from '../core/engine-types';
import type { ResultRecord, RunStatus } from '../core/results';
import { chatRequest } from '../core/sampling';
import type { DeviceState } from './device.svelte';
import type { EndpointsState } from './endpoints.svelte';
import { FrameBatcher } from './frame-batcher';
import type { ModelsState } from './models.svelte';
import type { LoadSlot } from './ondevice-pool.svelte';
import type { EngineHub } from './engine-hub';
import { streamReply, type ReplyView } from './reply-stream';
import { replyDraft } from './result-draft.svelte';
import { RunRecorder } from './run-recorder';
import type { StoreState } from './store.svelte';

const SETTINGS_KEY = 'compare.last';

/** One generation in a pane: streaming, or finished (and then stored). */
export interface PaneRun extends ReplyView {
  taskId: string;
  repeat: number;
  cold: boolean;
  status: 'waiting' | 'streaming' | 'done' | 'error' | 'stopped';
  saveError: string | null;
}

/** A pane's live state beside its configuration. */
export interface PaneLive {
  runs: PaneRun[];
  /** The load of the on-device model this pane runs, while it loads or when it failed. */
  load: LoadSlot | null;
  running: boolean;
}

function newRun(task: CompareTask): PaneRun {
  return {
    taskId: task.taskId,
    repeat: task.repeat,
    cold: task.cold,
    status: 'waiting',
    content: '',
    reasoning: '',
    toolCalls: [],
    metrics: null,
    error: null,
    cost: null,
    saveError: null,
  };
}

function storedRun(r: ResultRecord, repeat: number): PaneRun {
  return {
    taskId: r.taskId,
    repeat,
    cold: r.cold,
    status: r.error ? 'error' : 'done',
    content: r.output,
    reasoning: r.reasoning,
    toolCalls: [],
    metrics: r.metrics,
    error: r.error,
    cost: r.cost,
    saveError: null,
  };
}

/**
 * The Compare screen: one prompt to two to four panes, each an on-device model or a remote
 * one, repeated N times. On-device workers run one generation at a time, endpoints up to
 * their concurrency limit; every finished generation is stored as it completes, and the
 * last comparison comes back after a reload.
 */
export class CompareState {
  readonly #device: DeviceState;
  readonly #models: ModelsState;
  readonly #endpoints: EndpointsState;
  readonly #hub: EngineHub;
  readonly #store: StoreState;
  readonly #recorder: RunRecorder;
  readonly #batcher = new FrameBatcher();
  readonly #aborts: Record<string, AbortController> = {};

  config = $state<CompareConfig>(
    firstRunPlan({
      webgpu: false,
      online: false,
      smallestFitting: null,
      endpoint: null,
      tinyKey: TINY_MODEL.key,
    }),
  );
  live = $state<Record<string, PaneLive>>({});
  includeCold = $state(false);
  #ready = $state(false);
  #running = $state(false);
  #runId = $state<string | null>(null);
  #runStatus = $state<RunStatus | null>(null);
  #missing = $state(0);

  constructor(
    device: DeviceState,
    models: ModelsState,
    endpoints: EndpointsState,
    hub: EngineHub,
    store: StoreState,
  ) {
    this.#device = device;
    this.#models = models;
    this.#endpoints = endpoints;
    this.#hub = hub;
    this.#store = store;
    this.#recorder = new RunRecorder(store, 'compare');
  }

  get ready(): boolean {
    return this.#ready;
  }
  get running(): boolean {
    return this.#running;
  }
  get runId(): string | null {
    return this.#runId;
  }
  get runStatus(): RunStatus | null {
    return this.#runStatus;
  }
  /** Generations an interrupted comparison still lacks; Resume runs only these. */
  get missing(): number {
    return this.#missing;
  }

  /** Restores the last comparison and its stored results, or prepares the first one. */
  async init(): Promise<void> {
    if (this.#ready) return;
    // The first comparison names the first endpoint: wait until the stored ones are read.
    await Promise.all([this.#endpoints.ready, this.#models.ready]);
    const saved = await this.#store.lastSetup(SETTINGS_KEY);
    this.#setConfig(parseCompareConfig(saved.config) ?? this.#firstRun());
    if (saved.runId) await this.#restoreResults(saved.runId).catch(() => undefined);
    this.#ready = true;
  }

  #firstRun(): CompareConfig {
    const report = this.#device.report;
    const webgpu = report?.webgpu.available === true;
    // Without WebGPU, transformers.js on WASM: its smallest Qwen comes first in the catalog.
    const smallest = webgpu ? smallestFitting(this.#models.webllm) : (ONNX_MODELS[0] ?? null);
    const endpoint = this.#endpoints.list.find((e) => e.models.length > 0);
    return firstRunPlan({
      webgpu,
      online: navigator.onLine,
      smallestFitting: smallest
        ? {
            modelKey: 'entry' in smallest ? smallest.entry.key : smallest.key,
            device: webgpu ? 'webgpu' : 'wasm',
          }
        : null,
      endpoint: endpoint ? { id: endpoint.id, model: endpoint.models[0] as string } : null,
      tinyKey: TINY_MODEL.key,
    });
  }

  #setConfig(config: CompareConfig): void {
    this.config = config;
    this.live = Object.fromEntries(config.panes.map((p) => [p.id, this.live[p.id] ?? emptyLive()]));
  }

  async #restoreResults(runId: string): Promise<void> {
    const runs = await this.#store.runs();
    const run = await runs.get(runId);
    if (!run) return;
    const results = await runs.results(runId);
    for (const r of results) {
      const task = parseTaskId(r.taskId);
      const live = task && this.live[task.paneId];
      if (live) live.runs.push(storedRun(r, task.repeat));
    }
    for (const live of Object.values(this.live)) live.runs.sort((a, b) => a.repeat - b.repeat);
    this.#runId = runId;
    this.#runStatus = run.status;
    this.#missing =
      run.status === 'interrupted'
        ? missingTasks(
            this.config,
            results.map((r) => r.taskId),
          ).length
        : 0;
  }

  /** Keeps the comparison as it stands, so a reload restores it. */
  async persist(): Promise<void> {
    await this.#store.keepSetup(SETTINGS_KEY, $state.snapshot(this.config), this.#runId);
  }

  label(target: Target): string {
    return this.#hub.label(target);
  }

  /** Finished generations of a pane; reading only these keeps streaming out of the statistics' way. */
  finished(paneId: string): PaneRun[] {
    return (this.live[paneId]?.runs ?? []).filter((r) => r.status === 'done' || r.status === 'error');
  }

  stats(paneId: string): PaneStats {
    return paneStats(this.finished(paneId), this.includeCold);
  }

  addPane(): void {
    if (this.config.panes.length >= MAX_PANES || this.#running) return;
    const last = this.config.panes[this.config.panes.length - 1] as PaneConfig;
    const pane: PaneConfig = { id: nextPaneId(this.config.panes), target: { ...last.target }, overrides: {} };
    this.#setConfig({ ...this.config, panes: [...this.config.panes, pane] });
  }

  removePane(id: string): void {
    if (this.config.panes.length <= MIN_PANES || this.#running) return;
    this.#setConfig({ ...this.config, panes: this.config.panes.filter((p) => p.id !== id) });
  }

  setTarget(id: string, target: Target): void {
    const pane = this.config.panes.find((p) => p.id === id);
    if (pane) pane.target = target;
  }

  /** Runs every pane afresh as a new stored run. */
  async run(): Promise<void> {
    if (this.#running || !this.#ready) return;
    for (const live of Object.values(this.live)) live.runs = [];
    this.#recorder.reset();
    await this.#execute(compareTasks(this.config));
  }

  /** Runs only what an interrupted comparison lacks, into the same stored run. */
  async resume(): Promise<void> {
    if (this.#running || this.#runId === null) return;
    const runs = await this.#store.runs();
    const done = (await runs.results(this.#runId)).map((r) => r.taskId);
    this.#recorder.adopt(this.#runId);
    await this.#execute(missingTasks(this.config, done));
  }

  stopPane(id: string): void {
    this.#aborts[id]?.abort();
  }

  stopAll(): void {
    for (const abort of Object.values(this.#aborts)) abort.abort();
  }

  async #execute(tasks: CompareTask[]): Promise<void> {
    this.#running = true;
    const title = `Compare · ${this.config.panes.map((p) => this.label(p.target)).join(' vs ')}`;
    this.#hub.keepOnly(this.config.panes.map((p) => p.target));
    const runReady = this.#recorder.begin(title);
    this.#runId = await runReady;
    this.#runStatus = 'running';
    this.#missing = 0;
    await this.persist();
    const outcomes = await Promise.all(
      this.config.panes.map((pane) =>
        this.#runPane(
          pane,
          tasks.filter((t) => t.paneId === pane.id),
          runReady,
        ),
      ),
    );
    const stopped = outcomes.some((complete) => !complete);
    await this.#recorder.finish(
      stopped ? 'interrupted' : 'completed',
      stopped ? 'Stopped before every generation ran.' : null,
    );
    const runId = this.#runId;
    if (runId) {
      const run = await (await this.#store.runs()).get(runId).catch(() => undefined);
      this.#runStatus = run?.status ?? null;
      if (stopped) {
        const done = (await (await this.#store.runs()).results(runId).catch(() => [])).map((r) => r.taskId);
        this.#missing = missingTasks(this.config, done).length;
      }
    }
    this.#running = false;
  }

  /** Runs one pane's tasks in order; false when stopped or unable to start them all. */
  async #runPane(pane: PaneConfig, tasks: CompareTask[], runReady: Promise<string | null>): Promise<boolean> {
    const live = this.live[pane.id];
    if (!live || tasks.length === 0) return true;
    const abort = new AbortController();
    this.#aborts[pane.id] = abort;
    live.running = true;
    try {
      for (const task of tasks) {
        if (abort.signal.aborted) return false;
        live.runs.push(newRun(task));
        const run = live.runs[live.runs.length - 1] as PaneRun;
        const engine = await this.#engineFor(pane, live, run, abort.signal);
        if (!engine) {
          if (abort.signal.aborted) live.runs.pop();
          return false;
        }
        const outcome = await this.#generate(pane, engine, run, abort.signal);
        if (!outcome.finished) {
          if (run.status === 'waiting') live.runs.pop();
          return false;
        }
        run.saveError = await this.#recorder.save(
          runReady,
          replyDraft(engine.info, run, {
            cold: run.cold,
            prompt: this.config.user,
            usage: outcome.usage,
          }),
          {
            taskId: task.taskId,
            complete: false,
          },
        );
        if (isDeadEngine(run.error)) {
          this.#hub.drop(pane.target);
          return false;
        }
      }
      return true;
    } catch (e) {
      // Anything unforeseen ends this pane only, said where its output would be.
      const run = live.runs[live.runs.length - 1];
      if (run) {
        run.error = toAppError(e);
        run.status = 'error';
      }
      return false;
    } finally {
      live.running = false;
      delete this.#aborts[pane.id];
    }
  }

  /** The engine for a pane, loading its on-device model first; null (run says why) if none. */
  async #engineFor(
    pane: PaneConfig,
    live: PaneLive,
    run: PaneRun,
    signal: AbortSignal,
  ): Promise<ChatEngine | null> {
    const got = await this.#hub.acquire(pane.target, signal, (slot) => (live.load = slot));
    if ('engine' in got) {
      // The first generation after a load pays for warming up: it counts as cold, like a warm-up.
      if (got.cold) run.cold = true;
      return got.engine;
    }
    if ('error' in got) {
      run.error = got.error;
      run.status = 'error';
    }
    return null;
  }

  /** One generation under the pane's scheduler key; not finished when stopped before its end. */
  async #generate(
    pane: PaneConfig,
    engine: ChatEngine,
    run: PaneRun,
    signal: AbortSignal,
  ): Promise<{ finished: boolean; usage: Usage | null }> {
    const target = pane.target;
    const price = this.#hub.price(target);
    const messages: ChatMessage[] = [
      ...this.config.earlier.filter((t) => t.content.trim() !== ''),
      {
        role: 'user',
        content: this.config.user,
        ...(this.config.image && targetTakesImages(target) ? { images: [this.config.image] } : {}),
      },
    ];
    const request = chatRequest(paneSampling(this.config.sampling, pane.overrides), messages);
    let usage: Usage | null = null;
    try {
      usage = await this.#hub.run(target, signal, () => {
        run.status = 'streaming';
        return streamReply(engine, request, signal, run, price, this.#batcher);
      });
    } catch (e) {
      // Stopped while waiting for a free slot: nothing ran.
      if (signal.aborted) return { finished: false, usage };
      throw e;
    }
    if (signal.aborted || run.metrics?.finishReason === 'abort') {
      run.status = 'stopped';
      return { finished: false, usage };
    }
    run.status = run.error ? 'error' : 'done';
    return { finished: true, usage };
  }
}

function emptyLive(): PaneLive {
  return { runs: [], load: null, running: false };
}

const KEY = Symbol('compare');
export const createCompareState = (
  device: DeviceState,
  models: ModelsState,
  endpoints: EndpointsState,
  hub: EngineHub,
  store: StoreState,
) => setContext(KEY, new CompareState(device, models, endpoints, hub, store));
export const useCompareState = () => getContext<CompareState>(KEY);

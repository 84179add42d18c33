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
  parseCompareConfig,
  parseTaskId,
  type CompareConfig,
  type PaneConfig,
} from '../core/compare-plan';
import { paneStats, type PaneStats } from '../core/compare-stats';
import type { RunStatus } from '../core/results';
import type { Target } from '../core/target';
import { CompareRunner, emptyLive, storedRun, type PaneLive, type PaneRun } from './compare-runner';
import type { DeviceState } from './device.svelte';
import type { Engines } from './engine-hub';
import type { EndpointsState } from './endpoints.svelte';
import type { ModelsState } from './models.svelte';
import { RunSession } from './run-session.svelte';
import type { StoreState } from './store.svelte';

export type { PaneLive, PaneRun } from './compare-runner';

/** What the Compare screen is given: the app's device facts, catalog, endpoints, engines and store. */
export interface CompareDeps {
  device: Pick<DeviceState, 'probed' | 'report'>;
  models: Pick<ModelsState, 'ready' | 'webllm'>;
  endpoints: Pick<EndpointsState, 'ready' | 'list'>;
  hub: Engines;
  store: StoreState;
}

/**
 * The Compare screen: one prompt to two to four panes, each an on-device model or a remote
 * one, repeated N times. On-device workers run one generation at a time, endpoints up to
 * their concurrency limit; every finished generation is stored as it completes, and the
 * last comparison comes back after a reload.
 */
export class CompareState {
  readonly #deps: CompareDeps;
  readonly #session: RunSession;
  readonly #runner: CompareRunner;

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
  #starting: Promise<void> | null = null;

  constructor(deps: CompareDeps) {
    this.#deps = deps;
    this.#runner = new CompareRunner(deps.hub);
    this.#session = new RunSession(deps.store, {
      kind: 'compare',
      settingsKey: 'compare.last',
      setup: () => $state.snapshot(this.config),
      missing: (done) => missingTasks(this.config, done).length,
    });
  }

  get ready(): boolean {
    return this.#ready;
  }
  get running(): boolean {
    return this.#session.running;
  }
  get runId(): string | null {
    return this.#session.runId;
  }
  get runStatus(): RunStatus | null {
    return this.#session.runStatus;
  }
  /** How the last comparison ended, when not completed. */
  get runNote(): string | null {
    return this.#session.note;
  }
  /** Generations an interrupted comparison still lacks; Resume runs only these. */
  get missing(): number {
    return this.#session.missing;
  }

  /** Restores the last comparison and its stored results, or prepares the first one; then keeps it as it changes. */
  init(): Promise<void> {
    // A screen shown again while its first init still runs must not restore twice.
    return (this.#starting ??= this.#start());
  }

  async #start(): Promise<void> {
    const { device, endpoints, models } = this.#deps;
    // The first comparison depends on what this device can run and names the first endpoint.
    await Promise.all([device.probed, endpoints.ready, models.ready]);
    const results = await this.#session.restore((saved) =>
      this.#setConfig(parseCompareConfig(saved) ?? this.#firstRun()),
    );
    for (const r of results) {
      const task = parseTaskId(r.taskId);
      const live = task && this.live[task.paneId];
      if (live) live.runs.push(storedRun(r, task.repeat));
    }
    for (const live of Object.values(this.live)) live.runs.sort((a, b) => a.repeat - b.repeat);
    this.#ready = true;
    this.#session.watch();
  }

  #firstRun(): CompareConfig {
    const { device, models, endpoints } = this.#deps;
    const webgpu = device.report?.webgpu.available === true;
    // Without WebGPU, transformers.js on WASM: its smallest Qwen comes first in the catalog.
    const smallest = webgpu ? smallestFitting(models.webllm) : (ONNX_MODELS[0] ?? null);
    const endpoint = endpoints.list.find((e) => e.models.length > 0);
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

  label(target: Target): string {
    return this.#deps.hub.label(target);
  }

  /** Finished generations of a pane; reading only these keeps streaming out of the statistics' way. */
  finished(paneId: string): PaneRun[] {
    return (this.live[paneId]?.runs ?? []).filter((r) => r.status === 'done' || r.status === 'error');
  }

  stats(paneId: string): PaneStats {
    return paneStats(this.finished(paneId), this.includeCold);
  }

  addPane(): void {
    if (this.config.panes.length >= MAX_PANES || this.running) return;
    const last = this.config.panes[this.config.panes.length - 1] as PaneConfig;
    const pane: PaneConfig = { id: nextPaneId(this.config.panes), target: { ...last.target }, overrides: {} };
    this.#setConfig({ ...this.config, panes: [...this.config.panes, pane] });
  }

  removePane(id: string): void {
    if (this.config.panes.length <= MIN_PANES || this.running) return;
    this.#setConfig({ ...this.config, panes: this.config.panes.filter((p) => p.id !== id) });
  }

  setTarget(id: string, target: Target): void {
    const pane = this.config.panes.find((p) => p.id === id);
    if (pane) pane.target = target;
  }

  /** Runs every pane afresh as a new stored run. */
  async run(): Promise<void> {
    if (this.running || !this.#ready) return;
    for (const live of Object.values(this.live)) live.runs = [];
    await this.#execute(false);
  }

  /** Runs only what an interrupted comparison lacks, into the same stored run. */
  async resume(): Promise<void> {
    if (this.running || this.runId === null) return;
    await this.#execute(true);
  }

  stopPane(id: string): void {
    this.#runner.stop(id);
  }

  stopAll(): void {
    this.#runner.stopAll();
  }

  async #execute(resume: boolean): Promise<void> {
    const config = $state.snapshot(this.config);
    const tasks = resume ? missingTasks(config, this.#session.done) : compareTasks(config);
    const title = `Compare · ${config.panes.map((p) => this.label(p.target)).join(' vs ')}`;
    this.#deps.hub.hold(
      'runs',
      config.panes.map((p) => p.target),
    );
    await this.#session.execute({ title, resume }, async (save) => {
      const outcome = await this.#runner.run(config, this.live, tasks, save);
      return {
        stopped: outcome !== 'done',
        note: 'Stopped before every generation ran.',
        failed:
          outcome === 'failed' ? 'A pane could not run: its model did not load or its worker stopped.' : null,
      };
    });
  }
}

const KEY = Symbol('compare');
export const createCompareState = (deps: CompareDeps) => setContext(KEY, new CompareState(deps));
export const useCompareState = () => getContext<CompareState>(KEY);

import { paneSampling, type CompareConfig, type CompareTask, type PaneConfig } from '../core/compare-plan';
import { isDeadEngine, toAppError } from '../core/engine-errors';
import type { ChatEngine, ChatMessage, Usage } from '../core/engine-types';
import type { ResultRecord } from '../core/results';
import { chatRequest } from '../core/sampling';
import { targetTakesImages } from '../core/target';
import type { RunEngines } from './engine-hub';
import { FrameBatcher } from './frame-batcher';
import type { LoadSlot } from './ondevice-pool.svelte';
import { streamReply, type ReplyView } from './reply-stream';
import { replyDraft } from './result-draft.svelte';
import type { SaveResult } from './run-session.svelte';

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

/** How a pane, or a whole comparison, ended. */
export type PaneOutcome = 'done' | 'stopped' | 'failed';

export const emptyLive = (): PaneLive => ({ runs: [], load: null, running: false });

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

/** A stored generation as its pane shows it after a reload. */
export function storedRun(r: ResultRecord, repeat: number): PaneRun {
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
 * Runs a comparison: every pane side by side, each pane's generations in order, streamed
 * into the pane's live runs (one DOM update a frame for all panes), each stored as it
 * completes. A pane can be stopped alone.
 */
export class CompareRunner {
  readonly #engines: RunEngines;
  readonly #batcher = new FrameBatcher();
  readonly #aborts: Record<string, AbortController> = {};

  constructor(engines: RunEngines) {
    this.#engines = engines;
  }

  stop(paneId: string): void {
    this.#aborts[paneId]?.abort();
  }

  stopAll(): void {
    for (const abort of Object.values(this.#aborts)) abort.abort();
  }

  /**
   * Runs the tasks into the panes' live state: 'done' when every one ran, 'failed' when a
   * pane could not go on (its model did not load, its worker died), else 'stopped'.
   */
  async run(
    config: CompareConfig,
    live: Record<string, PaneLive>,
    tasks: CompareTask[],
    save: SaveResult,
  ): Promise<PaneOutcome> {
    const outcomes = await Promise.all(
      config.panes.map((pane) => {
        const paneLive = live[pane.id];
        const mine = tasks.filter((t) => t.paneId === pane.id);
        return paneLive ? this.#runPane(config, pane, paneLive, mine, save) : ('done' as const);
      }),
    );
    return outcomes.includes('failed') ? 'failed' : outcomes.includes('stopped') ? 'stopped' : 'done';
  }

  /** Runs one pane's tasks in order; how it ended. */
  async #runPane(
    config: CompareConfig,
    pane: PaneConfig,
    live: PaneLive,
    tasks: CompareTask[],
    save: SaveResult,
  ): Promise<PaneOutcome> {
    if (tasks.length === 0) return 'done';
    const abort = new AbortController();
    this.#aborts[pane.id] = abort;
    live.running = true;
    try {
      for (const task of tasks) {
        if (abort.signal.aborted) return 'stopped';
        live.runs.push(newRun(task));
        const run = live.runs[live.runs.length - 1] as PaneRun;
        const engine = await this.#engineFor(pane, live, run, abort.signal);
        if (!engine) {
          if (!abort.signal.aborted) return 'failed';
          live.runs.pop();
          return 'stopped';
        }
        const outcome = await this.#generate(config, pane, engine, run, abort.signal);
        if (!outcome.finished) {
          if (run.status === 'waiting') live.runs.pop();
          return 'stopped';
        }
        const draft = replyDraft(engine.info, run, {
          cold: run.cold,
          prompt: config.user,
          usage: outcome.usage,
        });
        run.saveError = (await save(draft, task.taskId)).error;
        if (isDeadEngine(run.error)) {
          this.#engines.drop(pane.target);
          return 'failed';
        }
      }
      return 'done';
    } catch (e) {
      // Anything unforeseen ends this pane only, said where its output would be.
      const run = live.runs[live.runs.length - 1];
      if (run) {
        run.error = toAppError(e);
        run.status = 'error';
      }
      return 'failed';
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
    const got = await this.#engines.acquire(pane.target, signal, (slot) => (live.load = slot));
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
    config: CompareConfig,
    pane: PaneConfig,
    engine: ChatEngine,
    run: PaneRun,
    signal: AbortSignal,
  ): Promise<{ finished: boolean; usage: Usage | null }> {
    const target = pane.target;
    const price = this.#engines.price(target);
    const messages: ChatMessage[] = [
      ...config.earlier.filter((t) => t.content.trim() !== ''),
      {
        role: 'user',
        content: config.user,
        ...(config.image && targetTakesImages(target) ? { images: [config.image] } : {}),
      },
    ];
    const request = chatRequest(paneSampling(config.sampling, pane.overrides), messages);
    let usage: Usage | null = null;
    try {
      usage = await this.#engines.run(target, signal, () => {
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

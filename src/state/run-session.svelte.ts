import type { Plan } from '../core/plan';
import type { ResultRecord, Run, RunKind, RunStatus } from '../core/results';
import { recordChecks } from './record-checks';
import { RunRecorder, type ResultDraft, type Saved } from './run-recorder';
import type { StoreState } from './store.svelte';

export interface RunSessionOptions {
  kind: RunKind;
  /** Where the screen's set-up and last run are kept between visits. */
  settingsKey: string;
  /** The screen's set-up as plain data, to keep. */
  setup: () => unknown;
  /** How many tasks of the current set-up have no stored result among these. */
  missing: (done: ReadonlySet<string>) => number;
}

/** What a run's work reports when it ends: whether it stopped before every task ran. */
export interface WorkOutcome {
  stopped: boolean;
  /** Said on the run when it stopped. */
  note: string;
  /** Why the work could not go on (a model that did not load): the run ends failed, not interrupted. */
  failed?: string | null;
}

export type SaveResult = (draft: ResultDraft, taskId: string) => Promise<Saved>;

/**
 * One screen's stored run, as Compare and Evaluate both keep it: the set-up kept for the
 * next visit (written shortly after each change), the last run restored with its results,
 * a run begun, fed results as they complete, and ended with what it lacks. It knows which
 * tasks it stored, so resuming and counting what is missing read nothing back.
 */
export class RunSession {
  readonly #store: StoreState;
  readonly #options: RunSessionOptions;
  readonly #recorder: RunRecorder;
  #running = $state(false);
  #runId = $state<string | null>(null);
  #runStatus = $state<RunStatus | null>(null);
  #missing = $state(0);
  #note = $state<string | null>(null);
  #watching = false;

  constructor(store: StoreState, options: RunSessionOptions) {
    this.#store = store;
    this.#options = options;
    this.#recorder = new RunRecorder(store, options.kind);
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
  /** Tasks an interrupted run still lacks; continuing runs only these. */
  get missing(): number {
    return this.#missing;
  }
  /** What the run says of how it ended, when it ended other than completed. */
  get note(): string | null {
    return this.#note;
  }
  /** Task ids of the current run with a stored result. */
  get done(): ReadonlySet<string> {
    return this.#recorder.done;
  }

  /**
   * Reads the kept set-up into the screen (`apply` gets it as stored, or undefined), then
   * the run it names with its results. Without a database the screen keeps its defaults.
   */
  async restore(apply: (setup: unknown) => void): Promise<ResultRecord[]> {
    const saved = await this.#store.lastSetup(this.#options.settingsKey);
    apply(saved.config);
    if (!saved.runId) return [];
    try {
      const run = await (await this.#store.runs()).get(saved.runId);
      const { runDamage } = await recordChecks();
      // A damaged run or result is left out of the screen (History offers to remove it).
      if (!run || runDamage(run)) return [];
      return await this.open(run);
    } catch {
      return [];
    }
  }

  /**
   * Makes a stored run the screen's current run (History's Open): its results, status and
   * what it lacks against the set-up the screen holds now, which the caller set first.
   */
  async open(run: Run): Promise<ResultRecord[]> {
    const { resultDamage, sortOut } = await recordChecks();
    const results = sortOut<ResultRecord>(await (await this.#store.runs()).results(run.id), resultDamage).ok;
    this.#recorder.adopt(
      run.id,
      results.map((r) => r.taskId),
    );
    this.#runId = run.id;
    this.#runStatus = run.status;
    this.#note = run.note;
    this.#missing = this.#options.missing(this.#recorder.done);
    await this.keep();
    return results;
  }

  /** Keeps the set-up and the current run for the next visit. */
  async keep(): Promise<void> {
    await this.#store.keepSetup(this.#options.settingsKey, this.#options.setup(), this.#runId);
  }

  /** Keeps the set-up shortly after each change (one write for a burst of typing). */
  watch(): void {
    if (this.#watching) return;
    this.#watching = true;
    $effect.root(() => {
      $effect(() => {
        void JSON.stringify(this.#options.setup());
        const timer = setTimeout(() => void this.keep(), 300);
        return () => clearTimeout(timer);
      });
    });
  }

  /**
   * Runs `work` as one stored run: a new run, or (`resume`) the current one continued.
   * `work` saves each result through the function it is given, as it completes.
   */
  async execute(
    {
      title,
      suiteId,
      plan,
      resume = false,
    }: { title: string; suiteId?: string; plan?: Plan; resume?: boolean },
    work: (save: SaveResult) => Promise<WorkOutcome>,
  ): Promise<void> {
    if (resume && this.#runId !== null) this.#recorder.adopt(this.#runId);
    else this.#recorder.reset();
    this.#running = true;
    try {
      const runReady = this.#recorder.begin(title, suiteId, plan);
      this.#runId = await runReady;
      this.#runStatus = 'running';
      this.#note = null;
      this.#missing = 0;
      await this.keep();
      const outcome = await work((draft, taskId) =>
        this.#recorder.save(runReady, draft, { taskId, complete: false }),
      );
      this.#note = outcome.failed ?? (outcome.stopped ? outcome.note : null);
      this.#runStatus = outcome.failed
        ? await this.#recorder.finish('failed', outcome.failed)
        : await this.#recorder.finish(
            outcome.stopped ? 'interrupted' : 'completed',
            outcome.stopped ? outcome.note : null,
          );
      this.#missing = outcome.stopped || outcome.failed ? this.#options.missing(this.#recorder.done) : 0;
    } finally {
      this.#running = false;
    }
  }
}

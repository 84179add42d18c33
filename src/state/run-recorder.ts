import { toAppError } from '../core/engine-errors';
import type { Plan } from '../core/plan';
import { nowIso, type ResultRecord, type RunKind, type RunStatus } from '../core/results';
import { newId } from '../store/runs';
import type { StoreState } from './store.svelte';

/** A result as the screen knows it; the recorder adds ids, task number and time. */
export type ResultDraft = Omit<ResultRecord, 'id' | 'runId' | 'taskId' | 'createdAt'>;

/** What a save wrote (or would have written), and why it could not, when it could not. */
export interface Saved {
  record: ResultRecord;
  error: string | null;
}

/**
 * Keeps one session's run in the store: created with its first result, marked running
 * while a result is in flight, each result written the moment it completes. It remembers
 * what it wrote, so nobody reads its own writes back.
 */
export class RunRecorder {
  #runId: string | null = null;
  /** A save failed and marked the run failed: finishing must not hide that. */
  #failed = false;
  #numbered = 0;
  /** Task ids of this run with a stored result. */
  #done = new Set<string>();

  constructor(
    private readonly store: StoreState,
    private readonly kind: RunKind,
  ) {}

  /** The next result starts a new run. */
  reset(): void {
    this.#runId = null;
    this.#failed = false;
    this.#numbered = 0;
    this.#done = new Set();
  }

  /** Continues a stored run (a resumed comparison, or one restored after a reload) instead of starting one. */
  adopt(runId: string, done?: Iterable<string>): void {
    if (done) this.#done = new Set(done);
    this.#runId = runId;
    this.#failed = false;
  }

  get runId(): string | null {
    return this.#runId;
  }

  /** Task ids of this run with a stored result. */
  get done(): ReadonlySet<string> {
    return this.#done;
  }

  /** Creates or re-opens the run; null when the store is unavailable (the save then says why). */
  async begin(title: string, suiteId?: string, plan?: Plan): Promise<string | null> {
    try {
      const runs = await this.store.runs();
      this.store.askToKeep();
      if (this.#runId === null) this.#runId = (await runs.start(this.kind, title, suiteId, plan)).id;
      else await runs.setStatus(this.#runId, 'running', null, plan);
      return this.#runId;
    } catch {
      return null;
    }
  }

  /**
   * Writes one result; returns it, with why it could not be saved when it was not. Without
   * a task id the result is numbered after this session's others. `complete` marks the run
   * completed with it; a run with more work in flight stays running until `finish`.
   */
  async save(
    runReady: Promise<string | null>,
    draft: ResultDraft,
    { taskId, complete = true }: { taskId?: string; complete?: boolean } = {},
  ): Promise<Saved> {
    const runId = await runReady;
    const record: ResultRecord = {
      ...draft,
      id: newId(),
      runId: runId ?? '',
      taskId: taskId ?? String(++this.#numbered),
      createdAt: nowIso(),
    };
    try {
      if (runId === null)
        throw new Error(this.store.error?.message ?? 'The results database is not available.');
      const runs = await this.store.runs();
      await runs.addResult(record);
      this.#done.add(record.taskId);
      if (complete) await runs.setStatus(runId, 'completed');
      this.store.touched();
      return { record, error: null };
    } catch (e) {
      const full = toAppError(e).code === 'quota-exceeded';
      // The run says why its results stop here; earlier results stay as they were written.
      if (runId !== null) {
        const note = full ? 'Storage full: later replies were not saved.' : 'A result could not be saved.';
        this.#failed = true;
        await (await this.store.runs()).setStatus(runId, 'failed', note).catch(() => undefined);
        this.store.touched();
      }
      const error = full
        ? 'Not saved: the browser storage is full. Free space on the Models screen (downloaded models), then retry.'
        : `Not saved: ${e instanceof Error ? e.message : String(e)}`;
      return { record, error };
    }
  }

  /**
   * Ends the run with its final status, unless a failed save already ended it; returns the
   * status the run now has (null without a run or a store).
   */
  async finish(
    status: 'completed' | 'interrupted' | 'failed',
    note: string | null = null,
  ): Promise<RunStatus | null> {
    if (this.#runId === null) return null;
    if (this.#failed) return 'failed';
    try {
      await (await this.store.runs()).setStatus(this.#runId, status, note);
      this.store.touched();
      return status;
    } catch {
      // The store is gone: each save already said why its result was not kept.
      return null;
    }
  }
}

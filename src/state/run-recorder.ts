import { toAppError } from '../core/engine-errors';
import { nowIso, type ResultRecord, type RunKind } from '../core/results';
import { newId } from '../store/runs';
import type { StoreState } from './store.svelte';

/** A result as the screen knows it; the recorder adds ids, task number and time. */
export type ResultDraft = Omit<ResultRecord, 'id' | 'runId' | 'taskId' | 'createdAt'>;

/**
 * Keeps one session's run in the store: created with its first result, marked running
 * while a result is in flight, each result written the moment it completes.
 */
export class RunRecorder {
  #runId: string | null = null;

  constructor(
    private readonly store: StoreState,
    private readonly kind: RunKind,
  ) {}

  /** The next result starts a new run. */
  reset(): void {
    this.#runId = null;
  }

  /** Continues a stored run (a resumed comparison) instead of starting one. */
  adopt(runId: string): void {
    this.#runId = runId;
  }

  get runId(): string | null {
    return this.#runId;
  }

  /** Creates or re-opens the run; null when the store is unavailable (the save then says why). */
  async begin(title: string, suiteId?: string): Promise<string | null> {
    try {
      const runs = await this.store.runs();
      this.store.askToKeep();
      if (this.#runId === null) this.#runId = (await runs.start(this.kind, title, suiteId)).id;
      else await runs.setStatus(this.#runId, 'running');
      return this.#runId;
    } catch {
      return null;
    }
  }

  /**
   * Writes one result; returns why it could not be saved, or null when it was. Without a
   * task id the result is numbered after the run's others. `complete` marks the run
   * completed with it; a run with more work in flight stays running until `finish`.
   */
  async save(
    runReady: Promise<string | null>,
    draft: ResultDraft,
    { taskId, complete = true }: { taskId?: string; complete?: boolean } = {},
  ): Promise<string | null> {
    const runId = await runReady;
    try {
      if (runId === null)
        throw new Error(this.store.error?.message ?? 'The results database is not available.');
      const runs = await this.store.runs();
      const task = taskId ?? String((await runs.countResults(runId)) + 1);
      await runs.addResult({ ...draft, id: newId(), runId, taskId: task, createdAt: nowIso() });
      if (complete) await runs.setStatus(runId, 'completed');
      this.store.touched();
      return null;
    } catch (e) {
      const full = toAppError(e).code === 'quota-exceeded';
      // The run says why its results stop here; earlier results stay as they were written.
      if (runId !== null) {
        const note = full ? 'Storage full: later replies were not saved.' : 'A result could not be saved.';
        await (await this.store.runs()).setStatus(runId, 'failed', note).catch(() => undefined);
        this.store.touched();
      }
      return full
        ? 'Not saved: the browser storage is full. Free space on the Models screen (downloaded models), then retry.'
        : `Not saved: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  /** Ends the run with its final status, unless a failed save already ended it. */
  async finish(status: 'completed' | 'interrupted', note: string | null = null): Promise<void> {
    if (this.#runId === null) return;
    try {
      const runs = await this.store.runs();
      if ((await runs.get(this.#runId))?.status === 'failed') return;
      await runs.setStatus(this.#runId, status, note);
      this.store.touched();
    } catch {
      // The store is gone: each save already said why its result was not kept.
    }
  }
}

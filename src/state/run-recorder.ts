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

  /** Creates or re-opens the run; null when the store is unavailable (the save then says why). */
  async begin(title: string): Promise<string | null> {
    try {
      const runs = await this.store.runs();
      if (this.#runId === null) this.#runId = (await runs.start(this.kind, title)).id;
      else await runs.setStatus(this.#runId, 'running');
      return this.#runId;
    } catch {
      return null;
    }
  }

  /** Writes one result; returns why it could not be saved, or null when it was. */
  async save(runReady: Promise<string | null>, draft: ResultDraft): Promise<string | null> {
    const runId = await runReady;
    try {
      if (runId === null)
        throw new Error(this.store.error?.message ?? 'The results database is not available.');
      const runs = await this.store.runs();
      const taskId = String((await runs.countResults(runId)) + 1);
      await runs.addResult({ ...draft, id: newId(), runId, taskId, createdAt: nowIso() });
      await runs.setStatus(runId, 'completed');
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
}

import { getContext, setContext } from 'svelte';
import { toAppError } from '../core/engine-errors';
import type { AppError } from '../core/engine-types';
import type { ResultRecord, Run } from '../core/results';
import type { StoreState } from './store.svelte';

const PAGE = 50;

export interface RunRow extends Run {
  results: number;
}

/** Runs newest first, a page at a time, and the results of the one opened. */
export class HistoryState {
  readonly #store: StoreState;
  #rows = $state.raw<RunRow[]>([]);
  #more = $state(false);
  #status = $state<'loading' | 'ready' | 'error'>('loading');
  #error = $state.raw<AppError | null>(null);
  #open = $state.raw<{ run: Run; results: ResultRecord[] } | null>(null);

  constructor(store: StoreState) {
    this.#store = store;
  }

  get rows() {
    return this.#rows;
  }
  get hasMore() {
    return this.#more;
  }
  get status() {
    return this.#status;
  }
  get error() {
    return this.#error;
  }
  get opened() {
    return this.#open;
  }

  async #page(before?: string): Promise<RunRow[]> {
    const runs = await this.#store.runs();
    const page = await runs.page(PAGE + 1, before);
    this.#more = page.length > PAGE;
    return Promise.all(
      page.slice(0, PAGE).map(async (r) => ({ ...r, results: await runs.countResults(r.id) })),
    );
  }

  async reload(): Promise<void> {
    try {
      this.#rows = await this.#page();
      this.#status = 'ready';
    } catch (e) {
      this.#error = toAppError(e);
      this.#status = 'error';
    }
  }

  async loadMore(): Promise<void> {
    const last = this.#rows.at(-1);
    if (last) this.#rows = [...this.#rows, ...(await this.#page(last.startedAt))];
  }

  async open(runId: string): Promise<void> {
    const runs = await this.#store.runs();
    const run = await runs.get(runId);
    if (!run) return;
    const results = (await runs.results(runId)).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    this.#open = { run, results };
  }

  close(): void {
    this.#open = null;
  }

  async delete(runId: string): Promise<void> {
    await (await this.#store.runs()).delete([runId]);
    if (this.#open?.run.id === runId) this.#open = null;
    this.#store.touched();
    await this.reload();
  }
}

const KEY = Symbol('history');
export const createHistoryState = (store: StoreState) => setContext(KEY, new HistoryState(store));
export const useHistoryState = () => getContext<HistoryState>(KEY);

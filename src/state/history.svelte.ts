import { getContext, setContext } from 'svelte';
import { toAppError } from '../core/engine-errors';
import type { AppError } from '../core/engine-types';
import type { ResultRecord, Run } from '../core/results';
import type { ExportDocument } from '../core/export-format';
import { diffRuns, type TaskDiff } from '../core/run-diff';
import { BUILTIN_SUITE_IDS } from '../catalog/suites/builtin';
import { checkImport, planImport, sizeProblem, type ImportPlan } from '../core/import-file';
import type { ImportProblem } from '../core/import-problems';
import { localDayBoundIso, type RunKind } from '../core/results';
import type { RunFilter } from '../store/runs';
import type { StoreState } from './store.svelte';
import type { SuiteLibrary } from './suite-library.svelte';

const PAGE = 50;

export interface RunRow extends Run {
  results: number;
}

/** Runs newest first, a page at a time, and the results of the one opened. */
export class HistoryState {
  readonly #store: StoreState;
  readonly #library: SuiteLibrary;
  #rows = $state.raw<RunRow[]>([]);
  #more = $state(false);
  #status = $state<'loading' | 'ready' | 'error'>('loading');
  #error = $state.raw<AppError | null>(null);
  #open = $state.raw<{ run: Run; results: ResultRecord[] } | null>(null);
  #diff = $state.raw<{ a: Run; b: Run; tasks: TaskDiff[] } | null>(null);
  #models = $state.raw<string[]>([]);
  /** Filter inputs as the form holds them: empty means no filter; dates are YYYY-MM-DD, local. */
  filter = $state({ model: '', kind: '', suite: '', from: '', to: '' });

  constructor(store: StoreState, library: SuiteLibrary) {
    this.#store = store;
    this.#library = library;
  }

  /** Reads and checks a file, then says what importing it would do; writes nothing. */
  async previewImport(
    file: File,
  ): Promise<
    | { ok: true; doc: ExportDocument; plan: ImportPlan }
    | { ok: false; errors: string[]; problems: ImportProblem[] }
  > {
    const tooBig = sizeProblem(file.size);
    if (tooBig && !tooBig.ok) return tooBig;
    const ids = await (await this.#store.runs()).ids();
    await this.#library.load();
    const checked = checkImport(await file.text(), file.size, {
      builtInSuiteIds: BUILTIN_SUITE_IDS,
      storedSuiteIds: this.#library.storedIds,
      storedRunIds: ids.runs,
    });
    if (!checked.ok) return checked;
    return {
      ok: true,
      doc: checked.doc,
      plan: planImport(checked.doc, ids.runs, ids.results, this.#library.storedIds),
    };
  }

  async applyImport(doc: ExportDocument): Promise<{ runs: number; results: number }> {
    const added = await (await this.#store.runs()).importAll(doc.runs, doc.results, doc.suites);
    this.#store.touched();
    return added;
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
  get diff() {
    return this.#diff;
  }
  get models() {
    return this.#models;
  }
  /** Suites a run can have run: the built-in ones and those written or imported here. */
  get suites(): { id: string; name: string }[] {
    return this.#library.all;
  }

  #runFilter(): RunFilter {
    const f = this.filter;
    const day = localDayBoundIso;
    return {
      ...(f.model ? { model: f.model } : {}),
      ...(f.kind ? { kind: f.kind as RunKind } : {}),
      ...(f.suite ? { suiteId: f.suite } : {}),
      ...(f.from ? { from: day(f.from, false) } : {}),
      ...(f.to ? { to: day(f.to, true) } : {}),
    };
  }

  /** Two runs side by side, task by task: the week-over-week question. */
  async compare(aId: string, bId: string): Promise<void> {
    const runs = await this.#store.runs();
    const [a, b] = await Promise.all([runs.get(aId), runs.get(bId)]);
    if (!a || !b) return;
    // Older on the left, so deltas read as "what changed since".
    const [first, second] = a.startedAt <= b.startedAt ? [a, b] : [b, a];
    const [ra, rb] = await Promise.all([runs.results(first.id), runs.results(second.id)]);
    this.#diff = { a: first, b: second, tasks: diffRuns(ra, rb) };
  }

  closeDiff(): void {
    this.#diff = null;
  }

  async #page(before?: string): Promise<RunRow[]> {
    const runs = await this.#store.runs();
    const page = await runs.page(PAGE + 1, before, this.#runFilter());
    this.#more = page.length > PAGE;
    return Promise.all(
      page.slice(0, PAGE).map(async (r) => ({ ...r, results: await runs.countResults(r.id) })),
    );
  }

  async reload(): Promise<void> {
    try {
      this.#models = await (await this.#store.runs()).models();
      await this.#library.load();
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
export const createHistoryState = (store: StoreState, library: SuiteLibrary) =>
  setContext(KEY, new HistoryState(store, library));
export const useHistoryState = () => getContext<HistoryState>(KEY);

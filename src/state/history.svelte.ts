import { getContext, setContext } from 'svelte';
import { toAppError } from '../core/engine-errors';
import type { AppError } from '../core/engine-types';
import type { ResultRecord, Run } from '../core/results';
import { resultDamage, runDamage, sortOut, type Damage } from '../core/record-check';
import { planKey } from '../core/plan';
import { compareWithBaseline, type RegressionReport } from '../core/regression';
import { BUILTIN_SUITE_IDS } from '../catalog/suites/builtin';
import type { Resolution } from '../core/import-conflicts';
import type { ImportPreview, ImportProgress } from '../core/import-file';
import { startImportWorker, type ImportWorker } from '../platform/import-worker';
import { localDayBoundIso, type RunKind } from '../core/results';
import type { RunFilter } from '../store/runs';
import { BASELINES } from './evaluate-plans.svelte';
import type { StoreState } from './store.svelte';
import type { SuiteLibrary } from './suite-library.svelte';

const PAGE = 50;

export interface RunRow extends Run {
  results: number;
}

/** Two runs compared: the newer judged against the older, or why they cannot be. */
export interface RunComparison {
  older: Run;
  newer: Run;
  report: RegressionReport | null;
  why: string | null;
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
  /** Damaged runs and suites in the store, and damaged results of the opened run. */
  #damaged = $state.raw<Damage[]>([]);
  #diff = $state.raw<RunComparison | null>(null);
  #models = $state.raw<string[]>([]);
  #baselines = $state.raw<string[]>([]);
  /** Filter inputs as the form holds them: empty means no filter; dates are YYYY-MM-DD, local. */
  filter = $state({ model: '', kind: '', suite: '', from: '', to: '' });

  readonly #startWorker: () => ImportWorker;

  constructor(store: StoreState, library: SuiteLibrary, startWorker: () => ImportWorker = startImportWorker) {
    this.#store = store;
    this.#library = library;
    this.#startWorker = startWorker;
  }

  #import: ImportWorker | null = null;

  /** Reads and checks a file in a worker, then says what importing it would do; writes nothing. */
  async previewImport(file: File, onProgress: (p: ImportProgress) => void): Promise<ImportPreview> {
    this.cancelImport();
    const worker = (this.#import = this.#startWorker());
    try {
      return await worker.preview(file, [...BUILTIN_SUITE_IDS], onProgress);
    } catch (e) {
      this.cancelImport();
      throw e;
    }
  }

  /** Writes the file checked last, in one transaction, from the worker that checked it. */
  async applyImport(
    resolution: Resolution,
    onProgress: (p: ImportProgress) => void,
  ): Promise<{ runs: number; results: number; suites: number }> {
    const worker = this.#import;
    if (!worker) throw new Error('No checked file to import: choose the file again.');
    try {
      const added = await worker.apply(resolution, onProgress);
      this.#store.touched();
      await this.#library.load();
      return added;
    } finally {
      this.cancelImport();
    }
  }

  /** Drops a checked file (or stops one being checked). */
  cancelImport(): void {
    this.#import?.end();
    this.#import = null;
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
  /** Whether a run is the baseline its plan's later runs are judged against. */
  isBaseline(runId: string): boolean {
    return this.#baselines.includes(runId);
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

  /**
   * The week-over-week question for two runs: the newer judged against the older as its
   * baseline (regression verdicts), when both are evaluations of the same plan.
   */
  async compare(aId: string, bId: string): Promise<void> {
    const runs = await this.#store.runs();
    const [a, b] = await Promise.all([runs.get(aId), runs.get(bId)]);
    if (!a || !b) return;
    const [older, newer] = a.startedAt <= b.startedAt ? [a, b] : [b, a];
    if (!older.plan || !newer.plan)
      return void (this.#diff = {
        older,
        newer,
        report: null,
        why: 'Only evaluations compare: they keep the plan that pairs their tasks and candidates. Open the runs to read them side by side.',
      });
    if (planKey(older.plan) !== planKey(newer.plan))
      return void (this.#diff = {
        older,
        newer,
        report: null,
        why: 'These evaluations ran different plans (suite, candidates, repeats, token cap, judge or stress differ): their results do not pair.',
      });
    const [ra, rb] = await Promise.all([runs.results(older.id), runs.results(newer.id)]);
    const ok = (rs: ResultRecord[]) => sortOut<ResultRecord>(rs, resultDamage).ok;
    this.#diff = {
      older,
      newer,
      report: compareWithBaseline(
        { plan: older.plan, results: ok(ra) },
        { plan: newer.plan, results: ok(rb) },
      ),
      why: null,
    };
  }

  closeDiff(): void {
    this.#diff = null;
  }

  async #page(before?: string): Promise<RunRow[]> {
    const runs = await this.#store.runs();
    const page = await runs.page(PAGE + 1, before, this.#runFilter());
    this.#more = page.length > PAGE;
    // Damaged runs (found by reload) are listed apart, never as rows the table would trip over.
    const damaged = this.#damaged.filter((d) => d.kind === 'run').map((d) => d.id);
    return Promise.all(
      page
        .slice(0, PAGE)
        .filter((r) => !damaged.includes(r.id))
        .map(async (r) => ({ ...r, results: await runs.countResults(r.id) })),
    );
  }

  async reload(): Promise<void> {
    try {
      const runs = await this.#store.runs();
      this.#models = await runs.models();
      const kept = await this.#store.setting(BASELINES);
      this.#baselines =
        typeof kept === 'object' && kept !== null ? Object.values(kept as Record<string, string>) : [];
      await this.#library.load();
      const damagedRuns = sortOut<Run>(await runs.allRuns(), runDamage).damaged;
      this.#damaged = [...damagedRuns, ...this.#library.damaged];
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
    const { ok, damaged } = sortOut<ResultRecord>(await runs.results(runId), resultDamage);
    this.#open = { run, results: ok.sort((a, b) => a.createdAt.localeCompare(b.createdAt)) };
    this.#damaged = [...this.#damaged.filter((d) => d.kind !== 'result'), ...damaged];
  }

  close(): void {
    this.#open = null;
    this.#damaged = this.#damaged.filter((d) => d.kind !== 'result');
  }

  /** Records in the store the app cannot show as they are: listed with why, to remove. */
  get damaged(): Damage[] {
    return this.#damaged;
  }

  /** Removes damaged records (a damaged run with its results). */
  async removeDamaged(records: readonly Damage[]): Promise<void> {
    const runs = await this.#store.runs();
    const ids = (kind: Damage['kind']) => records.filter((d) => d.kind === kind).map((d) => d.id);
    if (ids('run').length) await runs.delete(ids('run'));
    if (ids('result').length) await runs.deleteResults(ids('result'));
    for (const id of ids('suite')) await this.#library.delete(id);
    this.#damaged = this.#damaged.filter((d) => !records.includes(d));
    this.#store.touched();
  }

  async delete(runId: string): Promise<void> {
    await (await this.#store.runs()).delete([runId]);
    if (this.#open?.run.id === runId) this.#open = null;
    this.#store.touched();
    await this.reload();
  }
}

const KEY = Symbol('history');
export const provideHistoryState = (state: HistoryState) => setContext(KEY, state);
export const useHistoryState = () => getContext<HistoryState>(KEY);

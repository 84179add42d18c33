import { nowIso, type ResultRecord, type Run, type RunKind, type RunStatus } from '../core/results';
import type { ImportWrites, StoredTwins } from '../core/import-conflicts';
import type { Plan } from '../core/plan';
import type { Suite } from '../core/suite';
import { groupCommit } from '../core/group-commit';
import type { Db } from './db';

export interface RunFilter {
  model?: string;
  kind?: RunKind;
  suiteId?: string;
  /** Inclusive bounds on the start time, ISO 8601. */
  from?: string;
  to?: string;
}

export function newId(): string {
  return crypto.randomUUID();
}

/**
 * Chromium commits an IndexedDB transaction once the browser process has handed it to the
 * OS ('relaxed'): a crashed page or browser loses nothing, a power cut may lose the last
 * writes. 'strict' (a disk flush per commit) cost 1.6x the time here; Chromium's 'default'
 * measured the same as 'relaxed'. Said explicitly so every browser does the same.
 */
const RESULT_WRITES = { durability: 'relaxed' } as const;

/** Runs and their results, each written the moment its work completes. */
export class RunsRepository {
  /** Results that complete while another is being written go in the next transaction together. */
  readonly #results = groupCommit<ResultRecord>(async (records) => {
    const tx = this.db.transaction('results', 'readwrite', RESULT_WRITES);
    await Promise.all([...records.map((r) => tx.store.add(r)), tx.done]);
  });

  constructor(private readonly db: Db) {}

  async start(kind: RunKind, title: string, suiteId?: string, plan?: Plan): Promise<Run> {
    const run: Run = {
      id: newId(),
      kind,
      title,
      status: 'running',
      startedAt: nowIso(),
      endedAt: null,
      note: null,
      ...(suiteId ? { suiteId } : {}),
      ...(plan ? { plan } : {}),
    };
    await this.db.add('runs', run);
    return run;
  }

  /** Sets a run's state; leaving `running` stamps the end time. */
  async setStatus(runId: string, status: RunStatus, note: string | null = null, plan?: Plan): Promise<void> {
    const tx = this.db.transaction('runs', 'readwrite');
    const run = await tx.store.get(runId);
    if (run) {
      const endedAt = status === 'running' ? null : nowIso();
      // A run continued with a candidate added (the ladder) keeps the plan it now covers.
      await tx.store.put({ ...run, status, note, endedAt, ...(plan ? { plan } : {}) });
    }
    await tx.done;
  }

  /** Resolves once the result is committed; a refused one (a duplicate id) fails alone. */
  addResult(result: ResultRecord): Promise<void> {
    return this.#results.add(result);
  }

  get(runId: string): Promise<Run | undefined> {
    return this.db.get('runs', runId);
  }

  results(runId: string): Promise<ResultRecord[]> {
    return this.db.getAllFromIndex('results', 'by-run', runId);
  }

  countResults(runId: string): Promise<number> {
    return this.db.countFromIndex('results', 'by-run', runId);
  }

  /** Newest first, one page at a time, walking the start-time index backwards; filters skip as they walk. */
  async page(limit: number, before?: string, filter: RunFilter = {}): Promise<Run[]> {
    const range = before === undefined ? undefined : IDBKeyRange.upperBound(before, true);
    const withModel = filter.model ? await this.runsWithModel(filter.model) : null;
    const runs: Run[] = [];
    let cursor = await this.db.transaction('runs').store.index('by-started').openCursor(range, 'prev');
    while (cursor && runs.length < limit) {
      const run = cursor.value;
      if (filter.from !== undefined && run.startedAt < filter.from) break;
      const keep =
        (filter.to === undefined || run.startedAt <= filter.to) &&
        (filter.kind === undefined || run.kind === filter.kind) &&
        (filter.suiteId === undefined || run.suiteId === filter.suiteId) &&
        (withModel === null || withModel.has(run.id));
      if (keep) runs.push(run);
      cursor = await cursor.continue();
    }
    return runs;
  }

  /** Ids of the runs that hold at least one result of this model. */
  async runsWithModel(modelId: string): Promise<Set<string>> {
    const ids = new Set<string>();
    let cursor = await this.db.transaction('results').store.index('by-model').openCursor(modelId);
    while (cursor) {
      ids.add(cursor.value.runId);
      cursor = await cursor.continue();
    }
    return ids;
  }

  /** Every model with stored results, for the filter. */
  async models(): Promise<string[]> {
    const models: string[] = [];
    let cursor = await this.db
      .transaction('results')
      .store.index('by-model')
      .openKeyCursor(null, 'nextunique');
    while (cursor) {
      models.push(String(cursor.key));
      cursor = await cursor.continue();
    }
    return models;
  }

  /** At start-up: a run left `running` by a closed or crashed page becomes `interrupted`, its results kept. */
  async markInterrupted(): Promise<number> {
    const tx = this.db.transaction('runs', 'readwrite');
    const left = await tx.store.index('by-status').getAll('running');
    const endedAt = nowIso();
    for (const run of left) {
      await tx.store.put({
        ...run,
        status: 'interrupted',
        endedAt,
        note: 'The page closed before the run finished.',
      });
    }
    await tx.done;
    return left.length;
  }

  /** The ids of every stored run, result and suite: what an import is checked and planned against. */
  async keys(): Promise<{ runs: string[]; results: string[]; suites: string[] }> {
    const [runs, results, suites] = await Promise.all([
      this.db.getAllKeys('runs'),
      this.db.getAllKeys('results'),
      this.db.getAllKeys('suites'),
    ]);
    return { runs, results, suites };
  }

  /**
   * Merges imported runs and results in one transaction: ids already present are kept as
   * they are; any failure aborts the transaction, so nothing at all is written.
   */
  async importAll(
    runs: readonly Run[],
    results: readonly ResultRecord[],
    suites: readonly Suite[] = [],
    /** Told the share of records written, now and then. */
    onProgress?: (fraction: number) => void,
  ): Promise<{ runs: number; results: number; suites: number }> {
    const { runs: runKeys, results: resultKeys, suites: suiteKeys } = await this.keys();
    const has = (keys: readonly string[]) => {
      const set = new Set(keys);
      return <T extends { id: string }>(r: T) => !set.has(r.id);
    };
    return this.writeImport(
      {
        add: {
          runs: runs.filter(has(runKeys)),
          results: results.filter(has(resultKeys)),
          // The suites the runs ran come along; built-in ones ship with the app and stay in code.
          suites: suites.filter((s) => s.source !== 'built-in').filter(has(suiteKeys)),
        },
        replace: { runs: [], results: [], suites: [] },
        clearResultsOf: [],
      },
      onProgress,
    );
  }

  /** The records stored under any of these ids, for telling the same record from a different one. */
  async twins(ids: { runs: string[]; results: string[]; suites: string[] }): Promise<StoredTwins> {
    const tx = this.db.transaction(['runs', 'results', 'suites']);
    const read = async <S extends 'runs' | 'results' | 'suites'>(store: S, keys: string[]) => {
      const found = await Promise.all(keys.map((k) => tx.objectStore(store).get(k)));
      return new Map(found.filter((r) => r !== undefined).map((r) => [r.id, r]));
    };
    const [runs, results, suites] = await Promise.all([
      read('runs', ids.runs),
      read('results', ids.results),
      read('suites', ids.suites),
    ]);
    await tx.done;
    return { runs, results, suites } as StoredTwins;
  }

  /**
   * Writes an import in one transaction: a replaced run's old results are deleted first,
   * then new records added and differing ones put over mine. Any failure aborts it, so
   * nothing at all is written.
   */
  async writeImport(
    writes: ImportWrites,
    onProgress?: (fraction: number) => void,
  ): Promise<{ runs: number; results: number; suites: number }> {
    const tx = this.db.transaction(['runs', 'results', 'suites'], 'readwrite');
    const runStore = tx.objectStore('runs');
    const resultStore = tx.objectStore('results');
    const suiteStore = tx.objectStore('suites');
    try {
      for (const runId of writes.clearResultsOf) {
        let cursor = await resultStore.index('by-run').openKeyCursor(runId);
        while (cursor) {
          await resultStore.delete(cursor.primaryKey);
          cursor = await cursor.continue();
        }
      }
      const { add, replace } = writes;
      const total =
        add.runs.length +
        add.results.length +
        add.suites.length +
        replace.runs.length +
        replace.results.length +
        replace.suites.length;
      const step = Math.max(1, Math.floor(total / 100));
      let written = 0;
      // Queued without awaiting each one: a round trip per record made 100k imports take
      // minutes. Each request gets a handler at once, so a failure that aborts the
      // transaction rejects the rest without unhandled rejections.
      const writesQueued: Promise<unknown>[] = [];
      const queue = (request: Promise<unknown>) => {
        request.then(
          () => {
            if (++written % step === 0) onProgress?.(written / total);
          },
          () => undefined,
        );
        writesQueued.push(request);
      };
      for (const r of add.runs) queue(runStore.add(r));
      for (const r of replace.runs) queue(runStore.put(r));
      for (const r of add.results) queue(resultStore.add(r));
      for (const r of replace.results) queue(resultStore.put(r));
      for (const s of add.suites) queue(suiteStore.add(s));
      for (const s of replace.suites) queue(suiteStore.put(s));
      await Promise.all([...writesQueued, tx.done]);
      return {
        runs: add.runs.length + replace.runs.length,
        results: add.results.length + replace.results.length,
        suites: add.suites.length + replace.suites.length,
      };
    } catch (e) {
      if (!tx.error) {
        try {
          tx.abort();
        } catch {
          // already aborted by the failed request
        }
      }
      await tx.done.catch(() => undefined);
      throw e;
    }
  }

  /** Every stored run as stored, for finding damaged ones (runs are few; results are read per run). */
  allRuns(): Promise<unknown[]> {
    return this.db.getAll('runs');
  }

  /** Deletes single results (damaged ones) in one transaction. */
  async deleteResults(ids: string[]): Promise<void> {
    const tx = this.db.transaction('results', 'readwrite');
    await Promise.all([...ids.map((id) => tx.store.delete(id)), tx.done]);
  }

  /** Deletes runs and their results in one transaction: all or nothing. */
  async delete(runIds: string[]): Promise<void> {
    const tx = this.db.transaction(['runs', 'results'], 'readwrite');
    for (const id of runIds) {
      await tx.objectStore('runs').delete(id);
      let cursor = await tx.objectStore('results').index('by-run').openKeyCursor(id);
      while (cursor) {
        await tx.objectStore('results').delete(cursor.primaryKey);
        cursor = await cursor.continue();
      }
    }
    await tx.done;
  }
}

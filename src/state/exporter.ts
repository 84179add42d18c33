import { getContext, setContext } from 'svelte';
import { resultsCsv } from '../core/csv';
import { ExportJsonWriter, buildExport, exportFileName, type ExportDocument } from '../core/export-format';
import { nowIso, type ResultRecord, type Run } from '../core/results';
import { recordChecks } from './record-checks';
import { withoutSecrets } from '../core/secret-scan';
import type { Suite } from '../core/suite';
import { downloadBlob, downloadText } from '../platform/download';
import type { DeviceState } from './device.svelte';
import type { StoreState } from './store.svelte';
import type { SuiteLibrary } from './suite-library.svelte';

/** Runs whose results are read ahead of the one being written out. */
const READ_AHEAD = 8;
/** Text handed to a Blob at a time while exporting. */
const BLOB_PIECE_CHARS = 8 * 1024 * 1024;

/** Result files: some runs (or all) with their results, suites and this device's facts; never a key. */
export class Exporter {
  constructor(
    private readonly store: StoreState,
    /** The suite library loads with Evaluate and History: asked for only when a run has a suite. */
    private readonly suites: () => Promise<Pick<SuiteLibrary, 'load' | 'all'>>,
    private readonly device: DeviceState,
  ) {}

  /** The runs to export (every one when none are named), undamaged, with their suites and this device. */
  async #select(runIds?: string[]) {
    const runs = await this.store.runs();
    const checks = await recordChecks();
    const { runDamage } = checks;
    const all = runIds ?? (await runs.page(Number.MAX_SAFE_INTEGER)).map((r) => r.id);
    // Damaged records stay out: a file must import again (History lists them to remove).
    const chosen = (await Promise.all(all.map((id) => runs.get(id)))).filter(
      (r) => r !== undefined && runDamage(r) === null,
    ) as Run[];
    const suiteIds = new Set(chosen.flatMap((r) => (r.suiteId === undefined ? [] : [r.suiteId])));
    let suites: Suite[] = [];
    if (suiteIds.size) {
      const library = await this.suites();
      await library.load();
      suites = library.all.filter((s) => suiteIds.has(s.id));
    }
    const exportedAt = nowIso();
    return {
      runs,
      checks,
      chosen,
      suites,
      environment: { userAgent: navigator.userAgent, device: this.device.report },
      exportedAt,
      fileName: exportFileName(exportedAt, runIds ? `${chosen.length}-runs` : 'all'),
    };
  }

  /**
   * The export document of some runs, or of every run when none are named. It passes the
   * import's secret scan: a key-like string (one a model echoed, say) is replaced, counted.
   */
  async document(
    runIds?: string[],
  ): Promise<{ doc: ExportDocument; fileName: string; removedSecrets: number }> {
    const { runs, checks, chosen, suites, environment, exportedAt, fileName } = await this.#select(runIds);
    const { sortOut, resultDamage } = checks;
    const results = (
      await Promise.all(
        chosen.map(async (r) => sortOut<ResultRecord>(await runs.results(r.id), resultDamage).ok),
      )
    ).flat();
    const { value: doc, removed } = withoutSecrets(
      buildExport(chosen, results, environment, __APP_VERSION__, exportedAt, suites),
    );
    return { doc, fileName, removedSecrets: removed };
  }

  /**
   * The same file as `document` would give, pretty-printed, as Blobs: one run's results are
   * read (the next run's read meanwhile), scanned and handed to a Blob, which the browser
   * keeps outside the page's heap, before the next; a 100k-result export never holds the
   * whole document or its text at once.
   */
  async #jsonFile(runIds?: string[]): Promise<{ blob: Blob; fileName: string; removedSecrets: number }> {
    const { runs, checks, chosen, suites, environment, exportedAt, fileName } = await this.#select(runIds);
    const { sortOut, resultDamage } = checks;
    const writer = new ExportJsonWriter();
    const pieces: Blob[] = [];
    let text = '';
    let removedSecrets = 0;
    // Runs read ahead keep IndexedDB busy while the page serialises (one ahead left it
    // idle 1.9 s of 6.6); text goes to a Blob every few MB (a Blob per run cost 0.9 s).
    const reads = chosen.map((run) => () => runs.results(run.id));
    const ahead = reads.splice(0, READ_AHEAD).map((read) => read());
    while (ahead.length > 0) {
      const records = await (ahead.shift() as Promise<ResultRecord[]>);
      const read = reads.shift();
      if (read) ahead.push(read());
      const clean = sortOut<ResultRecord>(records, resultDamage).ok.map((r) => {
        const { value, removed } = withoutSecrets(r);
        removedSecrets += removed;
        return value;
      });
      text += writer.add(clean);
      if (text.length >= BLOB_PIECE_CHARS) {
        pieces.push(new Blob([text]));
        text = '';
      }
    }
    pieces.push(new Blob([text]));
    const { value: head, removed } = withoutSecrets({ chosen, suites, environment });
    removedSecrets += removed;
    const { before, after } = writer.finish(
      head.chosen,
      head.environment,
      __APP_VERSION__,
      exportedAt,
      head.suites,
    );
    const blob = new Blob([before, ...pieces, after], { type: 'application/json' });
    return { blob, fileName, removedSecrets };
  }

  /** Downloads the runs (all when none are named) as JSON or CSV; says what it left out, if anything. */
  async download(kind: 'json' | 'csv', runIds?: string[]): Promise<string> {
    let removedSecrets: number;
    if (kind === 'json') {
      const json = await this.#jsonFile(runIds);
      downloadBlob(json.fileName, json.blob);
      removedSecrets = json.removedSecrets;
    } else {
      const { doc, fileName, removedSecrets: removed } = await this.document(runIds);
      downloadText(fileName.replace(/\.json$/, '.csv'), resultsCsv(doc.runs, doc.results), 'text/csv');
      removedSecrets = removed;
    }
    return removedSecrets
      ? `${removedSecrets} value${removedSecrets === 1 ? '' : 's'} that looked like an API key ${removedSecrets === 1 ? 'was' : 'were'} left out of the file.`
      : '';
  }
}

const KEY = Symbol('exporter');
export const createExporter = (
  store: StoreState,
  suites: () => Promise<Pick<SuiteLibrary, 'load' | 'all'>>,
  device: DeviceState,
) => setContext(KEY, new Exporter(store, suites, device));
export const useExporter = () => getContext<Exporter>(KEY);

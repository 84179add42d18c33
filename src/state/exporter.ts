import { getContext, setContext } from 'svelte';
import { resultsCsv } from '../core/csv';
import { buildExport, exportFileName, type ExportDocument } from '../core/export-format';
import { nowIso, type ResultRecord, type Run } from '../core/results';
import { resultDamage, runDamage, sortOut } from '../core/record-check';
import { withoutSecrets } from '../core/secret-scan';
import { downloadText } from '../platform/download';
import type { DeviceState } from './device.svelte';
import type { StoreState } from './store.svelte';
import type { SuiteLibrary } from './suite-library.svelte';

/** Result files: some runs (or all) with their results, suites and this device's facts; never a key. */
export class Exporter {
  constructor(
    private readonly store: StoreState,
    private readonly suites: SuiteLibrary,
    private readonly device: DeviceState,
  ) {}

  /**
   * The export document of some runs, or of every run when none are named. It passes the
   * import's secret scan: a key-like string (one a model echoed, say) is replaced, counted.
   */
  async document(
    runIds?: string[],
  ): Promise<{ doc: ExportDocument; fileName: string; removedSecrets: number }> {
    const runs = await this.store.runs();
    const all = runIds ?? (await runs.page(Number.MAX_SAFE_INTEGER)).map((r) => r.id);
    // Damaged records stay out: a file must import again (History lists them to remove).
    const chosen = (await Promise.all(all.map((id) => runs.get(id)))).filter(
      (r) => r !== undefined && runDamage(r) === null,
    ) as Run[];
    const results = (
      await Promise.all(
        chosen.map(async (r) => sortOut<ResultRecord>(await runs.results(r.id), resultDamage).ok),
      )
    ).flat();
    const exportedAt = nowIso();
    const environment = { userAgent: navigator.userAgent, device: this.device.report };
    const suiteIds = new Set(chosen.flatMap((r) => (r.suiteId === undefined ? [] : [r.suiteId])));
    if (suiteIds.size) await this.suites.load();
    const suites = this.suites.all.filter((s) => suiteIds.has(s.id));
    const { value: doc, removed } = withoutSecrets(
      buildExport(chosen, results, environment, __APP_VERSION__, exportedAt, suites),
    );
    return {
      doc,
      fileName: exportFileName(exportedAt, runIds ? `${chosen.length}-runs` : 'all'),
      removedSecrets: removed,
    };
  }

  /** Downloads the runs (all when none are named) as JSON or CSV; says what it left out, if anything. */
  async download(kind: 'json' | 'csv', runIds?: string[]): Promise<string> {
    const { doc, fileName, removedSecrets } = await this.document(runIds);
    if (kind === 'json') downloadText(fileName, JSON.stringify(doc, null, 2));
    else downloadText(fileName.replace(/\.json$/, '.csv'), resultsCsv(doc.runs, doc.results), 'text/csv');
    return removedSecrets
      ? `${removedSecrets} value${removedSecrets === 1 ? '' : 's'} that looked like an API key ${removedSecrets === 1 ? 'was' : 'were'} left out of the file.`
      : '';
  }
}

const KEY = Symbol('exporter');
export const createExporter = (store: StoreState, suites: SuiteLibrary, device: DeviceState) =>
  setContext(KEY, new Exporter(store, suites, device));
export const useExporter = () => getContext<Exporter>(KEY);

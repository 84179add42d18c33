import { getContext, setContext } from 'svelte';
import { resultsCsv } from '../core/csv';
import { buildExport, exportFileName, type ExportDocument } from '../core/export-format';
import { nowIso } from '../core/results';
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

  /** The export document of some runs, or of every run when none are named. */
  async document(runIds?: string[]): Promise<{ doc: ExportDocument; fileName: string }> {
    const runs = await this.store.runs();
    const all = runIds ?? (await runs.page(Number.MAX_SAFE_INTEGER)).map((r) => r.id);
    const chosen = (await Promise.all(all.map((id) => runs.get(id)))).filter((r) => r !== undefined);
    const results = (await Promise.all(chosen.map((r) => runs.results(r.id)))).flat();
    const exportedAt = nowIso();
    const environment = { userAgent: navigator.userAgent, device: this.device.report };
    const suiteIds = new Set(chosen.flatMap((r) => (r.suiteId === undefined ? [] : [r.suiteId])));
    if (suiteIds.size) await this.suites.load();
    const suites = this.suites.all.filter((s) => suiteIds.has(s.id));
    const doc = buildExport(chosen, results, environment, __APP_VERSION__, exportedAt, suites);
    return { doc, fileName: exportFileName(exportedAt, runIds ? `${chosen.length}-runs` : 'all') };
  }

  async csv(runIds?: string[]): Promise<{ csv: string; fileName: string }> {
    const { doc, fileName } = await this.document(runIds);
    return { csv: resultsCsv(doc.runs, doc.results), fileName: fileName.replace(/\.json$/, '.csv') };
  }
}

const KEY = Symbol('exporter');
export const createExporter = (store: StoreState, suites: SuiteLibrary, device: DeviceState) =>
  setContext(KEY, new Exporter(store, suites, device));
export const useExporter = () => getContext<Exporter>(KEY);

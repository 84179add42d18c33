import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildExport } from '../../src/core/export-format';
import type { Run } from '../../src/core/results';
import { openApp, startTrace } from './browser';
import { samplePeakMemory } from './memory';
import { result } from './store-page';
import type { BenchResult, Benchmark } from './types';
import { longestMainThreadTask } from './ui';

const RUNS = 100;
const RESULTS = 100_000;

const mb = (bytes: number | null) => (bytes === null ? -1 : Math.round((bytes / 1048576) * 10) / 10);

/**
 * A 100,000-result file through History in the built app, as a user does it: chosen,
 * checked (preview), confirmed, written; then every run exported again with Export all
 * (JSON). Timed from Playwright's side of the page, memory sampled from /proc meanwhile.
 */
export const storeUi: Benchmark = {
  group: 'store',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'qwenfit-import-'));
    const file = join(dir, 'bulk.json');
    const runs: Run[] = Array.from({ length: RUNS }, (_, i) => ({
      id: `run-${i}`,
      kind: 'playground',
      title: `Bulk ${i}`,
      status: 'completed',
      startedAt: '2026-11-01T00:00:00.000Z',
      endedAt: '2026-11-01T01:00:00.000Z',
      note: null,
    }));
    const results = Array.from({ length: RESULTS }, (_, i) => result(`run-${i % RUNS}`, i));
    const text = JSON.stringify(
      buildExport(runs, results, { userAgent: 'bench', device: null }, 'bench', '2026-11-02T00:00:00.000Z'),
    );
    writeFileSync(file, text);
    const app = await openApp(4394);
    try {
      const { page } = app;
      await page.goto(`${app.baseUrl}/#/history`);
      await page.getByLabel('Results file to import').waitFor({ state: 'attached' });
      const tracing = await startTrace(page);
      const importMemory = samplePeakMemory(app.profile);
      const t0 = performance.now();
      await page.getByLabel('Results file to import').setInputFiles(file);
      const dialog = page.getByRole('dialog', { name: 'Import results' });
      await dialog.getByTestId('import-preview').waitFor({ timeout: 300_000 });
      const checkedMs = performance.now() - t0;
      await dialog.getByRole('button', { name: 'Import' }).click();
      await page.getByRole('status').filter({ hasText: 'Imported 100 runs' }).waitFor({ timeout: 600_000 });
      const importMs = performance.now() - t0;
      const importPeak = importMemory.stop();
      const trace = await tracing.stop();

      const exportMemory = samplePeakMemory(app.profile);
      const t1 = performance.now();
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: 300_000 }),
        page.getByRole('button', { name: 'Export all (JSON)' }).click(),
      ]);
      const exportMs = performance.now() - t1;
      const exportPeak = exportMemory.stop();
      const exported = statSync(await download.path()).size;

      const n = `${RESULTS.toLocaleString('en-US')} results in ${RUNS} runs (${(text.length / 1048576).toFixed(1)} MB), built app in headless Chromium with a profile on disk`;
      const memory =
        "peak growth of the tab's resident memory (page and worker heaps and all the renderer holds), sampled every 20 ms from /proc: an upper bound on heap growth";
      return [
        {
          id: 'store.import_100k_ms',
          value: Math.round(importMs),
          unit: 'ms',
          better: 'lower',
          note: `${n}; History → Import: file chosen to "Imported" (read, check and write all in the import worker, one transaction); target < 5,000`,
        },
        {
          id: 'store.import_check_ms',
          value: Math.round(checkedMs),
          unit: 'ms',
          better: 'lower',
          note: `${n}; file chosen to the preview shown: read, scanned, parsed, schema, semantic and secret checks`,
        },
        {
          id: 'store.import_longest_task_ms',
          value: Math.round(longestMainThreadTask(trace) * 10) / 10,
          unit: 'ms',
          better: 'lower',
          note: `${n}; longest task on the page's main thread from choosing the file to "Imported" (Chromium's trace); target < 100`,
        },
        {
          id: 'store.import_heap_peak_mb',
          value: mb(importPeak),
          unit: 'MB',
          better: 'lower',
          note: `${n}; ${memory}, from choosing the file to "Imported"; target < 300`,
        },
        {
          id: 'store.export_100k_ms',
          value: Math.round(exportMs),
          unit: 'ms',
          better: 'lower',
          note: `${n}; History → Export all (JSON): click to the browser's download starting (${(exported / 1048576).toFixed(1)} MB file, as the app writes it); target < 3,000`,
        },
        {
          id: 'store.export_heap_peak_mb',
          value: mb(exportPeak),
          unit: 'MB',
          better: 'lower',
          note: `${n}; ${memory}, from the click to the download starting; target < 300`,
        },
      ] satisfies BenchResult[];
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

import { chromium } from '@playwright/test';
import { QUIET_FLAGS, chromiumPath } from '../../tests/support/chromium';
import type { runStoreBench } from './store-page';
import { startVite } from './browser';
import type { BenchResult, Benchmark } from './types';

const PORT = 4393;

/**
 * The store's own code in real Chromium IndexedDB: served by the Vite dev server so the
 * page can import src/ modules directly; heap figures need precise memory info.
 */
export const store: Benchmark = {
  group: 'store',
  async run() {
    const server = await startVite('dev', PORT);
    const base = server.url;
    const browser = await chromium
      .launch({
        executablePath: chromiumPath(),
        args: [...QUIET_FLAGS, '--enable-precise-memory-info', '--js-flags=--expose-gc'],
      })
      .catch((e: unknown) => {
        server.stop();
        throw e;
      });
    try {
      const page = await browser.newPage();
      await page.goto(`${base}/`);
      // A string, so the bundler's helpers never leak into the page's copy of the code.
      const figures = (await page.evaluate(
        "import('/scripts/bench/store-page.ts').then((m) => m.runStoreBench())",
      )) as Awaited<ReturnType<typeof runStoreBench>>;
      const mb = (b: number) => Math.round((b / 1048576) * 10) / 10;
      const n = `${figures.total.toLocaleString('en-US')} results, ${mb(figures.bytes)} MB of JSON, Chromium IndexedDB`;
      return [
        {
          id: 'store.write_10k_ms',
          value: Math.round(figures.write10k),
          unit: 'ms',
          better: 'lower',
          note: '10,000 results, one transaction each',
        },
        {
          id: 'store.history_first_page_ms',
          value: Math.round(figures.firstPage * 10) / 10,
          unit: 'ms',
          better: 'lower',
          note: `first 50 runs newest first with their result counts, ${n}`,
        },
        {
          id: 'store.export_100k_ms',
          value: Math.round(figures.exportMs),
          unit: 'ms',
          better: 'lower',
          note: `read everything and serialise, ${n}`,
        },
        {
          id: 'store.import_100k_ms',
          value: Math.round(figures.importMs),
          unit: 'ms',
          better: 'lower',
          note: `checkImport (size, nesting, parse, schema, semantic and secret checks) then importAll into an empty database in one transaction, on the page thread (the app does both in its import worker: see store.import_ui_*), ${n}`,
        },
        {
          id: 'store.export_heap_mb',
          value: mb(figures.exportHeap),
          unit: 'MB',
          better: 'lower',
          note: 'JS heap growth during export (precise memory info)',
        },
        {
          id: 'store.import_heap_mb',
          value: mb(figures.importHeap),
          unit: 'MB',
          better: 'lower',
          note: 'JS heap growth during import (precise memory info)',
        },
      ] satisfies BenchResult[];
    } finally {
      await browser.close();
      server.stop();
    }
  },
};

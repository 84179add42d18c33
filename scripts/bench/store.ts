import type { runStoreBench } from './store-page';
import { openApp } from './browser';
import type { BenchResult, Benchmark } from './types';

const PORT = 4393;

/**
 * The store's own code in real Chromium IndexedDB with a profile on disk: served by the
 * Vite dev server so the page can import src/ modules directly.
 */
export const store: Benchmark = {
  group: 'store',
  async run() {
    const app = await openApp(PORT, 'dev');
    try {
      const { page } = app;
      await page.goto(`${app.baseUrl}/`);
      // A string, so the bundler's helpers never leak into the page's copy of the code.
      const figures = (await page.evaluate(
        "import('/scripts/bench/store-page.ts').then((m) => m.runStoreBench())",
      )) as Awaited<ReturnType<typeof runStoreBench>>;
      const disk = 'Chromium IndexedDB, profile on disk, the app schema (4 indexes on results)';
      const commitNote = (what: string) =>
        `mean time to commit one result in its own transaction, 1,000 in turn, ${disk}; ${what}`;
      return [
        {
          id: 'store.write_10k_ms',
          value: Math.round(figures.write10k),
          unit: 'ms',
          better: 'lower',
          note: `10,000 results handed to RunsRepository.addResult at once, as parallel work completes, to the last one committed; each promise settles when its own result is committed (results arriving during a commit go in the next transaction together); ${disk}; target < 2,000`,
        },
        {
          id: 'store.write_10k_serial_ms',
          value: Math.round(figures.write10kSerial),
          unit: 'ms',
          better: 'lower',
          note: `10,000 results through RunsRepository.addResult, each awaited before the next (work completing one at a time: a transaction each), ${disk}`,
        },
        {
          id: 'store.commit_ms.relaxed',
          value: Math.round(figures.commit.relaxed * 100) / 100,
          unit: 'ms',
          better: 'lower',
          note: commitNote(
            'relaxed, what the app uses: committed once the browser process has written it to the OS; survives a page or browser crash, a power cut may lose the last writes',
          ),
        },
        {
          id: 'store.commit_ms.strict',
          value: Math.round(figures.commit.strict * 100) / 100,
          unit: 'ms',
          better: 'lower',
          note: commitNote('strict: flushed to disk before it completes; survives a power cut'),
        },
        {
          id: 'store.commit_ms.default',
          value: Math.round(figures.commit.default * 100) / 100,
          unit: 'ms',
          better: 'lower',
          note: commitNote("the browser's default (Chromium: relaxed)"),
        },
        {
          id: 'store.history_first_page_ms',
          value: Math.round(figures.firstPage * 10) / 10,
          unit: 'ms',
          better: 'lower',
          note: `first 50 runs newest first with their result counts, ${figures.total.toLocaleString('en-US')} results in 903 runs, ${disk}`,
        },
      ] satisfies BenchResult[];
    } finally {
      await app.close();
    }
  },
};

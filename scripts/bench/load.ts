import { gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { median, openApp } from './browser';
import type { BenchResult, Benchmark } from './types';

const WARM_RUNS = 5;

/** Compare is usable: its heading, the device badge and an enabled Run button are on screen. */
async function usable(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Compare' }).waitFor();
  await page.getByRole('button', { name: /WebGPU ·|No WebGPU/ }).waitFor();
  await page.getByRole('button', { name: 'Run', exact: true }).and(page.locator(':enabled')).waitFor();
}

/**
 * The built app's first load in a fresh profile: the JavaScript it fetches (gzipped as a
 * server would send it) and the time to a usable Compare screen, cold (empty HTTP cache)
 * and warm (reloads with the cache filled; no service worker, so the HTTP cache alone).
 */
export const load: Benchmark = {
  group: 'load',
  async run() {
    const app = await openApp(4397);
    try {
      const { page } = app;
      const scripts = new Map<string, Promise<Buffer>>();
      page.on('response', (r) => {
        if (r.url().endsWith('.js') && r.ok() && !scripts.has(r.url())) scripts.set(r.url(), r.body());
      });
      let t = performance.now();
      await page.goto(`${app.baseUrl}/`);
      await usable(page);
      const cold = performance.now() - t;
      await page.waitForLoadState('networkidle');
      const bodies = await Promise.all(scripts.values());
      const gzipKb = bodies.reduce((sum, b) => sum + gzipSync(b, { level: 9 }).length, 0) / 1024;
      const warm: number[] = [];
      for (let i = 0; i < WARM_RUNS; i++) {
        t = performance.now();
        await page.reload();
        await usable(page);
        warm.push(performance.now() - t);
      }
      const note = 'built app (vite preview on loopback), headless Chromium, fresh profile on disk';
      return [
        {
          id: 'load.initial_js_gzip_kb',
          value: Math.round(gzipKb * 10) / 10,
          unit: 'KB',
          better: 'lower',
          note: `${note}; every .js response until the network is idle after Compare is usable (${bodies.length} files), gzipped at level 9; target <= 120`,
        },
        {
          id: 'load.compare_usable_ms.cold',
          value: Math.round(cold),
          unit: 'ms',
          better: 'lower',
          note: `${note}; navigation start to Compare usable (heading, device badge, Run enabled), empty HTTP cache`,
        },
        {
          id: 'load.compare_usable_ms.warm',
          value: Math.round(median(warm)),
          unit: 'ms',
          better: 'lower',
          note: `${note}; reload to Compare usable with the HTTP cache filled, median of ${WARM_RUNS}`,
        },
      ] satisfies BenchResult[];
    } finally {
      await app.close();
    }
  },
};

import type { Page } from '@playwright/test';
import { loadTinyInPlayground, median, openApp } from './browser';
import type { BenchResult, Benchmark } from './types';

const TOKENS = 256;
const RUNS = 5;

async function value(page: Page, selector: string): Promise<number> {
  return Number(await page.locator(selector).last().getAttribute('data-value'));
}

/** Drives the Playground like a user: tiny model, greedy, fixed length, several runs. */
async function measure(page: Page, baseUrl: string, device: 'webgpu' | 'wasm') {
  await loadTinyInPlayground(page, baseUrl, device);
  await page.getByLabel('Max new tokens').fill(String(TOKENS));
  const ratios: number[] = [];
  const overheads: number[] = [];
  for (let i = 0; i < RUNS + 1; i++) {
    await page.getByLabel(/^Message/).fill(`Tell me a story, take ${i}.`);
    await page.getByLabel(/^Message/).press('Control+Enter');
    await page
      .locator('li[data-role="assistant"]')
      .nth(i)
      .locator('[data-metric="finish-reason"]')
      .waitFor({ timeout: 120_000 });
    if (i === 0) continue; // first reply after load: kept out, as a warm-up
    const worker = page.locator('[data-metric="worker-stats"]').last();
    ratios.push(
      (await value(page, '[data-metric="decode-tps"]')) / Number(await worker.getAttribute('data-rate')),
    );
    overheads.push(
      (await value(page, '[data-metric="ttft-ms"]')) - Number(await worker.getAttribute('data-value')),
    );
  }
  return { ratio: median(ratios), overhead: median(overheads) };
}

export const relay: Benchmark = {
  group: 'relay',
  async run() {
    const app = await openApp();
    const results: BenchResult[] = [];
    try {
      for (const device of ['wasm', 'webgpu'] as const) {
        const m = await measure(app.page, app.baseUrl, device);
        const note = `tiny model on ${device}, ${TOKENS} greedy tokens, median of ${RUNS} runs after one warm-up`;
        results.push(
          {
            id: `relay.decode_ratio.${device}`,
            value: round(m.ratio, 3),
            unit: 'ratio',
            better: 'higher',
            note: `${note}; target >= 0.98`,
          },
          {
            id: `relay.ttft_overhead_ms.${device}`,
            value: round(m.overhead, 2),
            unit: 'ms',
            better: 'lower',
            note: `${note}; target < 5`,
          },
        );
      }
    } finally {
      await app.close();
    }
    return results;
  },
};

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

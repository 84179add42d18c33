import type { Page } from '@playwright/test';
import { percentile } from '../../src/core/stats';
import { PACED_TOKENS_PER_S, startOpenAIServer } from '../../tests/support/openai-server';
import { addLoopbackEndpoint, openApp, startTrace, type TraceEvent } from './browser';
import type { BenchResult, Benchmark } from './types';

const PANES = 4;
const TOKENS = 1000;

/** Adds the loopback endpoint through Settings and points all four panes at its paced model. */
async function prepare(page: Page, baseUrl: string, serverUrl: string): Promise<void> {
  await addLoopbackEndpoint(page, baseUrl, {
    url: serverUrl,
    key: 'sk-bench',
    models: ['paced'],
    concurrency: PANES,
  });
  await page.goto(`${baseUrl}/#/compare`);
  await page.getByTestId('compare-prompt').waitFor();
  for (let i = 0; i < PANES; i++) {
    while ((await page.locator('section[data-pane]').count()) <= i)
      await page.getByRole('button', { name: 'Add a pane' }).click();
    const picker = page
      .locator('section[data-pane]')
      .nth(i)
      .getByRole('combobox', { name: /^Model, pane/ });
    const value = await picker.locator('optgroup[label="Remote · Loopback"] option').getAttribute('value');
    await picker.selectOption(value ?? '');
  }
  await page.locator('details.sampling summary').click();
  await page.locator('details.sampling').getByLabel('Max new tokens').fill(String(TOKENS));
}

/** The longest task on the page's main thread, from Chromium's own trace. */
export function longestMainThreadTask(trace: { traceEvents: TraceEvent[] }): number {
  const main = trace.traceEvents.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) throw new Error('no renderer main thread in the trace');
  const tasks = trace.traceEvents.filter(
    (e) =>
      e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask',
  );
  return Math.max(...tasks.map((e) => (e.dur ?? 0) / 1000));
}

/**
 * Four panes streaming at 200 tokens/s each from the loopback server, through the real
 * Compare screen: the longest main-thread task (Chromium trace), frames per second while
 * streaming, and the P95 lag from a token's arrival to the DOM update of the frame that
 * shows it (not to paint).
 */
export const ui: Benchmark = {
  group: 'ui',
  async run() {
    const server = await startOpenAIServer();
    const app = await openApp(4393);
    try {
      const { page } = app;
      await page.addInitScript(() => {
        (globalThis as { __qwenfitTrace?: boolean }).__qwenfitTrace = true;
      });
      await prepare(page, app.baseUrl, server.url);
      // A string, not a function: tsx would wrap a named arrow in a helper the page lacks.
      await page.evaluate(`
        performance.clearMeasures('qwenfit:dom-update-lag');
        window.__frames = [];
        requestAnimationFrame(function tick(t) {
          window.__frames.push(t);
          requestAnimationFrame(tick);
        });
      `);
      const tracing = await startTrace(page);
      const start = await page.evaluate(() => performance.now());
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await page
        .getByTestId('compare-status')
        .and(page.locator('[data-status="completed"]'))
        .waitFor({ timeout: 120_000 });
      const end = await page.evaluate(() => performance.now());
      const trace = await tracing.stop();
      const { frames, lags } = await page.evaluate(
        ([from, to]) => ({
          frames: ((window as { __frames?: number[] }).__frames ?? []).filter((t) => t >= from && t <= to),
          lags: performance.getEntriesByName('qwenfit:dom-update-lag').map((e) => e.duration),
        }),
        [start, end] as const,
      );
      const seconds = (end - start) / 1000;
      const note = `${PANES} panes x ${TOKENS} tokens at ${PACED_TOKENS_PER_S} tokens/s each, loopback server, headless Chromium`;
      const results: BenchResult[] = [
        {
          id: 'ui.longest_task_ms',
          value: Math.round(longestMainThreadTask(trace) * 10) / 10,
          unit: 'ms',
          better: 'lower',
          note: `${note}; target < 50`,
        },
        {
          id: 'ui.fps',
          value: Math.round((frames.length / seconds) * 10) / 10,
          unit: 'frames/s',
          better: 'higher',
          note: `${note}; target >= 55; over ${seconds.toFixed(1)} s`,
        },
        {
          id: 'ui.dom_update_lag_ms',
          value: Math.round((percentile(lags, 95) ?? Number.NaN) * 10) / 10,
          unit: 'ms (P95)',
          better: 'lower',
          note: `${note}; from a pane's oldest token not yet shown arriving on the page to the frame's DOM update (not to paint), ${lags.length} samples (one per pane per frame) over ${frames.length} frames`,
        },
      ];
      return results;
    } finally {
      await app.close();
      await server.close();
    }
  },
};

import { readFileSync } from 'node:fs';
import { publishedSchema } from '../support/schemas';
import { expect, test } from '../support/fixtures';
import { TEST_KEY, addEndpoint } from '../support/remote';
import { loadTinyModel, metric, openPlayground, send, setSampling } from '../support/playground';

const RUN = 'Playground · qwenfit-tiny-qwen2';

test('every reply is stored as it completes and survives a reload, with its exact figures', async ({
  page,
}) => {
  // Counts the requests for storage the browser will not evict.
  await page.addInitScript(() => {
    const persist = navigator.storage.persist.bind(navigator.storage);
    const w = window as unknown as { persistAsked: number };
    w.persistAsked = 0;
    navigator.storage.persist = () => {
      w.persistAsked++;
      return persist();
    };
  });
  await page.goto('/#/history');
  await expect(page.getByText('Nothing measured yet.')).toBeVisible();
  await openPlayground(page);
  await loadTinyModel(page, 'wasm');
  await setSampling(page, { maxTokens: 4 });
  const first = await send(page, 'One');
  await expect(first.locator('[data-metric="finish-reason"]')).toHaveText('length');
  const ttft = await metric(first, 'ttft-ms');
  const second = await send(page, 'Two');
  await expect(second.locator('[data-metric="finish-reason"]')).toHaveText('length');
  const output = await second.getByTestId('reply').textContent();
  // Asked once, as the first measurement was kept.
  expect(await page.evaluate(() => (window as unknown as { persistAsked: number }).persistAsked)).toBe(1);

  await page.getByRole('link', { name: 'History' }).click();
  const row = page.locator(`tr[data-run="${RUN}"]`);
  await expect(row).toHaveAttribute('data-status', 'completed');
  await expect(row.locator('[data-field="results"]')).toHaveText('2');

  await page.reload();
  await expect(row.locator('[data-field="results"]')).toHaveText('2');
  // Every row has a cell under each heading (a selection column once had none).
  const widths = await page
    .locator('table.data')
    .first()
    .evaluate((t: HTMLTableElement) => [...t.rows].map((r) => r.cells.length));
  expect(new Set(widths).size).toBe(1);
  await row.getByRole('button', { name: 'Open' }).click();
  const results = page.locator('tr[data-result]');
  await expect(results).toHaveCount(2);
  await expect(page.locator('tr[data-result="1"] [data-field="ttft"]')).toHaveAttribute(
    'data-value',
    String(ttft),
  );
  await expect(page.locator('tr[data-result="2"] [data-field="output"]')).toHaveText(output ?? '');
  await expect(page.locator('tr[data-result="2"] [data-field="completion-tokens"]')).toHaveText('4');

  // Export: a valid, versioned file with the figures and their definitions, and no API key.
  await addEndpoint(page, { name: 'Keyed', baseUrl: 'http://127.0.0.1:9/v1', key: TEST_KEY, models: ['m'] });
  await page.goto('/#/history');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export all (JSON)' }).click();
  const file = await (await downloading).path();
  const text = readFileSync(file, 'utf8');
  expect(text).not.toContain(TEST_KEY);
  const doc = JSON.parse(text) as {
    runs: unknown[];
    results: { metrics: { ttftMs: number } }[];
    metricDefinitions: Record<string, string>;
  };
  const validate = publishedSchema('result-file');
  expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
  expect(doc.runs).toHaveLength(1);
  expect(doc.results.map((r) => r.metrics.ttftMs)).toContain(ttft);
  expect(doc.metricDefinitions.ttft_ms).toMatch(/first reasoning or content token/);

  await row.getByRole('button', { name: `Delete run ${RUN}` }).click();
  await page
    .getByRole('dialog', { name: `Delete run ${RUN}` })
    .getByRole('button', { name: 'Delete run' })
    .click();
  await expect(row).toBeHidden();
  await expect(page.getByText('Nothing measured yet.')).toBeVisible();
});

test('a page closed mid-reply leaves an interrupted run with its finished results', async ({ page }) => {
  await openPlayground(page);
  await loadTinyModel(page, 'wasm');
  await setSampling(page, { maxTokens: 4 });
  const done = await send(page, 'Short');
  await expect(done.locator('[data-metric="finish-reason"]')).toHaveText('length');
  await setSampling(page, { maxTokens: 1500 });
  const long = await send(page, 'A long story');
  await expect(long.getByTestId('reply')).not.toBeEmpty();
  await page.goto('/#/history');
  await page.reload();
  const row = page.locator(`tr[data-run="${RUN}"]`);
  await expect(row).toHaveAttribute('data-status', 'interrupted');
  await expect(row.locator('[data-field="results"]')).toHaveText('1');
  await expect(
    page.getByRole('status').filter({ hasText: 'still running when the page last closed' }),
  ).toBeVisible();
});

test('a full disk during a write gives a clear error, marks the run, and keeps earlier results', async ({
  page,
}) => {
  // The browser's own QuotaExceededError, raised where IndexedDB raises it, once the test says so.
  await page.addInitScript(() => {
    const add = IDBObjectStore.prototype.add;
    IDBObjectStore.prototype.add = function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['add']>
    ) {
      if (this.name === 'results' && (globalThis as { __diskFull?: boolean }).__diskFull) {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return add.apply(this, args);
    };
  });
  await openPlayground(page);
  await loadTinyModel(page, 'wasm');
  await setSampling(page, { maxTokens: 4 });
  const saved = await send(page, 'One');
  await expect(saved.locator('[data-metric="finish-reason"]')).toHaveText('length');
  await page.evaluate(() => ((globalThis as { __diskFull?: boolean }).__diskFull = true));
  const lost = await send(page, 'Two');
  await expect(lost.getByRole('alert')).toContainText('Not saved: the browser storage is full');
  await expect(lost.getByTestId('reply')).not.toBeEmpty();

  await page.getByRole('link', { name: 'History' }).click();
  const row = page.locator(`tr[data-run="${RUN}"]`);
  await expect(row).toHaveAttribute('data-status', 'failed');
  await expect(row.locator('[data-field="results"]')).toHaveText('1');
  await row.getByRole('button', { name: 'Open' }).click();
  await expect(page.getByText('Storage full: later replies were not saved.')).toBeVisible();
});

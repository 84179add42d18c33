import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, NETWORK_FAILURE_LINES, test } from '../support/fixtures';
import { serveOpenAI } from '../support/loopback';
import { send } from '../support/playground';
import { addEndpoint, setPrice, TEST_KEY, useRemoteModel } from '../support/remote';
import { publishedSchema } from '../support/schemas';
import { readDatabase } from '../support/database';
import { openCompare, runComparison, setPane, waitForRun } from '../support/compare';

test.use({ allowedConsoleErrors: NETWORK_FAILURE_LINES });
const server = serveOpenAI(test);

test('the tab title names the screen; History starts with a way into Compare, Evaluate and the Playground', async ({
  page,
}) => {
  for (const [hash, label] of [
    ['compare', 'Compare'],
    ['evaluate', 'Evaluate'],
    ['playground', 'Playground'],
    ['history', 'History'],
    ['settings', 'Settings'],
  ] as const) {
    await page.goto(`/#/${hash}`);
    await expect(page).toHaveTitle(`${label} · Qwenfit`);
  }
  await page.goto('/#/history');
  await expect(page.getByTestId('history-empty')).toContainText(
    'Compare generation, Evaluate result and Playground reply',
  );
  await page.getByRole('button', { name: 'Evaluate a suite' }).click();
  await expect(page).toHaveURL(/#\/evaluate$/);
});

/** Opens each Playground run in History in turn and reads who answered it, as the results table names it. */
async function openedModels(page: Page): Promise<string[]> {
  const field = page.locator('[data-field="model"]').first();
  const seen: string[] = [];
  for (const row of await page.locator('tr[data-run="Playground · plain"]').all()) {
    await row.getByRole('button', { name: 'Open' }).click();
    // The opened run replaces the last one's results: wait until it has.
    if (seen.length) await expect(field).not.toHaveText(seen.at(-1) ?? '');
    seen.push((await field.textContent()) ?? '');
  }
  return seen.map((t) => t.replace(/\s+/g, ' ').trim().split(' (')[0] ?? '').sort();
}

test('two endpoints on one host stay apart: each result names its endpoint in History and in the export, never the key, and is priced by its provider', async ({
  page,
  browser,
}) => {
  for (const [name, preset] of [
    ['Alpha', 'custom'],
    ['Beta', 'vllm'],
  ] as const)
    await addEndpoint(page, { name, preset, baseUrl: server.url, key: TEST_KEY, models: ['plain'] });
  // One model name, two providers, two prices.
  await setPrice(page, 'plain', 1, 2, 'custom');
  await setPrice(page, 'plain', 10, 20, 'vllm');
  for (const name of ['Alpha', 'Beta']) {
    await useRemoteModel(page, name, 'plain');
    await expect((await send(page, 'Hi')).locator('[data-metric="finish-reason"]')).toHaveText('stop');
  }
  await page.goto('/#/history');
  await expect(page.locator('tr[data-run="Playground · plain"]')).toHaveCount(2);
  expect(await openedModels(page)).toEqual(['plain · Alpha', 'plain · Beta']);

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export all (JSON)' }).click();
  const text = readFileSync(await (await downloading).path(), 'utf8');
  expect(text).not.toContain(TEST_KEY);
  const doc = JSON.parse(text) as {
    results: { endpoint?: { name: string; baseUrl: string }; cost: { value: number } | null }[];
  };
  const validate = publishedSchema('result-file');
  expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
  expect(doc.results.map((r) => r.endpoint?.name).sort()).toEqual(['Alpha', 'Beta']);
  expect(new Set(doc.results.map((r) => r.endpoint?.baseUrl))).toEqual(new Set([server.url]));
  // 12 prompt and 6 completion tokens: $1 and $2 per million at the custom endpoint, ten times that at vLLM.
  const costOf = (name: string) => doc.results.find((r) => r.endpoint?.name === name)?.cost?.value;
  expect(costOf('Alpha')).toBeCloseTo(0.000024, 12);
  expect(costOf('Beta')).toBeCloseTo(0.00024, 12);

  // Imported into an empty profile, they are still two endpoints.
  const fresh = await browser.newContext({ baseURL: new URL(page.url()).origin });
  const other = await fresh.newPage();
  await other.goto('/#/history');
  await other
    .getByLabel('Results file to import')
    .setInputFiles({ name: 'two.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await other.getByRole('dialog', { name: 'Import results' }).getByRole('button', { name: 'Import' }).click();
  await expect(other.locator('tr[data-run="Playground · plain"]')).toHaveCount(2);
  expect(await openedModels(other)).toEqual(['plain · Alpha', 'plain · Beta']);
  await fresh.close();
});

test('four panes at 1,400 px: every model picker stays inside its pane', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto('/#/compare');
  await expect(page.getByTestId('compare-prompt')).toBeVisible({ timeout: 30_000 });
  while ((await page.locator('section[data-pane]').count()) < 4)
    await page.getByRole('button', { name: 'Add a pane' }).click();
  for (const pane of await page.locator('section[data-pane]').all()) {
    const box = await pane.boundingBox();
    for (const select of await pane.locator('select').all()) {
      const s = await select.boundingBox();
      expect(s && box && s.x + s.width <= box.x + box.width + 1).toBe(true);
    }
  }
});

test('a run never starts a download nobody asked for: it asks first, "Not now" fails the pane with why, and offline it fails at once', async ({
  page,
  context,
}) => {
  await page.goto('/#/compare');
  await expect(page.getByTestId('compare-prompt')).toBeVisible({ timeout: 30_000 });
  const first = page.locator('section[data-pane]').nth(0);
  await first
    .getByRole('combobox', { name: 'Model, pane 1' })
    .selectOption('transformers:onnx-community/Qwen2.5-0.5B-Instruct');
  await first.getByRole('combobox', { name: 'Runs on' }).selectOption('wasm');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const dialog = page.getByTestId('download-dialog');
  await expect(dialog).toContainText('Download Qwen2.5 0.5B Instruct?');
  await expect(dialog).toContainText('huggingface.co');
  await dialog.getByRole('button', { name: 'Not now' }).click();
  await expect(first.locator('[data-error-code]')).toHaveAttribute('data-error-code', 'download-declined');
  const status = page.getByTestId('compare-status');
  await expect(status).toHaveAttribute('data-status', 'failed');
  await expect(status).toContainText('its model did not load');

  await context.setOffline(true);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(first.locator('[data-error-code]')).toHaveAttribute('data-error-code', 'offline');
  await expect(first.locator('[data-error-code]')).toContainText('no network to download it');
  await expect(dialog).toHaveCount(0);
  await expect(status).toHaveAttribute('data-status', 'failed');
  await context.setOffline(false);
});

test("every chart has a table view with the chart's own figures: Compare's per-repeat charts match the stored runs", async ({
  page,
}) => {
  await addEndpoint(page, { name: 'Loopback', baseUrl: server.url, key: TEST_KEY, models: ['plain'] });
  await page.goto('/#/compare');
  await expect(page.getByTestId('compare-prompt')).toBeVisible({ timeout: 30_000 });
  for (const i of [0, 1]) {
    const picker = page
      .locator('section[data-pane]')
      .nth(i)
      .getByRole('combobox', { name: `Model, pane ${i + 1}` });
    const value = await picker.locator('option', { hasText: /^plain · Loopback$/ }).getAttribute('value');
    await picker.selectOption(value ?? '');
  }
  await page.getByLabel('Runs per pane').fill('3');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('compare-status')).toHaveAttribute('data-status', 'completed', {
    timeout: 30_000,
  });
  const { results } = await readDatabase(page);
  for (const [title, field] of [
    ['TTFT', 'ttftMs'],
    ['End-to-end', 'e2eMs'],
  ] as const) {
    const chart = page.locator(`[data-testid="metric-chart"][data-title="${title}"]`);
    await chart.getByText('Show as table').click();
    const rows = chart.locator('[data-testid="chart-table"] tbody tr');
    await expect(rows).toHaveCount(3);
    for (let r = 0; r < 3; r++)
      for (const [col, pane] of [
        [1, 'a'],
        [2, 'b'],
      ] as const) {
        const shown = Number(await rows.nth(r).locator('td').nth(col).getAttribute('data-value'));
        const stored = results.find((x) => x.taskId === `${pane}#${r + 1}`)?.metrics[field];
        expect(shown).toBe(stored);
      }
  }
});

test('"Write a suite" opens with a worked example, adds one per grader, shows the format in the app, and saves as a suite', async ({
  page,
}) => {
  await page.goto('/#/evaluate');
  await page.getByRole('button', { name: 'Write a suite' }).click();
  const tasks = page.getByLabel(/^Tasks, one JSON object per line/);
  expect(JSON.parse(await tasks.inputValue())).toMatchObject({ grader: { type: 'contains' } });

  const writer = page.getByTestId('suite-writer');
  await writer.getByLabel('Worked example for the grader').selectOption('tool-call');
  await expect(writer.getByTestId('example-passes')).toContainText('each expected call is made once');
  await writer.getByRole('button', { name: 'Add this example' }).click();
  const lines = (await tasks.inputValue())
    .split('\n')
    .map((l) => JSON.parse(l) as { grader: { type: string } });
  expect(lines.map((l) => l.grader.type)).toEqual(['contains', 'tool-call']);

  // The format is in the app, every grader named; the schema downloads from the served app.
  await writer.getByText('Suite format').click();
  for (const type of ['exact', 'numeric', 'grounded', 'judge'])
    await expect(writer.locator('dt', { hasText: type })).toBeVisible();
  const downloading = page.waitForEvent('download');
  await writer.getByRole('button', { name: 'Download the JSON Schema' }).click();
  const schema = readFileSync(await (await downloading).path(), 'utf8');
  expect(JSON.parse(schema)).toEqual(JSON.parse(readFileSync('docs/suite.schema.json', 'utf8')));

  await page.getByLabel('Name', { exact: true }).fill('Examples');
  await page.getByRole('button', { name: 'Save suite' }).click();
  await expect(page.getByTestId('suite-summary')).toContainText('2 tasks in 2 categories: triage, tools');
});

/** Visible controls on the page: their boxes and font sizes. */
async function controls(page: Page) {
  return page.evaluate(() =>
    [
      ...document.querySelectorAll<HTMLElement>(
        'button, select, textarea, input:not([type=checkbox]):not([type=radio])',
      ),
    ]
      .filter((el) => el.checkVisibility() && el.getClientRects().length > 0)
      .map((el) => {
        const r = el.getBoundingClientRect();
        return {
          what: `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 30) || el.getAttribute('aria-label') || ''}"`,
          x: r.x,
          y: r.y,
          w: r.width,
          h: r.height,
          font: getComputedStyle(el).fontSize,
          card: [...document.querySelectorAll('.card, header, section')].indexOf(
            el.closest('.card, header, section') ?? document.body,
          ),
        };
      }),
  );
}

test('at 820 px: the statistics table scrolls to its last column with a cue and a readable pane column; no control overlaps another, and controls share one font size', async ({
  page,
}) => {
  await page.setViewportSize({ width: 820, height: 1000 });
  await addEndpoint(page, { name: 'Loopback', baseUrl: server.url, models: ['tiny', 'plain'] });
  await openCompare(page);
  await setPane(page, 0, { device: 'wasm' });
  await setPane(page, 1, { endpoint: 'Loopback', model: 'tiny' });
  await runComparison(page, { prompt: 'Say hi', maxTokens: 8, repeats: 3 });
  await waitForRun(page);

  const stats = page.locator('section[aria-labelledby="stats-title"]');
  const wide = stats.getByTestId('wide-table');
  await expect(stats.getByTestId('scroll-hint')).toBeVisible();
  const paneColumn = await stats.locator('tbody th[scope="row"]').first().boundingBox();
  expect(paneColumn?.width ?? 0).toBeGreaterThanOrEqual(150);
  const lastHeader = stats.getByTestId('compare-stats').locator('thead th').last();
  const outside = async () => {
    const [cell, box] = [await lastHeader.boundingBox(), await wide.boundingBox()];
    return cell && box ? cell.x + cell.width - (box.x + box.width) : Infinity;
  };
  expect(await outside()).toBeGreaterThan(1);
  await wide.evaluate((el) => (el.scrollLeft = el.scrollWidth));
  await expect.poll(outside).toBeLessThanOrEqual(1);
  // Units in the header, one per column: no cell says "ms" or "s" itself.
  await expect(stats.locator('thead th', { hasText: 'TTFT P50' })).toContainText(/\((ms|s)\)/);
  for (const text of await stats.locator('tbody td[data-metric$="-p50"]').allTextContents())
    expect(text).not.toMatch(/\d\s*(ms|s)\b/);

  for (const hash of ['compare', 'evaluate', 'playground', 'history', 'settings']) {
    if (hash !== 'compare') await page.goto(`/#/${hash}`);
    await expect(page).toHaveTitle(/Qwenfit/);
    await page.waitForTimeout(300);
    const boxes = await controls(page);
    // Controls on one line of one card share a font size.
    const mixed: string[] = [];
    for (const [i, a] of boxes.entries())
      for (const b of boxes.slice(i + 1))
        if (a.card === b.card && Math.abs(a.y + a.h / 2 - (b.y + b.h / 2)) < 6 && a.font !== b.font)
          mixed.push(`${a.what} ${a.font} beside ${b.what} ${b.font}`);
    expect(mixed, `${hash}: font sizes`).toEqual([]);
    const overlaps: string[] = [];
    for (const [i, a] of boxes.entries())
      for (const b of boxes.slice(i + 1)) {
        const ox = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
        const oy = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
        if (ox > 1 && oy > 1) overlaps.push(`${a.what} over ${b.what}`);
      }
    expect(overlaps, hash).toEqual([]);
  }
});

import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { buildExport } from '../../src/core/export-format';
import { MALFORMED, SEMANTIC, VALID_FILE } from '../support/malformed-files';
import { RUN, resultFixture } from '../support/result-fixtures';
import { readDatabase } from '../support/database';

/** The runs and results stores as text, to compare byte for byte. */
const dbSnapshot = async (page: Page) => JSON.stringify(await readDatabase(page));

async function importText(page: Page, name: string, text: string) {
  await page
    .getByLabel('Results file to import')
    .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  return page.getByRole('dialog', { name: 'Import results' });
}

test('imports a valid file after a preview, then refuses every malformed file and changes nothing', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.goto('/#/history');
  let dialog = await importText(page, 'good.json', VALID_FILE());
  await expect(dialog.getByTestId('import-preview')).toContainText(
    '1 new run, 1 new result and 0 new suites',
  );
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported 1 run and 1 result' })).toBeVisible();
  await expect(page.locator('tr[data-run="Playground · tiny"]')).toBeVisible();

  // The same file again: the ids are already here and are kept as they are.
  dialog = await importText(page, 'good.json', VALID_FILE());
  await expect(dialog.getByTestId('import-preview')).toContainText('1 run and 1 result are already here');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  const before = await dbSnapshot(page);
  for (const bad of [...MALFORMED, ...SEMANTIC]) {
    dialog = await importText(page, `${bad.name}.json`, bad.text);
    const errors = dialog.getByTestId('import-errors');
    await expect(errors, bad.name).toContainText('nothing was changed');
    await expect(errors, bad.name).toContainText(bad.expect);
    // A plain message with a path, never a whole value: the dialog stays short whatever the file holds.
    expect((await errors.textContent())?.length ?? 0, bad.name).toBeLessThan(4000);
    await expect(errors, bad.name).toContainText(/at \//);
    await dialog.getByRole('button', { name: 'Close' }).click();
    expect(await dbSnapshot(page), `${bad.name} changed the database`).toBe(before);
  }

  // Every problem is in the downloadable report, not only those listed.
  const many = SEMANTIC.find((f) => f.name === 'three hundred mistyped results');
  dialog = await importText(page, 'many.json', many?.text ?? '');
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: /Download the report \(300 problems\)/ }).click();
  const report = readFileSync(await (await downloading).path(), 'utf8');
  expect(
    report.split('\n').filter((l) => /^at \/results\/\d+\/cold: should be true or false/.test(l)),
  ).toHaveLength(300);
  await dialog.getByRole('button', { name: 'Close' }).click();
});

test('export then import into an empty profile gives equal data', async ({ page, browser }) => {
  await page.goto('/#/history');
  const dialog = await importText(page, 'good.json', VALID_FILE());
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(page.locator('tr[data-run="Playground · tiny"]')).toBeVisible();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export all (JSON)' }).click();
  const exported = readFileSync(await (await downloading).path(), 'utf8');
  const original = await dbSnapshot(page);
  const csvDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export results (CSV)' }).click();
  const csv = readFileSync(await (await csvDownload).path(), 'utf8')
    .trimEnd()
    .split('\r\n');
  expect(csv).toHaveLength(2);
  expect(csv[0]).toMatch(/^run_id,run_title,task_id,/);
  expect(csv[1]).toContain('qwen-plus');

  const fresh = await browser.newContext({ baseURL: new URL(page.url()).origin });
  const other = await fresh.newPage();
  await other.goto('/#/history');
  await expect(other.getByText('Nothing measured yet.')).toBeVisible();
  const otherDialog = await importText(other, 'exported.json', exported);
  await otherDialog.getByRole('button', { name: 'Import' }).click();
  await expect(other.locator('tr[data-run="Playground · tiny"]')).toBeVisible();
  expect(await dbSnapshot(other)).toBe(original);
  await fresh.close();
});

test('two runs side by side show per-task changes, older on the left', async ({ page }) => {
  await page.goto('/#/history');
  const later = {
    ...RUN,
    id: 'r2',
    title: 'Week 2',
    startedAt: '2026-12-06T03:00:00.000Z',
    endedAt: '2026-12-06T03:01:00.000Z',
  };
  const m = resultFixture().metrics;
  const week2 = buildExport(
    [later],
    [
      resultFixture({
        id: 'y1',
        runId: 'r2',
        modelId: 'qwen-max',
        output: 'Bonjour',
        metrics: { ...m, ttftMs: 150 },
      }),
    ],
    { userAgent: 'test', device: null },
    '0.1.0',
    '2026-12-06T04:00:00.000Z',
  );
  for (const [name, text] of [
    ['week1.json', VALID_FILE()],
    ['week2.json', JSON.stringify(week2)],
  ] as const) {
    const dialog = await importText(page, name, text);
    await dialog.getByRole('button', { name: 'Import' }).click();
    await expect(dialog).toBeHidden();
  }
  await expect(page.locator('tr[data-run]')).toHaveCount(2);
  const compare = page.getByRole('button', { name: 'Compare the two selected runs' });
  await expect(compare).toBeDisabled();
  await page.getByRole('checkbox', { name: /^Select Week 2/ }).check();
  await page.getByRole('checkbox', { name: /^Select Playground · tiny/ }).check();
  await compare.click();
  const diff = page.getByRole('region', { name: 'Playground · tiny → Week 2' });
  const task = diff.locator('tr[data-task="1"]');
  await expect(task).toHaveAttribute('data-same', 'false');
  await expect(task).toContainText('changed');
  await expect(task.locator('[data-field="ttft-delta"]')).toHaveText('+30 ms');

  // Filters, and export of a selection.
  await page.getByRole('combobox', { name: 'Model', exact: true }).selectOption('qwen-max');
  await expect(page.locator('tr[data-run]')).toHaveCount(1);
  await expect(page.locator('tr[data-run="Week 2"]')).toBeVisible();
  await page.getByRole('combobox', { name: 'Model', exact: true }).selectOption('');
  await page.getByLabel('From', { exact: true }).fill('2026-12-01');
  await expect(page.locator('tr[data-run]')).toHaveCount(1);
  await page.getByLabel('To', { exact: true }).fill('2026-12-02');
  await expect(page.getByText('No run matches these filters.')).toBeVisible();
  await page.getByLabel('From', { exact: true }).fill('');
  await page.getByLabel('To', { exact: true }).fill('');
  await expect(page.locator('tr[data-run]')).toHaveCount(2);
  await page.getByRole('checkbox', { name: /^Select Playground · tiny/ }).uncheck();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export selected (JSON)' }).click();
  const doc = JSON.parse(readFileSync(await (await downloading).path(), 'utf8')) as {
    runs: { title: string }[];
  };
  expect(doc.runs.map((r) => r.title)).toEqual(['Week 2']);
});

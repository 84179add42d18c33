import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { MALFORMED, VALID_FILE } from '../support/malformed-files';

/** Every record of the runs and results stores, read straight from IndexedDB. */
function dbSnapshot(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('qwenfit');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const all = (store: string) =>
      new Promise<unknown[]>((resolve, reject) => {
        const req = db.transaction(store).objectStore(store).getAll();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    const snapshot = JSON.stringify({ runs: await all('runs'), results: await all('results') });
    db.close();
    return snapshot;
  });
}

async function importText(page: Page, name: string, text: string) {
  await page
    .getByLabel('Results file to import')
    .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  return page.getByRole('dialog', { name: 'Import results' });
}

test('imports a valid file after a preview, then refuses every malformed file and changes nothing', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('/#/history');
  let dialog = await importText(page, 'good.json', VALID_FILE());
  await expect(dialog.getByTestId('import-preview')).toContainText('1 new runs and 1 new results');
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported 1 runs and 1 results' })).toBeVisible();
  await expect(page.locator('tr[data-run="Playground · tiny"]')).toBeVisible();

  // The same file again: the ids are already here and are kept as they are.
  dialog = await importText(page, 'good.json', VALID_FILE());
  await expect(dialog.getByTestId('import-preview')).toContainText('1 runs and 1 results are already here');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  const before = await dbSnapshot(page);
  for (const bad of MALFORMED) {
    dialog = await importText(page, `${bad.name}.json`, bad.text);
    const errors = dialog.getByTestId('import-errors');
    await expect(errors, bad.name).toContainText('nothing was changed');
    await expect(errors, bad.name).toContainText(bad.expect);
    await dialog.getByRole('button', { name: 'Close' }).click();
    expect(await dbSnapshot(page), `${bad.name} changed the database`).toBe(before);
  }
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

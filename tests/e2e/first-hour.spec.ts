import { readFileSync } from 'node:fs';
import { expect, NETWORK_FAILURE_LINES, test } from '../support/fixtures';
import { serveOpenAI } from '../support/loopback';
import { send } from '../support/playground';
import { addEndpoint, TEST_KEY, useRemoteModel } from '../support/remote';
import { publishedSchema } from '../support/schemas';

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

test('two endpoints on one host stay apart: each result names its endpoint in History and in the export, never the key', async ({
  page,
  browser,
}) => {
  for (const name of ['Alpha', 'Beta'])
    await addEndpoint(page, { name, baseUrl: server.url, key: TEST_KEY, models: ['plain'] });
  for (const name of ['Alpha', 'Beta']) {
    await useRemoteModel(page, name, 'plain');
    await expect((await send(page, 'Hi')).locator('[data-metric="finish-reason"]')).toHaveText('stop');
  }
  await page.goto('/#/history');
  await expect(page.locator('tr[data-run="Playground · plain"]')).toHaveCount(2);
  const opened: string[] = [];
  for (const row of await page.locator('tr[data-run="Playground · plain"]').all()) {
    await row.getByRole('button', { name: 'Open' }).click();
    opened.push((await page.locator('[data-field="model"]').first().textContent()) ?? '');
  }
  expect(opened.map((t) => t.replace(/\s+/g, ' ').trim().split(' (')[0]).sort()).toEqual([
    'plain · Alpha',
    'plain · Beta',
  ]);

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export all (JSON)' }).click();
  const text = readFileSync(await (await downloading).path(), 'utf8');
  expect(text).not.toContain(TEST_KEY);
  const doc = JSON.parse(text) as { results: { endpoint?: { name: string; baseUrl: string } }[] };
  const validate = publishedSchema('result-file');
  expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
  expect(doc.results.map((r) => r.endpoint?.name).sort()).toEqual(['Alpha', 'Beta']);
  expect(new Set(doc.results.map((r) => r.endpoint?.baseUrl))).toEqual(new Set([server.url]));

  // Imported into an empty profile, they are still two endpoints.
  const fresh = await browser.newContext({ baseURL: new URL(page.url()).origin });
  const other = await fresh.newPage();
  await other.goto('/#/history');
  await other
    .getByLabel('Results file to import')
    .setInputFiles({ name: 'two.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await other.getByRole('dialog', { name: 'Import results' }).getByRole('button', { name: 'Import' }).click();
  await expect(other.locator('tr[data-run="Playground · plain"]')).toHaveCount(2);
  const names: string[] = [];
  for (const row of await other.locator('tr[data-run="Playground · plain"]').all()) {
    await row.getByRole('button', { name: 'Open' }).click();
    names.push((await other.locator('[data-field="model"]').first().textContent()) ?? '');
  }
  expect(names.map((t) => t.replace(/\s+/g, ' ').trim().split(' (')[0]).sort()).toEqual([
    'plain · Alpha',
    'plain · Beta',
  ]);
  await fresh.close();
});

import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { publishedSchema } from '../support/schemas';
import { NETWORK_FAILURE_LINES, expect, test } from '../support/fixtures';
import { readDatabase } from '../support/database';
import { SCENARIOS, startOpenAIServer, type OpenAIServer } from '../support/openai-server';
import { TEST_KEY, addEndpoint } from '../support/remote';
import { TINY_KEY } from '../support/compare';

test.use({ allowedConsoleErrors: NETWORK_FAILURE_LINES });

let server: OpenAIServer;
test.beforeAll(async () => {
  server = await startOpenAIServer();
});
test.afterAll(async () => {
  await server.close();
});

async function openEvaluate(page: Page) {
  await page.goto('/#/evaluate');
  await expect(page.getByRole('button', { name: 'Run the suite' })).toBeVisible({ timeout: 30_000 });
}

/** Candidate 1: the tiny model on WASM; candidate 2: the tiny model behind the loopback endpoint. */
async function tinyCandidates(page: Page) {
  const first = page.locator('li[data-candidate]').nth(0);
  await first.getByRole('combobox', { name: 'Candidate 1' }).selectOption(TINY_KEY);
  await first.getByRole('combobox', { name: 'Runs on' }).selectOption('wasm');
  const second = page.locator('li[data-candidate]').nth(1);
  const picker = second.getByRole('combobox', { name: 'Candidate 2' });
  const value = await picker
    .locator('optgroup[label="Remote · Loopback"] option', { hasText: /^tiny$/ })
    .getAttribute('value');
  await picker.selectOption(value ?? '');
  await page.getByLabel(/^Cap new tokens per task/).fill('8');
}

async function runSuite(page: Page) {
  await page.getByRole('button', { name: 'Run the suite' }).click();
  await expect(page.getByTestId('eval-status')).toHaveAttribute('data-status', 'completed', {
    timeout: 180_000,
  });
}

test('a built-in suite on the tiny on-device and tiny remote models: aggregates, failure and Pareto charts, stored, restored', async ({
  page,
}) => {
  await addEndpoint(page, {
    name: 'Loopback',
    baseUrl: server.url,
    key: TEST_KEY,
    models: [...SCENARIOS],
    retries: 0,
  });
  await openEvaluate(page);
  await page
    .getByRole('combobox', { name: 'Suite', exact: true })
    .selectOption({ label: 'Quick check: one task per workload (9 tasks)' });
  await expect(page.getByTestId('suite-summary')).toContainText('9 tasks');
  await tinyCandidates(page);
  await runSuite(page);

  await expect(page.getByTestId('eval-progress')).toContainText('18 of 18 generations');
  const rows = page.locator('[data-testid="aggregates"] tbody tr');
  await expect(rows).toHaveCount(2);
  for (const row of await rows.all())
    await expect(row.locator('[data-metric="pass-rate"]')).toContainText('/9');
  await expect(page.getByTestId('failure-chart').locator('canvas').first()).toBeVisible();
  await expect(page.getByTestId('pareto-chart').locator('canvas').first()).toBeVisible();
  // The failure table accounts for every failing reply.
  const { results, runs } = await readDatabase(page);
  expect(results).toHaveLength(18);
  for (const candidate of ['c1', 'c2']) {
    const mine = results.filter((r) => r.candidate === candidate);
    const failed = mine.filter((r) => r.grade && !r.grade.pass).length;
    const cells = page.locator(`[data-testid="failure-table"] tbody tr[data-candidate="${candidate}"] td`);
    const counts = await cells.allTextContents();
    expect(counts.map(Number).reduce((a, b) => a + b, 0)).toBe(failed);
    expect(mine.every((r) => r.grade && r.category)).toBe(true);
  }
  expect(runs.find((r) => r.kind === 'evaluate')?.suiteId).toBe('builtin-quick');

  await page.reload();
  await expect(page.locator('[data-testid="aggregates"] tbody tr')).toHaveCount(2);
  await expect(page.getByTestId('eval-status')).toHaveAttribute('data-status', 'completed');

  await page.goto('/#/history');
  await page
    .getByRole('combobox', { name: 'Suite' })
    .selectOption({ label: 'Quick check: one task per workload' });
  await expect(page.locator('tr[data-run^="Evaluate"]')).toHaveCount(1);
});

test('an imported CSV suite gives recommendations, and the routing table exports and validates', async ({
  page,
}) => {
  await addEndpoint(page, {
    name: 'Loopback',
    baseUrl: server.url,
    key: TEST_KEY,
    models: ['tiny'],
    retries: 0,
  });
  await openEvaluate(page);
  const csv =
    'id,category,prompt,grader,expected\nr1,replies,Say anything,regex,\\S\nr2,replies,Say more,regex,\\S\n';
  await page
    .getByLabel(/^Import a suite/)
    .setInputFiles({ name: 'replies.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByTestId('suite-summary')).toContainText('2 tasks in 1 categories: replies');
  await tinyCandidates(page);
  await runSuite(page);

  const rec = page.locator('[data-testid="recommendations"] tr[data-category="replies"]');
  await expect(rec.locator('[data-pick="best"] strong')).toHaveText('tiny · Loopback');
  // The default workload needs 4,096 tokens of context: the tiny on-device model (2,048) is left out, with the reason.
  await expect(rec).toContainText('context window 2,048 tokens < 4,096 needed');
  await page.getByLabel('Context needed (tokens)').fill('2048');
  await expect(rec.locator('[data-pick="runner-up"]')).not.toHaveText('–');

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export routing table (JSON)' }).click();
  const text = readFileSync(await (await downloading).path(), 'utf8');
  expect(text).not.toContain(TEST_KEY);
  const table = JSON.parse(text) as {
    routes: { category: string; model: { modelId: string }; fallback: unknown }[];
  };
  const validate = publishedSchema('routing-table');
  expect(validate(table), JSON.stringify(validate.errors)).toBe(true);
  expect(table.routes).toHaveLength(1);
  expect(table.routes[0]?.category).toBe('replies');
  expect(table.routes[0]?.fallback).not.toBeNull();

  // A bad suite file is refused with where the problem is, and the suite list is unchanged.
  await page.getByLabel(/^Import a suite/).setInputFiles({
    name: 'bad.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('prompt,grader,expected\nhi,fuzzy,x\n'),
  });
  await expect(page.getByRole('alert')).toContainText('line 2: grader must be');
  await expect(page.getByTestId('suite-summary')).toContainText('replies');
});

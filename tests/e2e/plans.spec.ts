import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { NETWORK_FAILURE_LINES, expect, test } from '../support/fixtures';
import { addLoopback, serveOpenAI } from '../support/loopback';
import { TEST_KEY } from '../support/remote';
import { publishedSchema } from '../support/schemas';
import { openEvaluate, remoteCandidate, runSuite, writeSuite } from '../support/evaluate';
import { greetingsSuite } from '../support/plans';

test.use({ allowedConsoleErrors: NETWORK_FAILURE_LINES });

const server = serveOpenAI(test);

/** Eight greetings graded on the word the loopback server's plain reply has (and its degraded reply lacks). */
const GREETINGS = greetingsSuite('unused', 8, 6).tasks;

async function twoRemoteCandidates(page: Page) {
  await remoteCandidate(page, 1, 'plain');
  await remoteCandidate(page, 2, 'qwen3-8b');
}

async function openHistory(page: Page) {
  await page.getByRole('link', { name: 'History' }).click();
  await expect(page.locator('tr[data-run]').first()).toBeVisible();
}

test('a run keeps its plan: marked baseline, run again from History against a degraded model it regresses, with the flips, after a reload too', async ({
  page,
}, testInfo) => {
  await addLoopback(page, server);
  await openEvaluate(page);
  await writeSuite(page, 'Greetings', GREETINGS);
  await twoRemoteCandidates(page);
  // Loopback latency is a few jittery milliseconds: judge pass rates here, not P95.
  await page.getByLabel(/^P95 grows more than/).fill('');
  await page.getByLabel(/^P95 grows more than/).blur();
  await runSuite(page);
  await expect(page.getByTestId('baseline-status')).toContainText('No baseline run for this plan yet.');
  await page.getByRole('button', { name: 'Mark the run shown as the baseline' }).click();
  await expect(page.getByTestId('baseline-status')).toContainText('(the run shown)');
  await expect(page.getByTestId('regression')).toHaveCount(0);

  // Next week: the provider ships a worse qwen3-8b under the same name.
  server.degraded.add('qwen3-8b');
  try {
    await openHistory(page);
    await page.getByRole('button', { name: 'Run Evaluate · Greetings again' }).click();
    await expect(page).toHaveURL(/#\/evaluate/);
    await expect(page.getByTestId('eval-status')).toHaveAttribute('data-status', 'completed', {
      timeout: 60_000,
    });
  } finally {
    server.degraded.delete('qwen3-8b');
  }
  const regression = page.getByTestId('regression');
  await expect(regression).toHaveAttribute('data-verdict', 'regressed');
  const row = (target: string, category: string) =>
    regression.locator(`tr[data-target$="|${target}"][data-category="${category}"]`);
  await expect(row('qwen3-8b', 'all')).toHaveAttribute('data-verdict', 'regressed');
  await expect(row('qwen3-8b', 'all')).toContainText('100% → 0%');
  await expect(row('qwen3-8b', 'all')).toContainText('McNemar p = 0.0078, 8 lost, 0 gained of 8 paired');
  await expect(row('qwen3-8b', 'greet')).toHaveAttribute('data-verdict', 'regressed');
  // 2 farewells lost: p = 0.5, too few to separate from noise.
  await expect(row('qwen3-8b', 'farewell')).toHaveAttribute('data-verdict', 'unchanged');
  await expect(row('plain', 'all')).toHaveAttribute('data-verdict', 'unchanged');
  await expect(row('plain', 'all')).toContainText('100% → 100%');
  const lost = page.getByTestId('flips-lost');
  await expect(lost.locator('tbody tr')).toHaveCount(8);
  await expect(lost.locator('tr[data-item="g1|1"]')).toContainText('Hello from the loopback server.');
  await expect(lost.locator('tr[data-item="g1|1"]')).toContainText('Sorry, I cannot help.');
  await expect(page.getByTestId('trend-table').locator('tbody tr')).toHaveCount(2);
  await expect(page.getByTestId('trend-table').locator('tbody tr').first()).toContainText('(baseline)');

  const reporting = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Report (HTML)' }).click();
  const html = readFileSync(await (await reporting).path(), 'utf8');
  expect(html).toContain('Against the baseline run: <span class="regressed">regressed</span>');
  expect(html).toContain('<svg');
  expect(html).not.toMatch(/<script|src="http/);

  await page.reload();
  await expect(page.getByTestId('regression')).toHaveAttribute('data-verdict', 'regressed', {
    timeout: 30_000,
  });
  await expect(page.getByTestId('trend-table').locator('tbody tr')).toHaveCount(2);

  // The plan as a file: valid against the published schema, no key in it; a broken one changes nothing.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save plan' }).click();
  const text = readFileSync(await (await downloading).path(), 'utf8');
  expect(text).not.toContain(TEST_KEY);
  const plan = JSON.parse(text) as { evaluation: { candidates: unknown[]; repeats: number } };
  const validate = publishedSchema('plan');
  expect(validate(plan), JSON.stringify(validate.errors)).toBe(true);
  expect(plan.evaluation.candidates).toHaveLength(2);
  const broken = testInfo.outputPath('broken-plan.json');
  writeFileSync(broken, JSON.stringify({ ...plan, evaluation: { ...plan.evaluation, repeats: 0 } }));
  await page.getByLabel(/^Load a plan/).setInputFiles(broken);
  await expect(page.getByRole('alert')).toContainText('The plan was not loaded; nothing changed');
  await expect(page.getByRole('alert')).toContainText('/evaluation/repeats');
  await expect(page.getByLabel('Repeats')).toHaveValue('1');

  // History pairs the two runs by plan: the newer judged against the older.
  await openHistory(page);
  await expect(page.getByTestId('baseline-tag')).toHaveCount(1);
  await expect(page.locator('tr[data-run]').nth(1).getByTestId('baseline-tag')).toBeVisible();
  await page
    .getByRole('checkbox', { name: /^Select Evaluate · Greetings/ })
    .nth(0)
    .check();
  await page
    .getByRole('checkbox', { name: /^Select Evaluate · Greetings/ })
    .nth(1)
    .check();
  await page.getByRole('button', { name: 'Compare the two selected runs' }).click();
  await expect(page.getByTestId('run-comparison').getByTestId('regression')).toHaveAttribute(
    'data-verdict',
    'regressed',
  );

  // Opening the baseline shows it as it ran: its decision, and no verdict against itself.
  await page.getByRole('button', { name: 'Open' }).nth(1).click();
  await expect(page).toHaveURL(/#\/evaluate/);
  await expect(page.getByTestId('baseline-status')).toContainText('(the run shown)');
  await expect(page.getByTestId('regression')).toHaveCount(0);
  await expect(page.getByTestId('recommendations')).toContainText('greet');
});

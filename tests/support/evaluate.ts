import type { Page } from '@playwright/test';
import { expect } from './fixtures';

export async function openEvaluate(page: Page) {
  await page.goto('/#/evaluate');
  await expect(page.getByRole('button', { name: 'Run the suite' })).toBeVisible({ timeout: 30_000 });
}

export async function runSuite(page: Page) {
  await page.getByRole('button', { name: 'Run the suite' }).click();
  await expect(page.getByTestId('eval-status')).toHaveAttribute('data-status', 'completed', {
    timeout: 180_000,
  });
}

/** Points candidate n (1-based) at a model of the loopback endpoint, adding candidates as needed. */
export async function remoteCandidate(page: Page, n: number, model: string) {
  while ((await page.locator('li[data-candidate]').count()) < n)
    await page.getByRole('button', { name: 'Add a candidate' }).click();
  const picker = page
    .locator('li[data-candidate]')
    .nth(n - 1)
    .getByRole('combobox', { name: `Candidate ${n}` });
  const value = await picker
    .locator('optgroup[label="Remote · Loopback"] option', { hasText: new RegExp(`^${model} · Loopback$`) })
    .getAttribute('value');
  await picker.selectOption(value ?? '');
}

/** Writes a suite in the app from tasks (one JSON object a line) and waits until it is chosen. */
export async function writeSuite(page: Page, name: string, tasks: readonly object[]): Promise<void> {
  await page.getByRole('button', { name: 'Write a suite' }).click();
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page
    .getByLabel(/^Tasks, one JSON object per line/)
    .fill(tasks.map((t) => JSON.stringify(t)).join('\n'));
  await page.getByRole('button', { name: 'Save suite' }).click();
  await expect(page.getByTestId('suite-summary')).toContainText(`${tasks.length} task`);
}

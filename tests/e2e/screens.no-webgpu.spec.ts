import { expect, test } from '../support/fixtures';
import { pane, waitForRun } from '../support/compare';
import { setSampling } from '../support/playground';

test('without WebGPU, Compare and Evaluate start on WASM only and run', async ({ page }) => {
  await page.goto('/#/compare');
  await expect(pane(page, 0).getByRole('heading')).toContainText(/tiny.*WASM/);
  await expect(pane(page, 1).getByRole('heading')).toContainText(/tiny.*WASM/);
  await setSampling(page, { maxTokens: 4 });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await waitForRun(page);

  await page.goto('/#/evaluate');
  await expect(page.locator('li[data-candidate]')).toHaveCount(1);
  await expect(page.locator('li[data-candidate]').getByRole('combobox', { name: 'Runs on' })).toHaveValue(
    'wasm',
  );
  await page
    .getByRole('combobox', { name: 'Suite', exact: true })
    .selectOption({ label: 'Quick check: one task per workload (9 tasks)' });
  await page.getByLabel(/^Cap new tokens per task/).fill('4');
  await page.getByRole('button', { name: 'Run the suite' }).click();
  await expect(page.getByTestId('eval-status')).toHaveAttribute('data-status', 'completed', {
    timeout: 120_000,
  });
  await expect(page.locator('[data-testid="aggregates"] tbody tr [data-metric="pass-rate"]')).toContainText(
    '/9',
  );
});

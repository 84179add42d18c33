import { expect, test } from '../support/fixtures';

test('without the WebGPU flags the app says WebGPU is unavailable, why, and what to do', async ({ page }) => {
  await page.goto('/');
  expect(await page.evaluate(async () => (await navigator.gpu?.requestAdapter()) ?? null)).toBeNull();

  const badge = page.getByRole('button', { name: /No WebGPU · WASM only/ });
  await expect(badge).toBeVisible();
  await badge.click();
  const panel = page.getByRole('dialog', { name: 'This device' });
  const notice = panel.locator('[data-webgpu="unavailable"]');
  await expect(notice).toHaveAttribute('data-reason', 'no-adapter');
  await expect(notice).toContainText('WebGPU is unavailable: no GPU adapter was found');
  await expect(notice).toContainText('Why:');
  await expect(notice).toContainText('WASM runtime');
  // The rest of the panel still reports what it can.
  await expect(panel.locator('[data-fact="cores"]')).not.toBeEmpty();
});

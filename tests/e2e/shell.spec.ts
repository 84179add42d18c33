import { expect, test } from '../support/fixtures';

test('the app loads on Compare with a device badge and every screen in the navigation', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Compare' })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Screens' });
  for (const name of ['Compare', 'Playground', 'Evaluate', 'History', 'Models', 'Settings']) {
    await expect(nav.getByRole('link', { name })).toBeVisible();
  }
  await expect(page.getByRole('button', { name: /WebGPU · swiftshader · no f16/ })).toBeVisible();
});

test('the device panel shows the SwiftShader adapter and the limits the browser reports', async ({
  page,
}) => {
  await page.goto('/');
  const truth = await page.evaluate(async () => {
    const adapter = await navigator.gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) throw new Error('test browser has no WebGPU adapter');
    return {
      vendor: adapter.info.vendor,
      architecture: adapter.info.architecture,
      f16: adapter.features.has('shader-f16'),
      maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
      maxBufferSize: adapter.limits.maxBufferSize,
      maxComputeWorkgroupStorageSize: adapter.limits.maxComputeWorkgroupStorageSize,
      cores: navigator.hardwareConcurrency,
    };
  });
  expect(truth.architecture).toBe('swiftshader');

  await page.getByRole('button', { name: /WebGPU ·/ }).click();
  const panel = page.getByRole('dialog', { name: 'This device' });
  await expect(panel).toBeVisible();
  await expect(panel.locator('[data-webgpu="available"]')).toContainText('Available');
  await expect(panel.locator('[data-fact="vendor"]')).toHaveText(truth.vendor);
  await expect(panel.locator('[data-fact="architecture"]')).toHaveText(truth.architecture);
  await expect(panel.locator('[data-fact="shader-f16"]')).toContainText(truth.f16 ? 'yes' : 'no');
  for (const key of [
    'maxStorageBufferBindingSize',
    'maxBufferSize',
    'maxComputeWorkgroupStorageSize',
  ] as const) {
    const cell = panel.locator(`[data-limit="${key}"] td[data-value]`);
    await expect(cell).toHaveAttribute('data-value', String(truth[key]));
  }
  await expect(panel.locator('[data-limit="maxStorageBufferBindingSize"] td').first()).toHaveText('1 GiB');
  await expect(panel.locator('[data-fact="cores"]')).toHaveText(String(truth.cores));
  await expect(panel.locator('[data-fact="cross-origin-isolated"]')).toContainText('no');
  await expect(panel.locator('[data-fact="storage"]')).toContainText(' of ');

  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
});

test('the URL names the screen: reload and back keep the place, the keyboard reaches every link', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'History' }).click();
  await expect(page).toHaveURL(/#\/history$/);
  await expect(page.getByRole('heading', { level: 1, name: 'History' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'History' })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Compare' })).toBeVisible();

  const models = page.getByRole('link', { name: 'Models' });
  await models.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Models' })).toBeVisible();
  await expect(models).toHaveAttribute('aria-current', 'page');
});

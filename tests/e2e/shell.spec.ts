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

test('the speed-limit probe measures bandwidth and compute with their spread on this GPU, and keeps them with their date', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await page.getByRole('button', { name: /WebGPU ·/ }).click();
  const panel = page.getByRole('dialog', { name: 'This device' });
  await panel.getByRole('button', { name: 'Measure bandwidth and compute' }).click();
  const bandwidth = panel.locator('[data-fact="bandwidth"]');
  await expect(bandwidth).toBeVisible({ timeout: 90_000 });
  const gbs = Number(await bandwidth.getAttribute('data-value'));
  const gflops = Number(await panel.locator('[data-fact="compute"]').getAttribute('data-value'));
  expect(gbs).toBeGreaterThan(0);
  expect(gflops).toBeGreaterThan(0);
  // "median (min–max over 7 runs)": the spread holds the median.
  const [median, min, max] = ((await bandwidth.textContent()) ?? '').match(/[\d.]+/g)?.map(Number) ?? [];
  expect(min).toBeLessThanOrEqual(median ?? NaN);
  expect(max).toBeGreaterThanOrEqual(median ?? NaN);
  await expect(bandwidth).toContainText('over 7 runs');
  await expect(panel.locator('[data-fact="roofline-date"]')).toContainText('swiftshader');

  await page.reload();
  await page.getByRole('button', { name: /WebGPU ·/ }).click();
  await expect(panel.locator('[data-fact="bandwidth"]')).toHaveAttribute('data-value', String(gbs));
  await expect(panel.getByRole('button', { name: 'Measure again' })).toBeVisible();
  await page.keyboard.press('Escape');

  // Every on-device model the pickers list gets a predicted speed before any download,
  // except Qwen3.5, whose hybrid attention is not sized.
  await page.goto('/#/playground');
  const options = page.getByRole('combobox', { name: 'On-device model' }).locator('option');
  const texts = (await options.allTextContents()).filter((t) => !t.includes(' · Loopback'));
  expect(texts.length).toBeGreaterThan(10);
  for (const text of texts)
    if (text.includes('Qwen3.5')) expect(text).not.toContain('predicted');
    else expect(text).toMatch(/· ≤ ~[\d.,]+ tokens\/s predicted/);
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

// Captures docs/screenshot.png for the README from a running `npm start` (or dev) server:
// the first-run comparison (the tiny model on WebGPU against itself on WASM), run 3 times.
import { chromium } from '@playwright/test';
import { resolve } from 'node:path';
import { QUIET_FLAGS, WEBGPU_FLAGS, chromiumPath } from '../tests/support/chromium';

const url = process.argv[2] ?? 'http://localhost:4173/';
const browser = await chromium.launch({
  executablePath: chromiumPath(),
  args: [...QUIET_FLAGS, ...WEBGPU_FLAGS],
});
const page = await browser.newPage({ viewport: { width: 1200, height: 1250 }, colorScheme: 'light' });
await page.goto(`${url}#/compare`);
await page.getByTestId('compare-prompt').waitFor();
await page.locator('details.sampling summary').click();
await page.locator('details.sampling').getByLabel('Max new tokens').fill('24');
await page.locator('details.sampling summary').click();
await page.getByLabel('Runs per pane').fill('3');
await page.getByRole('button', { name: 'Run', exact: true }).click();
await page.locator('[data-testid="compare-status"][data-status="completed"]').waitFor({ timeout: 180_000 });
await page.screenshot({ path: resolve(import.meta.dirname, '../docs/screenshot.png') });
await browser.close();

// Captures docs/screenshot.png for the README from a running `npm start` (or dev) server.
import { chromium } from '@playwright/test';
import { resolve } from 'node:path';
import { QUIET_FLAGS, WEBGPU_FLAGS, chromiumPath } from '../tests/support/chromium';

const url = process.argv[2] ?? 'http://localhost:4173/';
const browser = await chromium.launch({
  executablePath: chromiumPath(),
  args: [...QUIET_FLAGS, ...WEBGPU_FLAGS],
});
const page = await browser.newPage({ viewport: { width: 1200, height: 860 }, colorScheme: 'light' });
await page.goto(url);
await page.getByRole('button', { name: /WebGPU ·|No WebGPU/ }).click();
await page.getByRole('dialog', { name: 'This device' }).locator('[data-fact="cores"]').waitFor();
await page.screenshot({ path: resolve(import.meta.dirname, '../docs/screenshot.png') });
await browser.close();

import { chromium, type Browser, type Page } from '@playwright/test';
import { QUIET_FLAGS, WEBGPU_FLAGS, chromiumPath } from '../../tests/support/chromium';
import { startVite } from '../lib/vite-server';

export { startVite, type ViteServer } from '../lib/vite-server';

export interface BrowserSession {
  page: Page;
  baseUrl: string;
  close(): Promise<void>;
}

/** Builds nothing: serves the existing dist/ (run `npm run build` first) and opens real Chromium with WebGPU. */
export async function openApp(port = 4391): Promise<BrowserSession> {
  const server = await startVite('preview', port);
  const baseUrl = server.url;
  const browser: Browser = await chromium
    .launch({ executablePath: chromiumPath(), args: [...QUIET_FLAGS, ...WEBGPU_FLAGS] })
    .catch((e: unknown) => {
      server.stop();
      throw e;
    });
  const page = await browser.newPage();
  return {
    page,
    baseUrl,
    async close() {
      await browser.close();
      server.stop();
    },
  };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** A fresh Playground with the tiny model loaded on a device, as a user would load it. */
export async function loadTinyInPlayground(
  page: Page,
  baseUrl: string,
  device: 'webgpu' | 'wasm',
): Promise<void> {
  await page.goto('about:blank'); // a fresh page: no model, no chat
  await page.goto(`${baseUrl}/#/playground`);
  await page
    .getByRole('combobox', { name: 'On-device model' })
    .selectOption('transformers:qwenfit-tiny-qwen2');
  await page.getByRole('radio', { name: device === 'webgpu' ? 'WebGPU' : 'WASM (CPU)' }).check();
  await page.getByRole('button', { name: 'Load model' }).click();
  await page.getByTestId('load-status').waitFor({ timeout: 120_000 });
  await page.locator('details.sampling summary').click();
}

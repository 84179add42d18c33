import { chromium, type Browser, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { QUIET_FLAGS, WEBGPU_FLAGS, chromiumPath } from '../../tests/support/chromium';

const ROOT = resolve(import.meta.dirname, '../..');

export interface BrowserSession {
  page: Page;
  baseUrl: string;
  close(): Promise<void>;
}

async function waitForServer(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`vite preview exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no server at ${url}`);
}

/** Builds nothing: serves the existing dist/ (run `npm run build` first) and opens real Chromium with WebGPU. */
export async function openApp(port = 4391): Promise<BrowserSession> {
  const server = spawn('npx', ['vite', 'preview', '--port', String(port), '--strictPort'], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  const baseUrl = `http://localhost:${port}`;
  await waitForServer(baseUrl, server);
  const browser: Browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [...QUIET_FLAGS, ...WEBGPU_FLAGS],
  });
  const page = await browser.newPage();
  return {
    page,
    baseUrl,
    async close() {
      await browser.close();
      server.kill();
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

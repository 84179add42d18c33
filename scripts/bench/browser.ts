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

/** A Vite server the bench started: its own process group, so stopping it stops Vite too (npx left it running). */
export interface ViteServer {
  url: string;
  stop(): void;
}

const running = new Set<ChildProcess>();
const stopGroup = (child: ChildProcess) => {
  running.delete(child);
  if (child.pid !== undefined && child.exitCode === null) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
};
// However the bench ends, no Vite server outlives it (a later run would find the port taken).
process.on('exit', () => [...running].forEach(stopGroup));
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    [...running].forEach(stopGroup);
    process.exit(130);
  });

/** Starts `vite` (dev) or `vite preview` (the built dist/) on a port and waits until it answers. */
export async function startVite(mode: 'dev' | 'preview', port: number): Promise<ViteServer> {
  const args = [...(mode === 'preview' ? ['preview'] : []), '--port', String(port), '--strictPort'];
  const child = spawn(resolve(ROOT, 'node_modules/.bin/vite'), args, {
    cwd: ROOT,
    stdio: 'ignore',
    detached: true,
  });
  running.add(child);
  const url = `http://localhost:${port}`;
  try {
    await waitForServer(url, child);
  } catch (e) {
    stopGroup(child);
    throw e;
  }
  return { url, stop: () => stopGroup(child) };
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

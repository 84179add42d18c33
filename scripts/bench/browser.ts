import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { QUIET_FLAGS, WEBGPU_FLAGS, chromiumPath } from '../../tests/support/chromium';
import { startVite } from '../lib/vite-server';

export { startVite, type ViteServer } from '../lib/vite-server';

export interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  ts: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

export interface BrowserSession {
  page: Page;
  baseUrl: string;
  /** The profile's folder: its processes are the ones this session started. */
  profile: string;
  close(): Promise<void>;
}

/**
 * Real Chromium with a profile on disk, as users have: an incognito context (Playwright's
 * `browser.newPage()`) keeps IndexedDB in memory, where each write slows as the store grows
 * (100,000 results in one transaction took 92 s there, 8.7 s on disk, same machine).
 */
async function launchProfile(args: string[] = []): Promise<{
  context: BrowserContext;
  page: Page;
  profile: string;
  close(): Promise<void>;
}> {
  const profile = mkdtempSync(join(tmpdir(), 'qwenfit-bench-profile-'));
  const context = await chromium
    .launchPersistentContext(profile, {
      executablePath: chromiumPath(),
      args: [...QUIET_FLAGS, ...WEBGPU_FLAGS, ...args],
      acceptDownloads: true,
      // The service worker's first precache (35 MB) would run beside what is measured.
      serviceWorkers: 'block',
    })
    .catch((e: unknown) => {
      rmSync(profile, { recursive: true, force: true });
      throw e;
    });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    profile,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Serves the app and opens real Chromium with WebGPU on a profile of its own: 'preview'
 * serves the existing dist/ (npm run bench builds it first), 'dev' the Vite dev server,
 * where a page can import src/ and scripts/ modules directly.
 */
export async function openApp(port = 4391, mode: 'dev' | 'preview' = 'preview'): Promise<BrowserSession> {
  const server = await startVite(mode, port);
  const launched = await launchProfile().catch((e: unknown) => {
    server.stop();
    throw e;
  });
  return {
    page: launched.page,
    baseUrl: server.url,
    profile: launched.profile,
    async close() {
      await launched.close();
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

/**
 * Chromium's own trace of one page, through the DevTools protocol (a profile on disk has
 * no Browser object to trace with); `stop` returns its events.
 */
export async function startTrace(page: Page): Promise<{ stop(): Promise<{ traceEvents: TraceEvent[] }> }> {
  const cdp = await page.context().newCDPSession(page);
  const traceEvents: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => {
    for (const e of value as unknown as TraceEvent[]) traceEvents.push(e);
  });
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: ['devtools.timeline', 'toplevel', '__metadata'] },
    transferMode: 'ReportEvents',
  });
  return {
    async stop() {
      const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
      await cdp.send('Tracing.end');
      await complete;
      await cdp.detach();
      return { traceEvents };
    },
  };
}

/** Adds an OpenAI-compatible endpoint named Loopback through Settings, as a user does. */
export async function addLoopbackEndpoint(
  page: Page,
  baseUrl: string,
  endpoint: { url: string; key: string; models: string[]; concurrency?: number },
): Promise<void> {
  await page.goto(`${baseUrl}/#/settings`);
  const form = page.getByRole('form', { name: 'Add an endpoint' });
  await form.getByRole('combobox', { name: 'Provider' }).selectOption('custom');
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Loopback');
  await form.getByRole('textbox', { name: 'Base URL' }).fill(endpoint.url);
  await form.getByLabel(/^API key/).fill(endpoint.key);
  if (endpoint.concurrency !== undefined)
    await form.getByLabel(/Requests at once/).fill(String(endpoint.concurrency));
  await form.getByLabel(/^Models to offer/).fill(endpoint.models.join('\n'));
  await form.getByRole('button', { name: 'Save endpoint' }).click();
  await page.getByRole('status').filter({ hasText: 'Endpoint saved' }).waitFor();
}

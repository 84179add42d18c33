import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '../support/fixtures';
import { loadTinyModel, openPlayground, send, setSampling } from '../support/playground';
import { startServer } from '../support/http-server';
import { serveFolder } from '../support/static-server';

test.use({ serviceWorkers: 'allow' });

test('once loaded, the app reloads with no network and runs the tiny model', async ({ page, context }) => {
  test.setTimeout(180_000);
  await openPlayground(page);
  // The service worker says so once the app, its runtimes and the tiny model are cached.
  await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: 120_000 });
  await page.getByTestId('offline-ready').getByRole('button', { name: 'OK' }).click();

  await context.setOffline(true);
  try {
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Playground' })).toBeVisible();
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.state)).toBe('activated');

    await setSampling(page, { maxTokens: 8 });
    await loadTinyModel(page, 'wasm');
    const turn = await send(page, 'Hello offline');
    await expect(turn.locator('[data-metric="finish-reason"]')).toHaveText('length', { timeout: 60_000 });
    expect(((await turn.getByTestId('reply').textContent()) ?? '').length).toBeGreaterThan(0);
  } finally {
    await context.setOffline(false);
  }
});

test('the served app is installable: a manifest with PNG icons of 192 and 512 pixels', async ({
  page,
  request,
}) => {
  await page.goto('/');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBeTruthy();
  const manifest = (await (await request.get(href ?? '')).json()) as {
    name: string;
    display: string;
    start_url: string;
    icons: { src: string; sizes: string; type: string }[];
  };
  expect(manifest).toMatchObject({ name: 'Qwenfit', display: 'standalone' });
  for (const size of ['192x192', '512x512']) {
    const icon = manifest.icons.find((i) => i.sizes === size && i.type === 'image/png');
    expect(icon, size).toBeDefined();
    const png = await request.get(`/${icon?.src ?? ''}`);
    expect(png.headers()['content-type']).toBe('image/png');
    // PNG signature, then the IHDR width and height.
    const bytes = await png.body();
    expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(`${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`).toBe(size);
  }
});

test('a new version announces itself and takes over only when the user says so', async ({ page }) => {
  test.setTimeout(180_000);
  // A host of its own with a copy of the build, so the test can deploy a "next version".
  const root = mkdtempSync(join(tmpdir(), 'qwenfit-deploy-'));
  cpSync(fileURLToPath(new URL('../../dist', import.meta.url)), root, { recursive: true });
  const host = await startServer(serveFolder(root));
  try {
    await page.goto(`${host.url.replace('127.0.0.1', 'localhost')}/#/playground`);
    await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: 120_000 });
    await page.reload();
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toMatch(/\/sw\.js$/);

    // The next deploy: a service worker that differs by a byte, as a new build's revisions make it.
    appendFileSync(join(root, 'sw.js'), '\n// next version\n');
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
    const banner = page.getByTestId('update-banner');
    await expect(banner).toContainText('A new version of Qwenfit is ready', { timeout: 60_000 });
    // Nothing changes until asked: the new version waits while the old one serves the page.
    const waiting = () =>
      page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => !!r?.waiting));
    expect(await waiting()).toBe(true);
    await banner.getByRole('button', { name: 'Update now' }).click();
    await expect(banner).toBeHidden({ timeout: 30_000 });
    await expect(page.getByRole('heading', { level: 1, name: 'Playground' })).toBeVisible();
    await expect.poll(waiting).toBe(false);
  } finally {
    await host.close();
    rmSync(root, { recursive: true, force: true });
  }
});

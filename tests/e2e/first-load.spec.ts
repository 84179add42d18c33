import { gzipSync } from 'node:zlib';
import { expect, test } from '../support/fixtures';

test('the first load fetches at most 120 KB of gzipped JavaScript; Evaluate and History load theirs on first use', async ({
  page,
}) => {
  const scripts = new Map<string, Promise<Buffer>>();
  page.on('response', (r) => {
    if (r.url().endsWith('.js') && r.ok()) scripts.set(r.url(), r.body());
  });
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Compare' })).toBeVisible();
  await expect(page.getByRole('button', { name: /WebGPU ·/ })).toBeVisible();
  await page.waitForLoadState('networkidle');
  const first = [...scripts.keys()];
  expect(first.length).toBeGreaterThan(0);
  const bodies = await Promise.all(first.map((url) => scripts.get(url) as Promise<Buffer>));
  const firstKb = bodies.reduce((sum, b) => sum + gzipSync(b, { level: 9 }).length, 0) / 1024;
  console.log(`first load: ${first.length} scripts, ${firstKb.toFixed(1)} KB gzipped`);
  expect(firstKb).toBeLessThanOrEqual(120);
  expect(first.some((u) => /\/workspace-/.test(u))).toBe(false);

  // Evaluate's chunk arrives when Evaluate is first opened, and the screen works.
  const nav = page.getByRole('navigation', { name: 'Screens' });
  await nav.getByRole('link', { name: 'Evaluate' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Evaluate' })).toBeVisible();
  expect([...scripts.keys()].some((u) => /\/workspace-/.test(u))).toBe(true);
  await nav.getByRole('link', { name: 'History' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'History' })).toBeVisible();
});

import { readFileSync } from 'node:fs';
import { NETWORK_FAILURE_LINES, expect, test } from '../support/fixtures';
import { publishedSchema } from '../support/schemas';
import { addLoopback, serveOpenAI } from '../support/loopback';
import { pane, openCompare, runComparison, setPane, waitForRun } from '../support/compare';
import { readDatabase } from '../support/database';
import { LONG_LINE_CHARS, TRACKER_PATH } from '../support/openai-server';
import { setSampling } from '../support/playground';

test.use({ allowedConsoleErrors: NETWORK_FAILURE_LINES });

const server = serveOpenAI(test);

const loopback = (page: Parameters<typeof addLoopback>[0], concurrency?: number) =>
  addLoopback(page, server, concurrency ? { concurrency } : {});

test('a first visit lands on a ready comparison: the tiny model on WebGPU against itself on WASM, one click runs both', async ({
  page,
}) => {
  await openCompare(page);
  await expect(pane(page, 0).getByRole('heading')).toContainText(/tiny.*WebGPU/);
  await expect(pane(page, 1).getByRole('heading')).toContainText(/tiny.*WASM/);
  await expect(page.getByTestId('compare-prompt')).not.toHaveValue('');
  await setSampling(page, { maxTokens: 6 });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await waitForRun(page);
  for (const i of [0, 1]) {
    await expect(pane(page, i).getByTestId('pane-run')).toHaveAttribute('data-status', 'done');
    await expect(pane(page, i).locator('[data-metric="finish-reason"]')).toHaveText('length');
    // The first generation after a load is marked cold and kept out of the statistics by default.
    await expect(pane(page, i).locator('[data-metric="run-kind"]')).toHaveText('cold');
  }
  await expect(page.locator('[data-testid="compare-stats"] tr[data-pane="a"]')).toContainText(
    '1 cold left out',
  );
  // Greedy decoding of the same model gives the same text on both devices.
  const [gpu, cpu] = await Promise.all([0, 1].map((i) => pane(page, i).getByTestId('output').textContent()));
  expect(gpu).toBe(cpu);
});

test('panes on one endpoint share its concurrency limit: with one request at once, the second waits for the first', async ({
  page,
}) => {
  await loopback(page, 1);
  await openCompare(page);
  await setPane(page, 0, { endpoint: 'Loopback', model: 'slow-first-token' });
  await setPane(page, 1, { endpoint: 'Loopback', model: 'slow-first-token' });
  const before = server.requests.length;
  await runComparison(page, { prompt: 'One at a time' });
  await waitForRun(page);
  const [first, second] = server.requests.slice(before).filter((r) => r.path === '/v1/chat/completions');
  expect(second && first && second.at - first.at).toBeGreaterThanOrEqual(1400);
});

test('tiny model on WebGPU, the tiny model behind an endpoint and a failing endpoint: healthy panes finish with metrics, the failing one says why, all of it survives a reload', async ({
  page,
}) => {
  await loopback(page);
  await openCompare(page);
  await setPane(page, 0, { device: 'webgpu' });
  await setPane(page, 1, { endpoint: 'Loopback', model: 'tiny' });
  await setPane(page, 2, { endpoint: 'Loopback', model: 'always-500' });
  await runComparison(page, { prompt: 'Say hi', maxTokens: 8 });
  await waitForRun(page);

  for (const i of [0, 1]) {
    const run = pane(page, i).getByTestId('pane-run');
    await expect(run).toHaveAttribute('data-status', 'done');
    await expect(run.getByTestId('output')).not.toBeEmpty();
    expect(Number(await run.locator('[data-metric="ttft-ms"]').getAttribute('data-value'))).toBeGreaterThan(
      0,
    );
    await expect(run.locator('[data-metric="finish-reason"]')).toHaveText('length');
  }
  const failing = pane(page, 2).getByTestId('pane-run');
  await expect(failing).toHaveAttribute('data-status', 'error');
  await expect(failing.getByRole('alert')).toContainText(/unavailable|server/i);

  const outputs = await Promise.all([0, 1].map((i) => pane(page, i).getByTestId('output').textContent()));
  const { results } = await readDatabase(page);
  expect(results).toHaveLength(3);
  expect(results.filter((r) => r.error !== null)).toHaveLength(1);

  await page.reload();
  await expect(page.getByTestId('compare-status')).toHaveAttribute('data-status', 'completed');
  for (const i of [0, 1]) await expect(pane(page, i).getByTestId('output')).toHaveText(outputs[i] ?? '');
  await expect(pane(page, 2).getByRole('alert')).toBeVisible();
  await expect(pane(page, 2).getByRole('heading')).toContainText('always-500');
});

test('hostile model output renders inert and readable: no script, no remote load, no javascript: link', async ({
  page,
}) => {
  await loopback(page);
  await openCompare(page);
  await setPane(page, 0, { endpoint: 'Loopback', model: 'hostile' });
  await setPane(page, 1, { endpoint: 'Loopback', model: 'plain' });
  await runComparison(page, { prompt: 'Report' });
  await waitForRun(page);

  const output = pane(page, 0).getByTestId('output');
  await expect(output.getByRole('heading', { name: 'Hostile report' })).toBeVisible();
  await expect(output).toContainText('End of report.');
  await expect(output).toContainText('[image not loaded: tracker]');
  await expect(output.locator('pre code')).toContainText('console.log("code stays text")');
  expect(
    await output.locator('script, img, iframe, svg, form, button:not(.copy), style, object, embed').count(),
  ).toBe(0);
  const attributes = await output.evaluate((el) =>
    [...el.querySelectorAll('*')].flatMap((n) => [...n.attributes].map((a) => `${a.name}=${a.value}`)),
  );
  expect(attributes.filter((a) => /^on/i.test(a) || /javascript:/i.test(a) || /^style=/.test(a))).toEqual([]);
  for (const link of await output.locator('a').all()) {
    await link.hover();
    expect((await link.getAttribute('href')) ?? '').not.toMatch(/^javascript:/i);
  }
  await output.getByText('hover me').hover();
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(server.requests.filter((r) => r.path.startsWith(TRACKER_PATH))).toEqual([]);

  // The unbroken 200 KB line wraps inside its pane instead of widening the page.
  const longest = await output.evaluate((el) =>
    el.textContent?.match(/A+/g)?.reduce((a, b) => (b.length > a ? b.length : a), 0),
  );
  expect(longest).toBe(LONG_LINE_CHARS);
  const box = await pane(page, 0).boundingBox();
  const viewport = page.viewportSize();
  expect(box && viewport && box.x + box.width).toBeLessThanOrEqual(viewport?.width ?? 0);

  await pane(page, 0).getByLabel('Raw text').check();
  await expect(pane(page, 0).getByTestId('output-raw')).toContainText(
    '<script>window.__pwned = "script"</script>',
  );
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
});

/** Linear interpolation between closest ranks, written apart from the app's own. */
function referencePercentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (s.length - 1);
  const lo = Math.floor(rank);
  return (s[lo] as number) + ((s[Math.ceil(rank)] as number) - (s[lo] as number)) * (rank - lo);
}

test('repeats: P50 and P95 per pane match the stored per-run values, the warm-up left out', async ({
  page,
}) => {
  await loopback(page);
  await openCompare(page);
  await setPane(page, 0, { endpoint: 'Loopback', model: 'plain' });
  await setPane(page, 1, { endpoint: 'Loopback', model: 'tiny' });
  await runComparison(page, { prompt: 'Count', maxTokens: 6, repeats: 5, warmup: true });
  await waitForRun(page);

  const { results } = await readDatabase(page);
  expect(results).toHaveLength(12);
  for (const [paneId, model] of [
    ['a', 'plain'],
    ['b', 'tiny'],
  ] as const) {
    const mine = results.filter((r) => r.modelId === model);
    expect(mine.map((r) => r.taskId).sort()).toEqual([0, 1, 2, 3, 4, 5].map((n) => `${paneId}#${n}`));
    expect(mine.filter((r) => r.cold).map((r) => r.taskId)).toEqual([`${paneId}#0`]);
    const warm = mine.filter((r) => !r.cold);
    const row = page.locator(`[data-testid="compare-stats"] tr[data-pane="${paneId}"]`);
    await expect(row.getByTestId('samples')).toHaveText('n=5');
    await expect(row).toContainText('1 cold left out');
    for (const metric of ['ttftMs', 'e2eMs', 'decodeTokensPerS'] as const) {
      const values = warm.map((r) => r.metrics[metric] as number);
      for (const p of [50, 95] as const) {
        const shown = Number(await row.locator(`[data-metric="${metric}-p${p}"]`).getAttribute('data-value'));
        expect(shown).toBeCloseTo(referencePercentile(values, p), 6);
      }
    }
    await expect(row.locator('[data-metric="ttftMs-p95"]')).toContainText('provisional');
  }
  await expect(page.locator('figure.chart canvas').first()).toBeVisible();

  // The export beside the statistics holds this run and its 12 results, in the published format.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export this run (JSON)' }).click();
  const doc = JSON.parse(readFileSync(await (await downloading).path(), 'utf8')) as { results: unknown[] };
  const validate = publishedSchema('result-file');
  expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
  expect(doc.results).toHaveLength(12);

  await page.getByRole('checkbox', { name: /Include cold runs/ }).check();
  await expect(
    page.locator('[data-testid="compare-stats"] tr[data-pane="a"]').getByTestId('samples'),
  ).toHaveText('n=6');
});

test('a comparison closed mid-run comes back interrupted with its finished results, and Resume runs only the missing ones', async ({
  page,
}) => {
  await loopback(page);
  await openCompare(page);
  await setPane(page, 0, { endpoint: 'Loopback', model: 'slow-first-token' });
  await setPane(page, 1, { endpoint: 'Loopback', model: 'slow-first-token' });
  await runComparison(page, { prompt: 'Slowly', repeats: 3 });
  await expect
    .poll(async () => (await readDatabase(page)).results.length, { timeout: 20_000 })
    .toBeGreaterThanOrEqual(2);
  await page.reload();

  await waitForRun(page, 'interrupted', 30_000);
  const before = (await readDatabase(page)).results;
  expect(before.length).toBeGreaterThanOrEqual(2);
  expect(before.length).toBeLessThan(6);
  await expect(page.getByTestId('compare-status')).toContainText(
    `${6 - before.length} generations are missing`,
  );
  for (const r of before) {
    const [paneId, repeat] = r.taskId.split('#');
    await pane(page, paneId === 'a' ? 0 : 1)
      .getByRole('button', { name: `#${repeat}`, exact: true })
      .or(pane(page, paneId === 'a' ? 0 : 1).getByTestId('pane-run'))
      .first()
      .waitFor();
  }

  await page.getByRole('button', { name: /^Resume/ }).click();
  await waitForRun(page);
  const after = (await readDatabase(page)).results;
  expect(after).toHaveLength(6);
  expect(new Set(after.map((r) => r.taskId)).size).toBe(6);
  expect(after.filter((r) => before.some((b) => b.id === r.id))).toHaveLength(before.length);
  const runs = new Set(after.map((r) => r.runId));
  expect(runs.size).toBe(1);
});

test('an image goes to vision models as an image_url part; other panes say they get the text only', async ({
  page,
}) => {
  await loopback(page);
  await openCompare(page);
  await setPane(page, 0, { endpoint: 'Loopback', model: 'qwen-vl-echo' });
  await setPane(page, 1, { endpoint: 'Loopback', model: 'plain' });
  // A 1x1 PNG.
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  );
  await page.getByLabel(/^Image/).setInputFiles({ name: 'dot.png', mimeType: 'image/png', buffer: png });
  await expect(page.getByRole('img', { name: 'Attached to the prompt' })).toBeVisible();
  await expect(pane(page, 0).getByTestId('no-image')).toHaveCount(0);
  await expect(pane(page, 1).getByTestId('no-image')).toContainText('text only');
  // An earlier turn goes before the prompt, to every pane.
  await page.getByText(/^Earlier turns/).click();
  await page.getByRole('button', { name: 'Add an earlier turn' }).click();
  await page.getByRole('textbox', { name: 'Earlier turn 1', exact: true }).fill('Remember the colour blue.');
  const before = server.requests.length;
  await runComparison(page, { prompt: 'What is in the picture?' });
  await waitForRun(page);
  await expect(pane(page, 0).getByTestId('output')).toContainText(
    'Received 1 image(s) data:image/png;base64',
  );
  const sent = server.requests.slice(before).filter((r) => r.path === '/v1/chat/completions');
  const plain = sent.find((r) => r.body?.model === 'plain');
  expect(plain?.body?.messages).toEqual([
    { role: 'user', content: 'Remember the colour blue.' },
    { role: 'user', content: 'What is in the picture?' },
  ]);

  await page
    .getByLabel(/^Image/)
    .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('x') });
  await expect(page.getByRole('alert').filter({ hasText: 'notes.txt is not an image' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Attached to the prompt' })).toBeVisible();
});

test('Stop on one pane stops only that pane; the comparison ends interrupted and Esc stops the rest', async ({
  page,
}) => {
  await loopback(page);
  await openCompare(page);
  await setPane(page, 0, { endpoint: 'Loopback', model: 'paced' });
  await setPane(page, 1, { endpoint: 'Loopback', model: 'plain' });
  await setPane(page, 2, { endpoint: 'Loopback', model: 'paced' });
  await runComparison(page, { prompt: 'Go', maxTokens: 2000 });
  await expect(pane(page, 0).getByTestId('output')).toContainText('t5');
  await pane(page, 0).getByRole('button', { name: 'Stop this pane' }).click();
  await expect(pane(page, 0).getByTestId('pane-run')).toHaveAttribute('data-status', 'stopped');
  await expect(pane(page, 1).getByTestId('pane-run')).toHaveAttribute('data-status', 'done');
  await expect(pane(page, 2).getByTestId('pane-run')).toHaveAttribute('data-status', 'streaming');
  await page.keyboard.press('Escape');
  await waitForRun(page, 'interrupted');
  await expect(pane(page, 2).getByTestId('pane-run')).toHaveAttribute('data-status', 'stopped');
  const partial = (await pane(page, 0).getByTestId('output').textContent()) ?? '';
  expect(partial).toContain('t5');
  expect(partial).not.toContain('t1999');
  await expect(page.getByRole('button', { name: 'Resume (2 missing)' })).toBeVisible();
  expect((await readDatabase(page)).results.map((r) => r.modelId)).toEqual(['plain']);
});

import { referenceGreedy } from '../support/reference-generation';
import { expect, test } from '../support/fixtures';
import { loadTinyModel, metric, openPlayground, send, setSampling } from '../support/playground';
import { openCompare, pane, waitForRun } from '../support/compare';

const PROMPT = 'What is the capital of France?';
const MAX = 24;

test.describe.configure({ timeout: 180_000 });

test('the tiny model streams the same greedy reply on WebGPU, on WASM and in Node', async ({ page }) => {
  const reference = await referenceGreedy([{ role: 'user', content: PROMPT }], MAX);
  expect(reference.completionTokens).toBe(MAX);
  await openPlayground(page);
  await setSampling(page, { maxTokens: MAX });

  const replies: Record<string, string> = {};
  for (const device of ['webgpu', 'wasm'] as const) {
    if (device === 'webgpu') {
      const loading = loadTinyModel(page, device);
      // Real progress from the runtime: the GPU shader compilation phase is seen.
      await expect(page.locator('[data-phase="compiling"]')).toBeVisible({ timeout: 60_000 });
      await loading;
    } else {
      await page.getByRole('button', { name: 'Clear chat' }).click();
      await loadTinyModel(page, device);
    }
    expect(Number(await page.locator('[data-metric="load-ms"]').getAttribute('data-value'))).toBeGreaterThan(
      0,
    );

    const turn = await send(page, PROMPT);
    await expect(turn.locator('[data-metric="finish-reason"]')).toHaveText('length', { timeout: 60_000 });
    replies[device] = (await turn.getByTestId('reply').textContent()) ?? '';

    const ttft = await metric(turn, 'ttft-ms');
    const e2e = await metric(turn, 'e2e-ms');
    const decode = await metric(turn, 'decode-tps');
    expect(ttft).toBeGreaterThan(0);
    expect(e2e).toBeGreaterThanOrEqual(ttft);
    expect(decode).toBeGreaterThan(0);
    // Decode rate is what the definition says it is, from the figures shown beside it.
    expect(decode).toBeCloseTo((MAX - 1) / ((e2e - ttft) / 1000), 3);
    expect(await metric(turn, 'prompt-tokens')).toBe(reference.promptTokens);
    expect(await metric(turn, 'completion-tokens')).toBe(MAX);
    // The page cannot see a token before the worker produced it.
    expect(await metric(turn, 'worker-stats')).toBeLessThanOrEqual(ttft);
  }
  expect(replies.webgpu).toBe(reference.text);
  expect(replies.wasm).toBe(reference.text);
});

for (const device of ['webgpu', 'wasm'] as const) {
  test(`Stop ends a long ${device} reply mid-stream and the model keeps working`, async ({ page }) => {
    await openPlayground(page);
    await loadTinyModel(page, device);
    await setSampling(page, { maxTokens: 1500 });
    const turn = await send(page, 'Write a very long story.');
    await expect(turn.getByTestId('reply')).not.toBeEmpty();
    await page.getByLabel(/^Message/).press('Escape');
    await expect(turn.locator('[data-metric="finish-reason"]')).toHaveText('abort');
    const produced = await metric(turn, 'completion-tokens');
    expect(produced).toBeGreaterThan(0);
    expect(produced).toBeLessThan(1500);

    await setSampling(page, { maxTokens: 4 });
    const next = await send(page, 'Hi');
    await expect(next.locator('[data-metric="finish-reason"]')).toHaveText('length');
    expect(await metric(next, 'completion-tokens')).toBe(4);
    // The first reply after a load is marked cold, later ones warm.
    const replies = page.locator('li[data-role="assistant"]');
    await expect(replies.nth(0).locator('[data-metric="run-kind"]')).toHaveText('cold');
    await expect(replies.nth(1).locator('[data-metric="run-kind"]')).toHaveText('warm');
  });
}

test('Stop stays on screen while a long reply grows the page, and a click on it stops the reply', async ({
  page,
}) => {
  await openPlayground(page);
  await loadTinyModel(page, 'wasm');
  await setSampling(page, { maxTokens: 2000 });
  const turn = await send(page, 'Write a very long story.');
  // Long enough to push anything laid out below the reply past the bottom of the window.
  await expect
    .poll(async () => (await turn.getByTestId('reply').textContent())?.length ?? 0, {
      timeout: 60_000,
      intervals: [100],
    })
    .toBeGreaterThan(3000);
  const stop = page.getByRole('button', { name: 'Stop' });
  await expect(stop).toBeInViewport();
  await stop.click();
  await expect(turn.locator('[data-metric="finish-reason"]')).toHaveText('abort');
});

test('a stop string ends the reply before it and reports finish reason stop', async ({ page }) => {
  const reference = await referenceGreedy([{ role: 'user', content: PROMPT }], MAX);
  const stop = reference.text.slice(10, 16);
  await openPlayground(page);
  await loadTinyModel(page, 'wasm');
  await setSampling(page, { maxTokens: MAX, stop });
  const turn = await send(page, PROMPT);
  await expect(turn.locator('[data-metric="finish-reason"]')).toHaveText('stop');
  await expect(turn.getByTestId('reply')).toHaveText(reference.text.slice(0, reference.text.indexOf(stop)));
});

test('a model loaded in the Playground is the one Compare runs: one worker, and the Playground waits its turn on it', async ({
  page,
}) => {
  await openPlayground(page);
  await loadTinyModel(page, 'wasm');
  await expect.poll(() => page.workers().length).toBe(1);
  // Compare's first visit: the tiny model on WebGPU against itself on WASM.
  await openCompare(page);
  await setSampling(page, { maxTokens: 4 });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await waitForRun(page);
  // The WASM pane ran on the Playground's worker: only the WebGPU one is new.
  expect(page.workers()).toHaveLength(2);
  await expect(pane(page, 1).locator('[data-metric="run-kind"]')).toHaveText('cold');
  await page.goto('/#/playground');
  await expect(page.getByTestId('load-status')).toContainText('· wasm in');
  await setSampling(page, { maxTokens: 4 });
  const turn = await send(page, 'Hi');
  await expect(turn.locator('[data-metric="finish-reason"]')).toHaveText('length');
  // Compare's generation already paid for the warm-up.
  await expect(turn.locator('[data-metric="run-kind"]')).toHaveText('warm');
  expect(page.workers()).toHaveLength(2);
});

import { readFileSync } from 'node:fs';
import { TINY_KEY } from '../support/compare';
import { readDatabase } from '../support/database';
import { openEvaluate, remoteCandidate, runSuite, writeSuite } from '../support/evaluate';
import { NETWORK_FAILURE_LINES, expect, test } from '../support/fixtures';
import { addLoopback, serveOpenAI } from '../support/loopback';
import { FRAGILE_PROMPTS } from '../support/openai-server';
import { publishedSchema } from '../support/schemas';

test.use({ allowedConsoleErrors: NETWORK_FAILURE_LINES });
test.describe.configure({ timeout: 180_000 });

const server = serveOpenAI(test);

const greetings = FRAGILE_PROMPTS.map((content, i) => ({
  id: `g${i + 1}`,
  category: 'greet',
  messages: [{ role: 'user', content }],
  grader: { type: 'contains', expected: ['loopback'] },
}));

test('noise: the preview shows the changes before Run; a model that only reads clean input passes clean and breaks under noise, paired and significant', async ({
  page,
}) => {
  await addLoopback(page, server, { models: ['fragile', 'plain'] });
  await openEvaluate(page);
  await writeSuite(page, 'Fragile greetings', greetings);
  await remoteCandidate(page, 1, 'fragile');
  await remoteCandidate(page, 2, 'plain');
  const sent = server.requests.filter((r) => r.path.endsWith('/chat/completions')).length;
  await page.getByRole('group', { name: 'Noisy input (share of words)' }).getByLabel('40%').check();
  // The stressed prompt is shown, its changed words marked, and nothing has been sent.
  const preview = page.getByTestId('stress-preview');
  await expect(preview.locator('[data-stress="noise@0.4"] mark').first()).toBeVisible();
  await expect(preview.locator('[data-stress="noise@0.4"]')).toContainText('loopback');
  expect(server.requests.filter((r) => r.path.endsWith('/chat/completions')).length).toBe(sent);

  await runSuite(page);
  const row = (c: string) =>
    page.locator(`[data-testid="robustness"] tr[data-candidate="${c}"][data-stress="noise@0.4"]`);
  await expect(row('c1').locator('[data-metric="clean"]')).toHaveText('8/8 · 100%');
  const stressed = Number(
    /^(\d+)\//.exec((await row('c1').locator('[data-metric="stressed"]').textContent()) ?? '')?.[1],
  );
  expect(stressed).toBeLessThanOrEqual(1);
  await expect(row('c1')).toHaveAttribute('data-separated', 'true');
  await expect(row('c2').locator('[data-metric="stressed"]')).toHaveText('8/8 · 100%');
  await expect(row('c2')).toHaveAttribute('data-separated', 'false');
  await expect(page.getByTestId('breaks-under-stress')).toContainText('fragile · Loopback');
  // Held to the stresses the workload counts, the route goes to the model that holds.
  const decision = page.locator('[data-testid="recommendations"] tr[data-category="greet"]');
  await expect(decision.locator('[data-pick="default"] strong')).toHaveText('plain · Loopback');
  await expect(decision).toContainText('breaks under noise@0.4');

  // Reproducible: the stressed results carry transform, seed and hash; a second run sends the same prompts.
  const first = (await readDatabase(page)).results.filter((r) => r.stress);
  expect(first).toHaveLength(16);
  expect(first.every((r) => r.stress?.seed === 1 && /^[0-9a-f]{8}$/.test(r.stress.hash))).toBe(true);
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export this run (JSON)' }).click();
  const doc = JSON.parse(readFileSync(await (await downloading).path(), 'utf8')) as object;
  const validate = publishedSchema('result-file');
  expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
  await runSuite(page);
  const all = (await readDatabase(page)).results.filter((r) => r.stress);
  const hashes = (runId: string) =>
    all
      .filter((r) => r.runId === runId)
      .map((r) => `${r.taskId}:${r.stress?.hash}`)
      .sort();
  const [a, b] = [...new Set(all.map((r) => r.runId))];
  expect(hashes(b ?? '')).toEqual(hashes(a ?? '').map((h) => h));
});

test('ambiguity: a model that asks passes the underspecified tasks; one that invents a value fails them as hallucination', async ({
  page,
}) => {
  await addLoopback(page, server, { models: ['asker', 'inventor'] });
  await openEvaluate(page);
  await page
    .getByRole('combobox', { name: 'Suite', exact: true })
    .selectOption({ label: 'Ambiguity (for the ambiguity stress) (6 tasks)' });
  await remoteCandidate(page, 1, 'asker');
  await remoteCandidate(page, 2, 'inventor');
  await page.getByLabel('Ambiguity (annotated tasks)').check();
  await expect(page.getByTestId('stress-preview').locator('[data-stress="ambiguity"]')).toContainText(
    'removed “in Hangzhou”',
  );
  await runSuite(page);
  const row = (c: string) =>
    page.locator(`[data-testid="robustness"] tr[data-candidate="${c}"][data-stress="ambiguity"]`);
  await expect(row('c1').locator('[data-metric="stressed"]')).toHaveText('6/6 · 100%');
  await expect(row('c2').locator('[data-metric="stressed"]')).toHaveText('0/6 · 0%');
  await expect(row('c2').locator('[data-metric="stressed-failures"]')).toHaveText('hallucination 6');
  const { results } = await readDatabase(page);
  const invented = results.filter((r) => r.candidate === 'c2' && r.stress);
  expect(invented.map((r) => r.grade?.failure)).toEqual(Array(6).fill('hallucination'));
});

test('a context sweep on the tiny on-device model: TTFT grows with the prompt, and past its 2,048 tokens the task is skipped, never sent', async ({
  page,
}) => {
  await openEvaluate(page);
  await writeSuite(
    page,
    'Short asks',
    ['Say hi.', 'Name a colour.'].map((content, i) => ({
      id: `s${i + 1}`,
      category: 'chat',
      messages: [{ role: 'user', content }],
      grader: { type: 'regex', pattern: '.' },
    })),
  );
  const first = page.locator('li[data-candidate]').nth(0);
  await first.getByRole('combobox', { name: 'Candidate 1' }).selectOption(TINY_KEY);
  await first.getByRole('combobox', { name: 'Runs on' }).selectOption('wasm');
  while ((await page.locator('li[data-candidate]').count()) > 1)
    await page.getByRole('button', { name: 'Remove candidate 2' }).click();
  await page.getByLabel(/^Cap new tokens per task/).fill('4');
  const lengths = page.getByRole('group', { name: 'Long context (tokens, estimated)' });
  await lengths.getByLabel('1k').check();
  await lengths.getByLabel('4k').check();
  await runSuite(page);
  const row = (stress: string) => page.locator(`[data-testid="robustness"] tr[data-stress="${stress}"]`);
  await expect(row('long-context@4096/middle').locator('[data-metric="skipped"]')).toHaveText('2');
  await expect(row('long-context@1024/middle').locator('[data-metric="skipped"]')).toHaveText('0');
  const { results } = await readDatabase(page);
  const ttft = (stress: string | null) =>
    results.filter((r) => (r.stress?.id ?? null) === stress).map((r) => r.metrics.ttftMs ?? NaN);
  const clean = Math.max(...ttft(null));
  for (const t of ttft('long-context@1024/middle')) expect(t).toBeGreaterThan(clean);
  expect(results.filter((r) => r.skipped === 'context').map((r) => r.stress?.id)).toEqual([
    'long-context@4096/middle',
    'long-context@4096/middle',
  ]);
  await expect(page.getByTestId('prefill-chart')).toBeVisible();
});

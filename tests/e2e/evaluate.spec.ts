import { readFileSync } from 'node:fs';
import { BFCL_FACTORIAL_TOOL } from '../support/bfcl';
import type { Page } from '@playwright/test';
import { publishedSchema } from '../support/schemas';
import { NETWORK_FAILURE_LINES, expect, test } from '../support/fixtures';
import { addLoopback, serveOpenAI } from '../support/loopback';
import { readDatabase } from '../support/database';
import { TEST_KEY, setPrice } from '../support/remote';
import { TINY_KEY } from '../support/compare';
import { openEvaluate, remoteCandidate, runSuite } from '../support/evaluate';

test.use({ allowedConsoleErrors: NETWORK_FAILURE_LINES });

const server = serveOpenAI(test);

/** Candidate 1: the tiny model on WASM; candidate 2: the tiny model behind the loopback endpoint. */
async function tinyCandidates(page: Page) {
  const first = page.locator('li[data-candidate]').nth(0);
  await first.getByRole('combobox', { name: 'Candidate 1' }).selectOption(TINY_KEY);
  await first.getByRole('combobox', { name: 'Runs on' }).selectOption('wasm');
  const second = page.locator('li[data-candidate]').nth(1);
  const picker = second.getByRole('combobox', { name: 'Candidate 2' });
  const value = await picker
    .locator('optgroup[label="Remote · Loopback"] option', { hasText: /^tiny · Loopback$/ })
    .getAttribute('value');
  await picker.selectOption(value ?? '');
  await page.getByLabel(/^Cap new tokens per task/).fill('8');
}

test('a built-in suite on the tiny on-device and tiny remote models: aggregates, failure and Pareto charts, stored, restored', async ({
  page,
}) => {
  await addLoopback(page, server);
  await openEvaluate(page);
  // A first visit asks for the context the default suite needs: its default candidates are not flagged.
  await expect(page.getByTestId('constraint-flag')).toHaveCount(0);
  await page.getByLabel('Context needed (tokens)').fill('4096');
  await page
    .getByRole('combobox', { name: 'Suite', exact: true })
    .selectOption({ label: 'Quick check: one task per workload (9 tasks)' });
  await expect(page.getByTestId('suite-summary')).toContainText('9 tasks');
  await tinyCandidates(page);
  // The tiny model's context window is known and fits; the remote one's is not known, and says so.
  const candidates = page.locator('li[data-candidate]');
  await expect(candidates.nth(0).getByTestId('constraint-unchecked')).toHaveCount(0);
  await expect(candidates.nth(1).getByTestId('constraint-unchecked')).toHaveText(
    'Not checked: context window not known here: check that it holds the 4,096 tokens needed.',
  );
  await runSuite(page);

  await expect(page.getByTestId('eval-progress')).toContainText('18 of 18 generations');
  const rows = page.locator('[data-testid="aggregates"] tbody tr');
  await expect(rows).toHaveCount(2);
  for (const row of await rows.all())
    await expect(row.locator('[data-metric="pass-rate"]')).toContainText('/9');
  await expect(page.getByTestId('failure-chart').locator('canvas').first()).toBeVisible();
  await expect(page.getByTestId('pareto-chart').locator('canvas').first()).toBeVisible();
  // The failure table accounts for every failing reply.
  const { results, runs } = await readDatabase(page);
  expect(results).toHaveLength(18);
  // Back-to-back generations on one worker: none may find it still busy with the last one.
  expect(results.filter((r) => r.error !== null).map((r) => r.error?.message)).toEqual([]);
  for (const candidate of ['c1', 'c2']) {
    const mine = results.filter((r) => r.candidate === candidate);
    const failed = mine.filter((r) => r.grade && !r.grade.pass).length;
    const cells = page.locator(`[data-testid="failure-table"] tbody tr[data-candidate="${candidate}"] td`);
    const counts = await cells.allTextContents();
    expect(counts.map(Number).reduce((a, b) => a + b, 0)).toBe(failed);
    expect(mine.every((r) => r.grade && r.category)).toBe(true);
  }
  expect(runs.find((r) => r.kind === 'evaluate')?.suiteId).toBe('builtin-quick');
  // The on-device model's context is too small for every category: said once, not on each row.
  const small = 'context window 2,048 tokens < 4,096 needed';
  await expect(page.getByTestId('left-out-everywhere')).toContainText(small);
  await expect(page.getByTestId('recommendations')).not.toContainText(small);

  // Exported beside the results: the run, its graded results and the suite it ran, in the published format.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export this run (JSON)' }).click();
  const doc = JSON.parse(readFileSync(await (await downloading).path(), 'utf8')) as {
    results: { grade?: unknown }[];
    suites: { id: string; tasks: unknown[] }[];
  };
  const validateExport = publishedSchema('result-file');
  expect(validateExport(doc), JSON.stringify(validateExport.errors)).toBe(true);
  expect(doc.results.filter((r) => r.grade)).toHaveLength(18);
  expect(doc.suites.map((s) => [s.id, s.tasks.length])).toEqual([['builtin-quick', 9]]);

  const decision = (await page.getByTestId('recommendations').textContent()) ?? '';
  const aggregates = (await page.getByTestId('aggregates').textContent()) ?? '';
  await page.reload();
  await expect(page.locator('[data-testid="aggregates"] tbody tr')).toHaveCount(2);
  await expect(page.getByTestId('eval-status')).toHaveAttribute('data-status', 'completed');

  // Opened from History (in a fresh page) it is drawn from its stored plan: the same figures and decision.
  await page.goto('/#/history');
  await page.reload();
  await page
    .getByRole('combobox', { name: 'Suite' })
    .selectOption({ label: 'Quick check: one task per workload' });
  await expect(page.locator('tr[data-run^="Evaluate"]')).toHaveCount(1);
  await page.locator('tr[data-run^="Evaluate"]').getByRole('button', { name: 'Open' }).click();
  await expect(page).toHaveURL(/#\/evaluate/);
  await expect(page.getByTestId('aggregates')).toHaveText(aggregates);
  await expect(page.getByTestId('recommendations')).toHaveText(decision);
});

test('an imported CSV suite gives recommendations, and the routing table exports and validates', async ({
  page,
}) => {
  await addLoopback(page, server, { models: ['tiny'] });
  await openEvaluate(page);
  await page.getByLabel('Context needed (tokens)').fill('4096');
  const csv =
    'id,category,prompt,grader,expected\nr1,replies,Say anything,regex,\\S\nr2,replies,Say more,regex,\\S\n';
  await page
    .getByLabel(/^Import a suite/)
    .setInputFiles({ name: 'replies.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByTestId('suite-summary')).toContainText('2 tasks in 1 category: replies');
  await tinyCandidates(page);
  await runSuite(page);

  const rec = page.locator('[data-testid="recommendations"] tr[data-category="replies"]');
  await expect(rec.locator('[data-pick="default"] strong')).toHaveText('tiny · Loopback');
  // The default workload needs 4,096 tokens of context: the tiny on-device model (2,048) is left out, with the reason.
  await expect(rec).toContainText('context window 2,048 tokens < 4,096 needed');
  // The suite's own estimate (two short prompts, 8 new tokens at most) fits it.
  const need = page.getByTestId('suite-context-need');
  await expect(need).toContainText(/about \d+ tokens/);
  const estimate = /about (\d+) tokens/.exec((await need.textContent()) ?? '')?.[1];
  await need.getByRole('button', { name: 'Use it' }).click();
  await expect(page.getByLabel('Context needed (tokens)')).toHaveValue(estimate ?? '');
  expect(Number(estimate)).toBeLessThan(100);
  // The only other candidate is left out: no fallback, said plainly.
  await expect(rec.locator('[data-pick="fallback"]')).toContainText('None stronger');

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export routing table (JSON)' }).click();
  const text = readFileSync(await (await downloading).path(), 'utf8');
  expect(text).not.toContain(TEST_KEY);
  const table = JSON.parse(text) as {
    version: number;
    routes: { category: string; model: { modelId: string }; fallback: unknown; evidence: { n: number } }[];
  };
  const validate = publishedSchema('routing-table');
  expect(validate(table), JSON.stringify(validate.errors)).toBe(true);
  expect(table.routes).toHaveLength(1);
  expect(table.version).toBe(2);
  expect(table.routes[0]?.category).toBe('replies');
  expect(table.routes[0]?.evidence.n).toBe(2);
  expect(table.routes[0]?.fallback).toBeNull();

  // A bad suite file is refused with where the problem is, and the suite list is unchanged.
  await page.getByLabel(/^Import a suite/).setInputFiles({
    name: 'bad.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('prompt,grader,expected\nhi,fuzzy,x\n'),
  });
  await expect(page.getByRole('alert')).toContainText('line 2: grader must be');
  await expect(page.getByTestId('suite-summary')).toContainText('replies');

  // Written in the app: a bad line is refused with its number, a good suite is stored and chosen.
  await page.getByRole('button', { name: 'Write a suite' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Refunds');
  const task = (id: string) =>
    JSON.stringify({
      id,
      category: 'billing',
      messages: [{ role: 'user', content: 'Refund?' }],
      grader: { type: 'contains', expected: ['refund'] },
    });
  await page.getByLabel(/^Tasks, one JSON object per line/).fill(`${task('a')}
{"id": "b"`);
  await page.getByRole('button', { name: 'Save suite' }).click();
  await expect(page.getByRole('alert')).toContainText('line 2: not valid JSON');
  await page.getByLabel(/^Tasks, one JSON object per line/).fill(`${task('a')}
${task('b')}`);
  await page.getByRole('button', { name: 'Save suite' }).click();
  await expect(page.getByTestId('suite-summary')).toContainText('2 tasks in 1 category: billing');
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Suite', exact: true })).toContainText(
    'Refunds (2 tasks, user)',
  );
});

async function importCsv(page: Page, name: string, csv: string) {
  await page
    .getByLabel(/^Import a suite/)
    .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
}

async function onlyRemote(page: Page, model: string) {
  await page.getByRole('button', { name: 'Remove candidate 2' }).click();
  const picker = page.locator('li[data-candidate]').nth(0).getByRole('combobox', { name: 'Candidate 1' });
  const value = await picker
    .locator('optgroup[label="Remote · Loopback"] option', { hasText: new RegExp(`^${model} · Loopback$`) })
    .getAttribute('value');
  await picker.selectOption(value ?? '');
}

const progressDone = async (page: Page) =>
  Number(/^(\d+) of/.exec((await page.getByTestId('eval-progress').textContent()) ?? '')?.[1]);

test('pause holds both candidates and starts nothing new; cancel leaves an interrupted run that continues with only the missing tasks', async ({
  page,
}) => {
  await addLoopback(page, server, { models: ['slow-first-token'], concurrency: 1 });
  await openEvaluate(page);
  await importCsv(
    page,
    'slow.csv',
    'id,category,prompt,grader,expected\n' +
      [1, 2, 3].map((i) => `s${i},slow,Task ${i},contains,loopback`).join('\n'),
  );
  // Two candidates, as by default: each has its own task loop, and both must stop and go on.
  await remoteCandidate(page, 1, 'slow-first-token');
  await remoteCandidate(page, 2, 'slow-first-token');
  // The keyboard runs and cancels, as on the other screens.
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('eval-progress')).toContainText('1 of 6', { timeout: 20_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('eval-progress')).toContainText('paused');
  // The task in flight may finish, and the other candidate's waiting one; nothing new starts.
  await page.waitForTimeout(3_500);
  const whilePaused = await progressDone(page);
  expect(whilePaused).toBeLessThanOrEqual(3);
  await page.waitForTimeout(2_000);
  expect(await progressDone(page)).toBe(whilePaused);

  // Resume releases both loops (one shared resume slot once left a loop waiting forever, and
  // the run never ended); then cancel.
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect.poll(() => progressDone(page), { timeout: 20_000 }).toBeGreaterThan(whilePaused);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('eval-status')).toHaveAttribute('data-status', 'interrupted', {
    timeout: 20_000,
  });
  const before = (await readDatabase(page)).results;
  expect(before.length).toBeLessThan(6);
  await page.getByRole('button', { name: /^Continue \(\d+ tasks left\)/ }).click();
  await expect(page.getByTestId('eval-status')).toHaveAttribute('data-status', 'completed', {
    timeout: 30_000,
  });
  const after = (await readDatabase(page)).results;
  expect(after).toHaveLength(6);
  expect(new Set(after.map((r) => `${r.candidate}|${r.taskId}`)).size).toBe(6);
  expect(after.filter((r) => before.some((b) => b.id === r.id))).toHaveLength(before.length);
  await expect(
    page.locator('[data-testid="aggregates"] tbody tr [data-metric="pass-rate"]').first(),
  ).toContainText('3/3');
});

test('the decision holds a floor: a never-calling model is never the tools route, equal candidates are not separated, an all-error candidate has no latency', async ({
  page,
}) => {
  await addLoopback(page, server, { models: ['plain', 'no-usage', 'tools', 'unauthorized'] });
  await openEvaluate(page);
  const weather = {
    category: 'tools',
    messages: [{ role: 'user', content: 'Weather and time in Hangzhou?' }],
    tools: [
      {
        name: 'get_weather',
        description: 'Weather',
        parameters: { type: 'object', properties: { city: { type: 'string' } } },
      },
      {
        name: 'get_time',
        description: 'Time',
        parameters: { type: 'object', properties: { tz: { type: 'string' } } },
      },
    ],
    grader: {
      type: 'tool-call',
      expected: [
        { name: 'get_weather', arguments: { city: ['Hangzhou'] } },
        { name: 'get_time', arguments: { tz: ['Asia/Shanghai'] } },
      ],
    },
  };
  const greet = {
    category: 'greet',
    messages: [{ role: 'user', content: 'Say hello.' }],
    grader: { type: 'contains', expected: ['loopback'] },
  };
  const lines = [1, 2, 3].flatMap((i) => [
    JSON.stringify({ ...weather, id: `w${i}` }),
    JSON.stringify({ ...greet, id: `g${i}` }),
  ]);
  await page.getByRole('button', { name: 'Write a suite' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Floor check');
  await page.getByLabel(/^Tasks, one JSON object per line/).fill(lines.join('\n'));
  await page.getByRole('button', { name: 'Save suite' }).click();
  await expect(page.getByTestId('suite-summary')).toContainText('6 tasks in 2 categories');
  for (const [n, model] of [
    [1, 'plain'],
    [2, 'no-usage'],
    [3, 'tools'],
    [4, 'unauthorized'],
  ] as const)
    await remoteCandidate(page, n, model);
  await runSuite(page);

  const decision = (category: string) =>
    page.locator(`[data-testid="recommendations"] tr[data-category="${category}"]`);
  // plain and no-usage never call a tool: 0/3. tools calls both: 3/3, and is the only route for tools.
  await expect(decision('tools').locator('[data-pick="default"] strong')).toHaveText('tools · Loopback');
  await expect(decision('tools')).toContainText('pass rate 0% below the 80% floor');
  // plain and no-usage both pass every greeting: not separated, and the tie is said.
  await expect(decision('greet').getByTestId('paired-test')).toHaveAttribute('data-separated', 'false');
  await expect(decision('greet').getByTestId('paired-test')).toContainText('Not separated at n = 3');
  await expect(decision('greet').getByTestId('tie-break')).toBeVisible();

  // Every generation of the unauthorized candidate failed: errors 6/6, no latency, not on the front.
  const dead = page.locator('[data-testid="aggregates"] tbody tr[data-candidate="c4"]');
  await expect(dead.locator('[data-metric="error-rate"]')).toHaveText('6/6');
  await expect(dead.locator('[data-metric="e2e-p95"]')).toHaveText('– / –');
  await expect(dead).not.toContainText('Pareto-optimal');
  await expect(page.getByTestId('pareto-not-compared')).toContainText('no completed reply');

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export routing table (JSON)' }).click();
  const table = JSON.parse(readFileSync(await (await downloading).path(), 'utf8')) as {
    routes: { category: string; model: { modelId: string } }[];
  };
  expect(table.routes.find((r) => r.category === 'tools')?.model.modelId).toBe('tools');
  expect(['plain', 'no-usage']).toContain(table.routes.find((r) => r.category === 'greet')?.model.modelId);
});

test('the grounded suite files a model that invents a figure as hallucination, in the table and the export', async ({
  page,
}) => {
  await addLoopback(page, server, { models: ['inventor', 'plain'] });
  await openEvaluate(page);
  await page
    .getByRole('combobox', { name: 'Suite', exact: true })
    .selectOption({ label: 'Grounded QA over supplied context (8 tasks)' });
  await remoteCandidate(page, 1, 'inventor');
  await remoteCandidate(page, 2, 'plain');
  await runSuite(page);
  const inventor = page.locator('[data-testid="failure-table"] tbody tr[data-candidate="c1"]');
  // 37 days, 2019 and Acme are in no line of the policy: every one of its replies invents.
  await expect(inventor.locator('[data-failure="hallucination"]')).toHaveText('8');
  const plain = page.locator('[data-testid="failure-table"] tbody tr[data-candidate="c2"]');
  await expect(plain.locator('[data-failure="hallucination"]')).toHaveText('3');
  const { results } = await readDatabase(page);
  expect(results.filter((r) => r.grade?.failure === 'hallucination')).toHaveLength(11);

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export this run (JSON)' }).click();
  const doc = JSON.parse(readFileSync(await (await downloading).path(), 'utf8')) as {
    minorVersion: number;
    results: { grade?: { failure: string | null } }[];
  };
  const validate = publishedSchema('result-file');
  expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
  expect(doc.minorVersion).toBe(2);
  expect(doc.results.filter((r) => r.grade?.failure === 'hallucination')).toHaveLength(11);
});

test('the ladder measures candidates against the baseline and its "one size down" adds and runs only the new model, in the same run', async ({
  page,
}) => {
  await addLoopback(page, server, { models: ['qwen3-32b', 'qwen3-14b', 'qwen3-8b'] });
  await openEvaluate(page);
  const greet = (id: string) =>
    JSON.stringify({
      id,
      category: 'greet',
      messages: [{ role: 'user', content: 'Say hello.' }],
      grader: { type: 'contains', expected: ['loopback'] },
    });
  await page.getByRole('button', { name: 'Write a suite' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Greetings');
  await page.getByLabel(/^Tasks, one JSON object per line/).fill(['g1', 'g2', 'g3'].map(greet).join('\n'));
  await page.getByRole('button', { name: 'Save suite' }).click();
  await expect(page.getByTestId('suite-summary')).toContainText('3 tasks');
  await remoteCandidate(page, 1, 'qwen3-32b');
  await remoteCandidate(page, 2, 'qwen3-14b');
  await runSuite(page);

  // The remote 32B-class model is the baseline by default; the 14B holds its quality.
  await expect(page.getByTestId('baseline')).toHaveText('qwen3-32b · Loopback');
  await expect(
    page.locator('[data-testid="versus-baseline"] tr[data-category="greet"][data-candidate="c2"]'),
  ).toContainText('+0 points');
  const step = page.locator('[data-testid="next-steps"] li[data-category="greet"]');
  await expect(step).toHaveAttribute('data-kind', 'down');
  await expect(step).toContainText('try one size down, qwen3-8b · Loopback');
  const before = (await readDatabase(page)).results;
  const asked = server.requests.length;
  await step.getByRole('button', { name: /^Add qwen3-8b · Loopback and run it/ }).click();
  await expect(page.getByTestId('eval-status')).toHaveAttribute('data-status', 'completed', {
    timeout: 30_000,
  });
  await expect(page.locator('li[data-candidate]')).toHaveCount(3);
  const sent = server.requests.slice(asked).map((r) => r.body?.model);
  expect(sent).toEqual(['qwen3-8b', 'qwen3-8b', 'qwen3-8b']);
  const { results, runs } = await readDatabase(page);
  expect(results).toHaveLength(9);
  expect(new Set(results.map((r) => r.runId))).toEqual(new Set(before.map((r) => r.runId)));
  expect(runs.filter((r) => r.kind === 'evaluate')).toHaveLength(1);
  await expect(page.locator('[data-testid="aggregates"] tbody tr')).toHaveCount(3);
});

test('rubric tasks are graded by the chosen judge model, its cost kept apart', async ({ page }) => {
  await setPrice(page, 'judge-pass', 1, 2);
  await addLoopback(page, server, { models: ['plain', 'judge-pass'] });
  await openEvaluate(page);
  await importCsv(
    page,
    'judged.csv',
    'id,category,prompt,grader,expected\nj1,support,Greet the customer,judge,Polite and friendly.\n',
  );
  await onlyRemote(page, 'plain');
  await page.getByRole('checkbox', { name: /Judge model/ }).check();
  const judge = page.getByRole('combobox', { name: 'Judge' });
  await judge.selectOption(
    (await judge.locator('option', { hasText: /^judge-pass · Loopback$/ }).getAttribute('value')) ?? '',
  );
  await runSuite(page);
  const [result] = (await readDatabase(page)).results;
  expect(result?.grade).toMatchObject({ pass: true, detail: 'judge: 9/10, meets the rubric' });
  // 200 prompt tokens at $1/M + 20 completion tokens at $2/M, apart from the candidate's (unpriced) cost.
  expect(result?.judgeCost?.value).toBeCloseTo(0.00024, 12);
  expect(result?.cost).toBeNull();
  await expect(page.locator('[data-testid="aggregates"] tbody tr')).toContainText('$0.00024');
});

test('the bundled BFCL sample reaches an endpoint as Chat Completions tools and is graded by its answers', async ({
  page,
}) => {
  await addLoopback(page, server, { models: ['plain'] });
  await openEvaluate(page);
  await page
    .getByRole('combobox', { name: 'Suite', exact: true })
    .selectOption({ label: 'BFCL sample (10 simple calls, 5 irrelevant) (15 tasks)' });
  await expect(page.getByTestId('suite-summary')).toContainText('Apache License 2.0');
  await onlyRemote(page, 'plain');
  const before = server.requests.length;
  await runSuite(page);

  // BFCL's dotted names and Python types arrive as a valid tools list.
  const sent = server.requests.slice(before).filter((r) => r.path === '/v1/chat/completions');
  expect(sent).toHaveLength(15);
  const factorial = sent.find((r) => JSON.stringify(r.body).includes('factorial of 5'));
  expect(factorial?.body?.tools).toEqual([{ type: 'function', function: BFCL_FACTORIAL_TOOL }]);
  // A model that never calls a tool fails the 10 calls it should make and passes the 5 it should not.
  await expect(page.locator('[data-testid="aggregates"] tbody tr [data-metric="pass-rate"]')).toContainText(
    '5/15',
  );
  await expect(page.getByTestId('failure-table').locator('[data-failure="tool-misuse"]')).toHaveText('10');
});

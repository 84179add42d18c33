import { referenceGreedy } from '../support/reference-generation';
import { NETWORK_FAILURE_LINES, expect, test } from '../support/fixtures';
import type { Page } from '@playwright/test';
import { addLoopback, serveOpenAI } from '../support/loopback';
import { PLAIN_TEXT, SCENARIOS } from '../support/openai-server';
import { metric, send, setSampling } from '../support/playground';
import { TEST_KEY, addEndpoint, setPrice, useRemoteModel, type EndpointInput } from '../support/remote';
import { readDatabase, readStore } from '../support/database';

test.use({ allowedConsoleErrors: NETWORK_FAILURE_LINES });

const server = serveOpenAI(test);

const PLAIN = PLAIN_TEXT.join('');

/** The loopback endpoint with the form's default retries (2): these tests watch them happen. */
const loopback = (page: Page, extra: Partial<EndpointInput> = {}) =>
  addLoopback(page, server, {
    models: [...SCENARIOS, 'no-such-model'],
    idleTimeoutS: 2,
    retries: 2,
    ...extra,
  });

async function ask(page: Parameters<typeof send>[0], model: string, prompt = 'Hi') {
  await useRemoteModel(page, 'Loopback', model);
  const turn = await send(page, prompt);
  await expect(turn.locator('[data-metric="finish-reason"]')).not.toBeEmpty({ timeout: 30_000 });
  return turn;
}

test('Test connection lists the models of the endpoint, and the key goes only in the Authorization header', async ({
  page,
}) => {
  await page.goto('/#/settings');
  const form = page.getByRole('form', { name: 'Add an endpoint' });
  await form.getByRole('combobox', { name: 'Provider' }).selectOption('custom');
  await form.getByRole('textbox', { name: 'Base URL' }).fill(server.url);
  await form.getByLabel(/^API key/).fill(TEST_KEY);
  await form.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByTestId('connection-verdict')).toContainText(`lists ${SCENARIOS.length} models`);
  const models = server.requests.filter((r) => r.path === '/v1/models');
  expect(models.at(-1)?.authorization).toBe(`Bearer ${TEST_KEY}`);
});

test('Test connection also chats: a key that lists models but may not chat fails, naming the chat call; a changed URL clears the verdict', async ({
  page,
}) => {
  await page.goto('/#/settings');
  const form = page.getByRole('form', { name: 'Add an endpoint' });
  await form.getByRole('combobox', { name: 'Provider' }).selectOption('custom');
  await form.getByRole('textbox', { name: 'Base URL' }).fill(server.url);
  await form.getByLabel(/^API key/).fill(TEST_KEY);
  await form.getByLabel(/^Models to offer/).fill('unauthorized');
  await form.getByRole('button', { name: 'Test connection' }).click();
  const verdict = page.getByTestId('connection-verdict');
  await expect(verdict).toContainText('GET /models answered, but a one-token chat with unauthorized failed');
  await expect(verdict).toContainText('(401)');
  await expect(verdict).not.toContainText(TEST_KEY);
  await form.getByLabel(/^Models to offer/).fill('plain');
  await form.getByRole('button', { name: 'Test connection' }).click();
  await expect(verdict).toContainText('a one-token chat with plain replied');
  const chat = server.requests.filter((r) => r.path === '/v1/chat/completions').at(-1);
  expect(chat?.body).toMatchObject({ model: 'plain', max_tokens: 1 });
  await form.getByRole('textbox', { name: 'Base URL' }).fill(`${server.url}/`);
  await expect(verdict).toHaveCount(0);
});

test('a saved endpoint can be edited: name and requests at once change, the key is kept', async ({
  page,
}) => {
  await addEndpoint(page, { name: 'Before', baseUrl: server.url, key: TEST_KEY, models: ['plain'] });
  await page.getByRole('button', { name: 'Edit Before' }).click();
  const form = page.getByRole('form', { name: 'Edit Before' });
  await expect(form.getByRole('textbox', { name: 'Name', exact: true })).toHaveValue('Before');
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill('After');
  await form.getByLabel(/Requests at once/).fill('2');
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.locator('[data-endpoint="After"]')).toContainText('key kept in this browser');
  await expect(page.locator('[data-endpoint="Before"]')).toHaveCount(0);
  const stored = (await readStore(page, 'endpoints')) as { name: string; concurrency: number }[];
  expect(stored.map((e) => [e.name, e.concurrency])).toEqual([['After', 2]]);
  await useRemoteModel(page, 'After', 'plain');
  await expect((await send(page, 'Hi')).getByTestId('reply')).toHaveText(PLAIN);
  expect(server.requests.at(-1)?.authorization).toBe(`Bearer ${TEST_KEY}`);
});

test('streams plain text with usage, reasoning apart, and merged tool calls', async ({ page }) => {
  await loopback(page);
  const plain = await ask(page, 'plain');
  await expect(plain.getByTestId('reply')).toHaveText(PLAIN);
  await expect(plain.locator('[data-metric="finish-reason"]')).toHaveText('stop');
  expect(await metric(plain, 'prompt-tokens')).toBe(12);
  expect(await metric(plain, 'completion-tokens')).toBe(PLAIN_TEXT.length);
  await expect(plain.locator('[data-metric="completion-tokens"]').locator('..')).not.toContainText('est.');
  const body = server.requests.at(-1)?.body;
  expect(body).toMatchObject({ model: 'plain', stream: true, stream_options: { include_usage: true } });

  const reasoning = await ask(page, 'reasoning');
  await expect(reasoning.getByTestId('reasoning')).toHaveText('Let me think.');
  await expect(reasoning.getByTestId('reply')).toHaveText('The answer is 4.');

  const tools = await ask(page, 'tools');
  await expect(tools.locator('[data-metric="finish-reason"]')).toHaveText('tool_calls');
  await expect(tools.getByTestId('tool-call')).toHaveText([
    'Tool call get_weather({"city": "Hangzhou"})',
    'Tool call get_time({"tz": "Asia/Shanghai"})',
  ]);
  const reused = await ask(page, 'tools-reused-index');
  await expect(reused.getByTestId('tool-call')).toHaveText([
    'Tool call get_weather({"city":"Paris"})',
    'Tool call get_weather({"city":"Rome"})',
  ]);
});

test('prices a reply from its usage and the editable price table', async ({ page }) => {
  await setPrice(page, 'plain', 1, 2);
  // Seeded defaults are there, dated.
  await expect(page.locator('[data-price="qwen-plus"]')).toContainText('2026-11-29');

  await loopback(page);
  const turn = await ask(page, 'plain');
  // 12 prompt tokens at $1/M + 6 completion tokens at $2/M
  await expect(turn.locator('[data-metric="cost"]')).toHaveText('$0.000024');
  expect(await metric(turn, 'cost')).toBeCloseTo(0.000024, 12);
});

test('a key kept for this tab only is gone in a new tab, and a forgotten key is not sent', async ({
  page,
  context,
}) => {
  await page.goto('/#/settings');
  const form = page.getByRole('form', { name: 'Add an endpoint' });
  await form.getByRole('combobox', { name: 'Provider' }).selectOption('custom');
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill('TabOnly');
  await form.getByRole('textbox', { name: 'Base URL' }).fill(server.url);
  await form.getByLabel(/^API key/).fill(TEST_KEY);
  await form.getByLabel('for this tab only').check();
  await form.getByLabel(/^Models to offer/).fill('plain');
  await form.getByRole('button', { name: 'Save endpoint' }).click();
  await expect(page.locator('[data-endpoint="TabOnly"]')).toContainText('key kept for this tab');
  expect(JSON.stringify(await readStore(page, 'apiKeys'))).not.toContain(TEST_KEY);
  expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain(TEST_KEY);

  const other = await context.newPage();
  await other.goto('/#/settings');
  await expect(other.locator('[data-endpoint="TabOnly"]')).toContainText('key not set');
  await other.close();

  await page
    .locator('[data-endpoint="TabOnly"]')
    .getByRole('button', { name: 'Forget the key of TabOnly' })
    .click();
  await page
    .getByRole('dialog', { name: 'Forget the key of TabOnly' })
    .getByRole('button', { name: 'Forget key' })
    .click();
  await expect(page.locator('[data-endpoint="TabOnly"]')).toContainText('key not set');
  await useRemoteModel(page, 'TabOnly', 'plain');
  await send(page, 'Hi');
  await expect(page.locator('li[data-role="assistant"] [data-metric="finish-reason"]')).toHaveText('stop');
  expect(server.requests.at(-1)?.authorization).toBeUndefined();
});

test('marks token counts estimated when the endpoint sends no usage', async ({ page }) => {
  await loopback(page);
  const turn = await ask(page, 'no-usage');
  await expect(turn.getByTestId('reply')).toHaveText(PLAIN);
  await expect(turn.locator('[data-metric="completion-tokens"]').locator('..')).toContainText('est.');
  expect(await metric(turn, 'completion-tokens')).toBe(PLAIN_TEXT.length);
});

test('retries 429 after Retry-After and 500 with backoff, then succeeds', async ({ page }) => {
  await loopback(page);
  const before = server.requests.length;
  const limited = await ask(page, 'rate-limited');
  await expect(limited.getByTestId('reply')).toHaveText(PLAIN);
  // The Retry-After second is kept apart: TTFT is the answering request's, the wait is shown beside it.
  expect(await metric(limited, 'ttft-ms')).toBeLessThan(1000);
  expect(await metric(limited, 'retries')).toBe(1);
  await expect(limited.locator('[data-metric="retries"]')).toContainText('not in TTFT');
  expect(server.requests.slice(before).filter((r) => r.body?.model === 'rate-limited')).toHaveLength(2);

  const flaky = await ask(page, 'error-then-ok');
  await expect(flaky.getByTestId('reply')).toHaveText(PLAIN);
});

const failures: [string, string, RegExp][] = [
  ['unauthorized', 'auth', /rejected the API key \(401\)/],
  ['forbidden', 'forbidden', /refused access \(403\)/],
  ['no-such-model', 'remote-model-not-found', /does not know the model “no-such-model”/],
  ['bad-request', 'bad-request', /enable_thinking must be set to false/],
  ['always-500', 'server-error', /endpoint failed \(503\)/],
  ['in-stream-error', 'provider-error', /overloaded mid-generation/],
  ['malformed', 'malformed-stream', /not valid JSON/],
];
for (const [model, code, message] of failures) {
  test(`${model}: a categorised error with a way forward`, async ({ page }) => {
    const consoleLines: string[] = [];
    page.on('console', (m) => consoleLines.push(m.text()));
    await loopback(page, { retries: 1 });
    const turn = await ask(page, model);
    // The key shows nowhere a user or a log could copy it from.
    expect(consoleLines.filter((l) => l.includes(TEST_KEY))).toEqual([]);
    expect(page.url()).not.toContain(TEST_KEY);
    const error = turn.locator('[data-error-code]');
    await expect(error).toHaveAttribute('data-error-code', code);
    await expect(error).toContainText(message);
    await expect(page.locator('body')).not.toContainText(TEST_KEY);
  });
}

test('a disconnect or a stall mid-stream keeps the partial output and says so', async ({ page }) => {
  await loopback(page);
  const cut = await ask(page, 'disconnect');
  await expect(cut.getByTestId('reply')).toHaveText(PLAIN_TEXT.slice(0, 3).join(''));
  await expect(cut.locator('[data-error-code]')).toHaveAttribute('data-error-code', 'stream-interrupted');
  await expect(cut.locator('[data-error-code]')).toContainText('output so far is kept');

  const stalled = await ask(page, 'stall');
  await expect(stalled.getByTestId('reply')).toHaveText(PLAIN_TEXT.slice(0, 2).join(''));
  await expect(stalled.locator('[data-error-code]')).toHaveAttribute('data-error-code', 'stalled');
  await expect(stalled.locator('[data-error-code]')).toContainText('nothing arrived for 2 s');
});

test("a slow first token shows in TTFT and in the server's part of the network split, and Stop cancels the request", async ({
  page,
}) => {
  await loopback(page);
  const slow = await ask(page, 'slow-first-token');
  expect(await metric(slow, 'ttft-ms')).toBeGreaterThanOrEqual(1500);
  // The server holds its headers 1.5 s: Resource Timing puts that on the server, not the browser.
  const network = slow.locator('[data-metric="network"]');
  expect(Number(await network.getAttribute('data-server'))).toBeGreaterThanOrEqual(1450);
  expect(Number(await network.getAttribute('data-setup'))).toBeLessThan(500);
  const { results } = await readDatabase(page);
  expect(results.at(-1)?.metrics?.engineStats.net_server_ms).toBeGreaterThanOrEqual(1450);

  await useRemoteModel(page, 'Loopback', 'stall');
  await setSampling(page, {});
  const turn = await send(page, 'Hi');
  await expect(turn.getByTestId('reply')).toHaveText(PLAIN_TEXT.slice(0, 2).join(''));
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(turn.locator('[data-metric="finish-reason"]')).toHaveText('abort');
});

test('a server that sends no Timing-Allow-Origin gets no network split, and the reply says why', async ({
  page,
}) => {
  await addEndpoint(page, { name: 'Private', baseUrl: server.noTimingUrl, key: TEST_KEY, models: ['plain'] });
  await useRemoteModel(page, 'Private', 'plain');
  const turn = await send(page, 'Hi');
  await expect(turn.locator('[data-metric="network"]')).toHaveText(
    'not shared by the server (no Timing-Allow-Origin)',
  );
  const { results } = await readDatabase(page);
  expect(results.at(-1)?.metrics?.engineStats).toMatchObject({ net_timing_allowed: 0 });
  expect(results.at(-1)?.metrics?.engineStats.net_server_ms).toBeUndefined();
});

test('a CORS block is detected and explained, and the proxy fixes it', async ({ page }) => {
  await addEndpoint(page, { name: 'Blocked', baseUrl: server.noCorsUrl, key: TEST_KEY, models: ['plain'] });
  await useRemoteModel(page, 'Blocked', 'plain');
  const turn = await send(page, 'Hi');
  await expect(turn.locator('[data-error-code]')).toHaveAttribute('data-error-code', 'cors');
  await expect(turn.locator('[data-error-code]')).toContainText('Use the Qwenfit proxy');

  await addEndpoint(page, {
    name: 'Proxied',
    baseUrl: server.noCorsUrl,
    key: TEST_KEY,
    models: ['plain'],
    useProxy: true,
  });
  const before = server.requests.length;
  await useRemoteModel(page, 'Proxied', 'plain');
  const ok = await send(page, 'Hi');
  await expect(ok.getByTestId('reply')).toHaveText(PLAIN);
  expect(server.requests.slice(before).at(-1)?.authorization).toBe(`Bearer ${TEST_KEY}`);
});

test('a dead endpoint is a network error, not a hang', async ({ page }) => {
  await addEndpoint(page, { name: 'Dead', baseUrl: 'http://127.0.0.1:9/v1', models: ['plain'] });
  await useRemoteModel(page, 'Dead', 'plain');
  const turn = await send(page, 'Hi');
  await expect(turn.locator('[data-error-code]')).toHaveAttribute('data-error-code', 'network');
});

test('the tiny model behind the loopback server gives the same greedy reply as in Node', async ({ page }) => {
  const reference = await referenceGreedy([{ role: 'user', content: 'What is the capital of France?' }], 24);
  await loopback(page);
  await useRemoteModel(page, 'Loopback', 'tiny');
  await setSampling(page, { maxTokens: 24 });
  const turn = await send(page, 'What is the capital of France?');
  await expect(turn.locator('[data-metric="finish-reason"]')).toHaveText('length', { timeout: 30_000 });
  await expect(turn.getByTestId('reply')).toHaveText(reference.text);
  expect(await metric(turn, 'prompt-tokens')).toBe(reference.promptTokens);
});

test('configuration kept in localStorage by earlier versions moves into IndexedDB once, key included, and still works', async ({
  page,
}) => {
  // A same-origin page that is not the app, so the app has not migrated anything yet.
  await page.goto('/models/qwenfit-tiny-qwen2/config.json');
  await page.evaluate(
    ({ url, key }) => {
      localStorage.setItem(
        'qwenfit.endpoints.v1',
        JSON.stringify([
          {
            id: 'legacy1',
            name: 'Legacy',
            presetId: 'custom',
            baseUrl: url,
            thinking: 'none',
            useProxy: false,
            connectTimeoutMs: 5000,
            idleTimeoutMs: 5000,
            maxRetries: 0,
            models: ['plain'],
          },
        ]),
      );
      localStorage.setItem('qwenfit.apiKeys.v1', JSON.stringify({ legacy1: key }));
      localStorage.setItem(
        'qwenfit.prices.v1',
        JSON.stringify([
          {
            model: 'plain',
            currency: 'USD',
            inputPerM: 1,
            cachedInputPerM: null,
            outputPerM: 2,
            asOf: '2026-01-01',
            source: 'mine',
          },
        ]),
      );
    },
    { url: server.url, key: TEST_KEY },
  );
  await page.goto('/#/settings');
  await expect(page.locator('[data-endpoint="Legacy"]')).toContainText('kept in this browser');
  await expect(page.locator('tr[data-price]')).toHaveCount(1);
  await expect(page.locator('tr[data-price="plain"]')).toBeVisible();
  expect(
    await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('qwenfit.'))),
  ).toEqual([]);
  expect(await readStore(page, 'apiKeys')).toEqual([{ endpointId: 'legacy1', key: TEST_KEY }]);
  expect(JSON.stringify(await readStore(page, 'endpoints'))).not.toContain(TEST_KEY);

  await page.reload();
  await expect(page.locator('[data-endpoint="Legacy"]')).toContainText('kept in this browser');
  const before = server.requests.length;
  await useRemoteModel(page, 'Legacy', 'plain');
  const turn = await send(page, 'Hi');
  await expect(turn.locator('[data-metric="cost"]')).toHaveText('$0.000024');
  expect(server.requests.slice(before).at(-1)?.authorization).toBe(`Bearer ${TEST_KEY}`);
});

import type { Page } from '@playwright/test';
import { TEST_KEY } from '../../tests/support/remote';
import { startOpenAIServer, type OpenAIServer } from '../../tests/support/openai-server';
import { addLoopbackEndpoint, median, openApp } from './browser';
import type { BenchResult, Benchmark } from './types';

const WARM = 15;
const FIRST = 5;
const MODEL = 'plain';

/**
 * A bare fetch in the page, as little as a browser client can do: POST with the same
 * headers the app sends (so the same CORS preflight), read until the first content arrives,
 * then to the end so the connection stays reusable. Milliseconds to the first content.
 */
const BARE_FETCH = `async ([base, key, model]) => {
  const body = JSON.stringify({ model, stream: true, messages: [{ role: 'user', content: 'Hi' }] });
  const t0 = performance.now();
  const res = await fetch(base + '/chat/completions', {
    method: 'POST',
    headers: { authorization: 'Bearer ' + key, 'content-type': 'application/json' },
    body,
  });
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let first = NaN;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    if (Number.isNaN(first) && text.includes('"content"')) first = performance.now() - t0;
  }
  return first;
}`;

const bareFetch = (page: Page, base: string) =>
  page.evaluate(`(${BARE_FETCH})(${JSON.stringify([base, TEST_KEY, MODEL])})`) as Promise<number>;

/** The server's own part of the last request: headers in to first content out. */
const serverMs = (server: OpenAIServer) => server.requests.at(-1)?.firstTokenAfterMs ?? Number.NaN;

/** Adds the loopback endpoint in Settings and picks its model in the Playground, as a user does. */
async function useLoopback(page: Page, baseUrl: string, server: OpenAIServer): Promise<void> {
  await addLoopbackEndpoint(page, baseUrl, { url: server.url, key: TEST_KEY, models: [MODEL] });
  await page.goto(`${baseUrl}/#/playground`);
  const picker = page.getByRole('combobox', { name: 'On-device model' });
  const value = await picker
    .locator('optgroup[label="Remote · Loopback"] option', { hasText: `${MODEL} · Loopback` })
    .getAttribute('value');
  await picker.selectOption(value ?? '');
  await page.getByRole('button', { name: 'Use this model' }).click();
  await page.getByTestId('load-status').filter({ hasText: 'Ready' }).waitFor();
}

/** One Playground reply; its TTFT as the app shows and stores it. */
async function appTtft(page: Page, i: number): Promise<number> {
  await page.getByLabel(/^Message/).fill(`Hello ${i}`);
  await page.getByLabel(/^Message/).press('Control+Enter');
  const turn = page.locator('li[data-role="assistant"]').nth(i);
  await turn.locator('[data-metric="finish-reason"]').waitFor({ timeout: 30_000 });
  return Number(await turn.locator('[data-metric="ttft-ms"]').getAttribute('data-value'));
}

/**
 * Remote TTFT in the browser a user runs, against a loopback server that times its own
 * part: what the browser costs (a bare fetch's first content minus the server's time,
 * warm and on a new origin's first request) and what Qwenfit adds (the Playground's TTFT
 * minus a bare fetch on the same server, interleaved).
 */
export const remoteTtft: Benchmark = {
  group: 'remote',
  async run() {
    const server = await startOpenAIServer();
    const app = await openApp(4398);
    try {
      const { page } = app;
      await useLoopback(page, app.baseUrl, server);
      await appTtft(page, 0); // the endpoint's first request: connection and preflight, kept out
      const browser: number[] = [];
      const added: number[] = [];
      for (let i = 1; i <= WARM; i++) {
        const ours = await appTtft(page, i);
        const bare = await bareFetch(page, server.url);
        browser.push(bare - serverMs(server));
        added.push(ours - bare);
      }
      // A new origin each time (a new server, a new port): CORS preflight and a new connection.
      const first: number[] = [];
      for (let i = 0; i < FIRST; i++) {
        const fresh = await startOpenAIServer();
        try {
          first.push((await bareFetch(page, fresh.url)) - serverMs(fresh));
        } finally {
          await fresh.close();
        }
      }
      const round = (x: number) => Math.round(x * 100) / 100;
      const note = `built app in headless Chromium, loopback OpenAI-compatible server streaming '${MODEL}'; the server times its own part (request headers in to first content written)`;
      return [
        {
          id: 'remote.ttft_overhead_ms.warm',
          value: round(median(added)),
          unit: 'ms',
          better: 'lower',
          note: `${note}; the Playground's TTFT (as shown and stored) minus a bare fetch's first content in the same page on the same server, interleaved, warm connection, median of ${WARM}; what Qwenfit adds; target < 2. Chromium's trace of one reply: the request leaves, then the frame that draws the new turn (8.7 ms of layout, paint and commit with software rendering here) holds the main thread while the first chunk arrives, so its drawing sits inside the page's TTFT; a bare fetch draws nothing`,
        },
        {
          id: 'remote.ttft_browser_ms.warm',
          value: round(median(browser)),
          unit: 'ms',
          better: 'lower',
          note: `${note}; a bare fetch's first content minus the server's own time, warm connection and preflight cached, median of ${WARM}: what the browser costs (IPC, network service), reported`,
        },
        {
          id: 'remote.ttft_browser_ms.first',
          value: round(median(first)),
          unit: 'ms',
          better: 'lower',
          note: `${note}; the same on a new origin's first request (CORS preflight, new connection), median of ${FIRST}, reported`,
        },
      ] satisfies BenchResult[];
    } finally {
      await app.close();
      await server.close();
    }
  },
};

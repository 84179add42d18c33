import { AutoTokenizer, env } from '@huggingface/transformers';
import type { Page } from '@playwright/test';
import { MODELS_DIR, TINY_MODEL_ID } from '../tiny-model/generate';
import { loadTinyInPlayground, median, openApp } from './browser';
import type { BenchResult } from './types';

/** Prompt lengths in the tiny model's own tokens; its window is 2,048, so the last stays under it. */
const SIZES = [256, 512, 1024, 2000];
const RUNS = 3;

/** A user message of about `tokens` tokens by the tiny model's tokenizer (the chat template adds a few). */
async function promptsOf(): Promise<Map<number, string>> {
  env.allowRemoteModels = false;
  env.localModelPath = `${MODELS_DIR}/`;
  const tokenizer = await AutoTokenizer.from_pretrained(TINY_MODEL_ID);
  const count = (s: string) => tokenizer.encode(s, { add_special_tokens: false }).length;
  const words =
    'the model reads every word of a long prompt before it writes the first token of its reply'.split(' ');
  const out = new Map<number, string>();
  for (const size of SIZES) {
    const target = size - 20; // room for the chat template around it
    let text = '';
    for (let i = 0; count(text) < target; i++) text += `${words[i % words.length]} `;
    out.set(size, text.trim());
  }
  return out;
}

async function ttftAt(page: Page, prompt: string): Promise<number> {
  // Each prompt alone: no earlier turns in the prefill.
  const clear = page.getByRole('button', { name: 'Clear chat' });
  if (await clear.isEnabled()) await clear.click();
  await page.getByLabel(/^Message/).fill(prompt);
  await page.getByLabel(/^Message/).press('Control+Enter');
  const reply = page.locator('li[data-role="assistant"]').last();
  await reply.locator('[data-metric="finish-reason"]').waitFor({ timeout: 300_000 });
  return Number(await reply.locator('[data-metric="ttft-ms"]').getAttribute('data-value'));
}

/**
 * TTFT of the tiny model in the Playground at growing prompt lengths, as a user sees it:
 * what reading a long prompt costs on this device, WebGPU against WASM, with the slope.
 */
export async function prefillCurve(): Promise<BenchResult[]> {
  const prompts = await promptsOf();
  const app = await openApp(4392);
  const results: BenchResult[] = [];
  try {
    for (const device of ['wasm', 'webgpu'] as const) {
      const page = app.page;
      await loadTinyInPlayground(page, app.baseUrl, device);
      await page.getByLabel('Max new tokens').fill('1');
      await ttftAt(page, 'Warm up.');
      const points: [number, number][] = [];
      for (const size of SIZES) {
        const times: number[] = [];
        for (let i = 0; i < RUNS; i++) times.push(await ttftAt(page, prompts.get(size) ?? ''));
        points.push([size, median(times)]);
      }
      // Least-squares slope of TTFT on prompt length, per 1,000 tokens.
      const mx = points.reduce((s, [x]) => s + x, 0) / points.length;
      const my = points.reduce((s, [, y]) => s + y, 0) / points.length;
      const slope =
        points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0) /
        points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
      results.push({
        id: `stress.prefill_curve.${device}`,
        value: Math.round(slope * 1000 * 10) / 10,
        unit: 'ms per 1k tokens',
        better: 'lower',
        note: `tiny model in the Playground on ${device}, 1 new token, median TTFT of ${RUNS} at ${points
          .map(([x, y]) => `${x}: ${Math.round(y)} ms`)
          .join(', ')} prompt tokens (tiny tokenizer); least-squares slope`,
      });
    }
  } finally {
    await app.close();
  }
  return results;
}

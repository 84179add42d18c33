import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

export async function openPlayground(page: Page): Promise<void> {
  await page.goto('/#/playground');
  await expect(page.getByRole('heading', { level: 1, name: 'Playground' })).toBeVisible();
}

export async function loadTinyModel(page: Page, device: 'webgpu' | 'wasm'): Promise<void> {
  await page
    .getByRole('combobox', { name: 'On-device model' })
    .selectOption('transformers:qwenfit-tiny-qwen2');
  await page.getByRole('radio', { name: device === 'webgpu' ? 'WebGPU' : 'WASM (CPU)' }).check();
  await page.getByRole('button', { name: /^(Load model|Reload)$/ }).click();
  await expect(page.getByTestId('load-status')).toContainText(`· ${device} in`, { timeout: 90_000 });
}

export async function setSampling(page: Page, values: { maxTokens?: number; stop?: string }): Promise<void> {
  const details = page.locator('details.sampling');
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  if (values.maxTokens !== undefined)
    await details.getByLabel('Max new tokens').fill(String(values.maxTokens));
  if (values.stop !== undefined) await details.getByLabel(/Stop strings/).fill(values.stop);
}

export async function send(page: Page, text: string): Promise<Locator> {
  await page.getByLabel(/^Message/).fill(text);
  await page.getByLabel(/^Message/).press('Control+Enter');
  return page.locator('li[data-role="assistant"]').last();
}

export async function metric(turn: Locator, name: string): Promise<number> {
  const raw = await turn.locator(`[data-metric="${name}"]`).getAttribute('data-value');
  return Number(raw);
}

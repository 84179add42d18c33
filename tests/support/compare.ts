import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';
import { setSampling } from './playground';

export const TINY_KEY = 'transformers:qwenfit-tiny-qwen2';

export type PaneChoice = { device: 'webgpu' | 'wasm' } | { endpoint: string; model: string };

export async function openCompare(page: Page): Promise<void> {
  await page.goto('/#/compare');
  await expect(page.getByTestId('compare-prompt')).toBeVisible({ timeout: 30_000 });
}

export const pane = (page: Page, index: number): Locator => page.locator('section[data-pane]').nth(index);

/** Points pane `index` (0-based) at the tiny on-device model or at an endpoint's model. */
export async function setPane(page: Page, index: number, choice: PaneChoice): Promise<void> {
  while ((await page.locator('section[data-pane]').count()) <= index)
    await page.getByRole('button', { name: 'Add a pane' }).click();
  const p = pane(page, index);
  const picker = p.getByRole('combobox', { name: `Model, pane ${index + 1}` });
  if ('device' in choice) {
    await picker.selectOption(TINY_KEY);
    await p.getByRole('combobox', { name: 'Runs on' }).selectOption(choice.device);
  } else {
    const value = await picker
      .locator(`optgroup[label="Remote · ${choice.endpoint}"] option`, {
        hasText: new RegExp(`^${choice.model} · ${choice.endpoint}$`),
      })
      .getAttribute('value');
    await picker.selectOption(value ?? '');
  }
}

export async function runComparison(
  page: Page,
  {
    prompt,
    maxTokens,
    repeats,
    warmup,
  }: { prompt: string; maxTokens?: number; repeats?: number; warmup?: boolean },
): Promise<void> {
  await page.getByTestId('compare-prompt').fill(prompt);
  if (maxTokens !== undefined) await setSampling(page, { maxTokens });
  if (repeats !== undefined) await page.getByLabel('Runs per pane').fill(String(repeats));
  if (warmup !== undefined)
    await page.getByRole('checkbox', { name: /Warm-up run first/ }).setChecked(warmup);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
}

export async function waitForRun(page: Page, status = 'completed', timeout = 120_000): Promise<void> {
  await expect(page.getByTestId('compare-status')).toHaveAttribute('data-status', status, { timeout });
}

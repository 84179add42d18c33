import type { Page } from '@playwright/test';
import { expect } from './fixtures';

export const TEST_KEY = 'sk-qwenfit-test-0123456789abcdef';

export interface EndpointInput {
  name: string;
  /** The provider preset; custom unless said. */
  preset?: string;
  baseUrl: string;
  key?: string;
  models: string[];
  idleTimeoutS?: number;
  connectTimeoutS?: number;
  retries?: number;
  useProxy?: boolean;
  concurrency?: number;
}

/** Adds an endpoint through the Settings screen, as a user would. */
export async function addEndpoint(page: Page, e: EndpointInput): Promise<void> {
  await page.goto('/#/settings');
  const form = page.getByRole('form', { name: 'Add an endpoint' });
  await form.getByRole('combobox', { name: 'Provider' }).selectOption(e.preset ?? 'custom');
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill(e.name);
  await form.getByRole('textbox', { name: 'Base URL' }).fill(e.baseUrl);
  if (e.key) await form.getByLabel(/^API key/).fill(e.key);
  if (e.useProxy) await form.getByLabel(/Use the Qwenfit proxy/).check();
  if (e.idleTimeoutS) await form.getByLabel(/Idle timeout/).fill(String(e.idleTimeoutS));
  if (e.connectTimeoutS) await form.getByLabel(/Connect timeout/).fill(String(e.connectTimeoutS));
  if (e.retries !== undefined) await form.getByLabel(/Retries/).fill(String(e.retries));
  if (e.concurrency !== undefined) await form.getByLabel(/Requests at once/).fill(String(e.concurrency));
  await form.getByLabel(/^Models to offer/).fill(e.models.join('\n'));
  await form.getByRole('button', { name: 'Save endpoint' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Endpoint saved' })).toBeVisible();
}

export async function useRemoteModel(page: Page, endpointName: string, model: string): Promise<void> {
  await page.goto('/#/playground');
  const picker = page.getByRole('combobox', { name: 'On-device model' });
  const value = await picker
    .locator(`optgroup[label="Remote · ${endpointName}"] option`, {
      hasText: new RegExp(`^${model} · ${endpointName}$`),
    })
    .getAttribute('value');
  await picker.selectOption(value ?? '');
  await page.getByRole('button', { name: 'Use this model' }).click();
  await expect(page.getByTestId('load-status')).toContainText('Ready');
}

/** Adds a price row through Settings: per million input and output tokens, in USD, for one provider or any. */
export async function setPrice(
  page: Page,
  model: string,
  inputPerM: number,
  outputPerM: number,
  provider = '*',
): Promise<void> {
  await page.goto('/#/settings');
  const form = page.getByRole('form', { name: 'Add or update a price' });
  await form.getByLabel('Model', { exact: true }).fill(model);
  await form.getByRole('combobox', { name: 'Provider' }).selectOption(provider);
  await form.getByLabel('Input / 1M', { exact: true }).fill(String(inputPerM));
  await form.getByLabel('Output / 1M').fill(String(outputPerM));
  await form.getByRole('button', { name: 'Save price' }).click();
  await expect(page.locator(`[data-price="${model}"][data-provider="${provider}"]`)).toContainText(
    `${inputPerM} USD`,
  );
}

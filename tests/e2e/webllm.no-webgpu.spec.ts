import { expect, test } from '../support/fixtures';
import { openPlayground, send, setSampling } from '../support/playground';

test('without WebGPU a web-llm model fails to load with an error that points to the WASM runtime', async ({
  page,
}) => {
  await openPlayground(page);
  await page
    .getByRole('combobox', { name: 'On-device model' })
    .selectOption('webllm:Qwen2.5-0.5B-Instruct-q4f32_1-MLC');
  await expect(page.getByTestId('fit')).toContainText('Needs WebGPU');
  await page.getByRole('button', { name: 'Load anyway' }).click();
  const error = page.locator('[data-error-code]');
  await expect(error).toHaveAttribute('data-error-code', 'webgpu-unavailable', { timeout: 60_000 });
  await expect(error).toContainText('WASM runtime');

  await page.getByRole('button', { name: 'Switch to the tiny model on WASM' }).click();
  await expect(page.getByRole('radio', { name: 'WASM (CPU)' })).toBeChecked();
  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(page.getByTestId('load-status')).toContainText('· wasm in', { timeout: 60_000 });
  await setSampling(page, { maxTokens: 4 });
  const turn = await send(page, 'Hi');
  await expect(turn.locator('[data-metric="finish-reason"]')).toHaveText('length');
});

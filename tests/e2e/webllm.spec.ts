import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import { expect, test } from '../support/fixtures';
import { notFound, startServer } from '../support/http-server';
import { loadTinyModel, openPlayground, send, setSampling } from '../support/playground';

const qwenBases = new Set(
  prebuiltAppConfig.model_list
    .map((r) => r.model_id)
    .filter((id) => /qwen/i.test(id))
    .map((id) => id.replace(/-q\d+f\d+(?:_\d+)?-MLC$/, '')),
);

test("lists every Qwen model of the installed web-llm, each as the q4f32 variant on SwiftShader's f16-less GPU", async ({
  page,
}) => {
  await openPlayground(page);
  const group = page.locator('optgroup[label^="web-llm"] option');
  await expect(group).toHaveCount(qwenBases.size);
  const values = await group.evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  for (const base of qwenBases) {
    const value = values.find((v) => v.startsWith(`webllm:${base}-q`));
    expect(value, base).toBeDefined();
    const has = (q: string) => prebuiltAppConfig.model_list.some((r) => r.model_id === `${base}-${q}-MLC`);
    // q4f32 wherever the package has it; otherwise the f32 unquantised build, never an f16 one.
    expect(value).toBe(`webllm:${base}-${has('q4f32_1') ? 'q4f32_1' : 'q0f32'}-MLC`);
  }
  await page
    .getByRole('combobox', { name: 'On-device model' })
    .selectOption('webllm:Qwen2.5-0.5B-Instruct-q4f32_1-MLC');
  await expect(page.getByRole('radio', { name: 'WebGPU' })).toBeChecked();
  await expect(page.getByRole('radio', { name: 'WASM (CPU)' })).toBeDisabled();
});

test('a web-llm mirror that answers 404 fails with a clear error and the app stays usable', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const mirror = await startServer(notFound);
  try {
    await openPlayground(page);
    await page.getByRole('button', { name: 'Add custom model…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a custom on-device model' });
    await dialog.getByLabel('Model id').fill('Qwen2.5-0.5B-Instruct-q4f32_1-MLC');
    await dialog.getByLabel(/^Weights URL/).fill('relative/path');
    await dialog.getByRole('button', { name: 'Add model' }).click();
    await expect(dialog.getByRole('alert')).toContainText('absolute URL');
    await dialog
      .getByLabel(/^Weights URL/)
      .fill(`${mirror.url}/mirror/Qwen2.5-0.5B-Instruct-q4f32_1-MLC/resolve/main/`);
    await dialog
      .getByLabel(/^Model library URL/)
      .fill(`${mirror.url}/libs/Qwen2-0.5B-Instruct-q4f32_1_cs1k-webgpu.wasm`);
    await dialog.getByRole('button', { name: 'Add model' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('combobox', { name: 'On-device model' })).toHaveValue(
      'custom-webllm:Qwen2.5-0.5B-Instruct-q4f32_1-MLC',
    );

    await page.getByRole('button', { name: 'Load model' }).click();
    const error = page.locator('[data-error-code]');
    await expect(error).toHaveAttribute('data-error-code', 'model-not-found', { timeout: 60_000 });
    await expect(error).toContainText('Check the model id or the mirror URL');
    await expect(error.locator('code')).toContainText('404');
    expect(
      mirror.requests.some((r) => r.includes('/mirror/Qwen2.5-0.5B-Instruct-q4f32_1-MLC/resolve/main/')),
    ).toBe(true);

    // Still usable: the custom model survives a reload, and another model loads and answers.
    await page.reload();
    await expect(
      page.getByRole('combobox', { name: 'On-device model' }).locator('optgroup[label="Custom"] option'),
    ).toHaveCount(1);
    await loadTinyModel(page, 'wasm');
    await setSampling(page, { maxTokens: 4 });
    const turn = await send(page, 'Hi');
    await expect(turn.locator('[data-metric="finish-reason"]')).toHaveText('length');
  } finally {
    await mirror.close();
  }
});

import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TINY_MODEL_DIR } from '../../scripts/tiny-model/generate';
import { expect, test } from '../support/fixtures';
import { loadTinyModel, openPlayground } from '../support/playground';

function dirBytes(dir: string): number {
  return readdirSync(dir).reduce((sum, name) => {
    const p = join(dir, name);
    const s = statSync(p);
    return sum + (s.isDirectory() ? dirBytes(p) : s.size);
  }, 0);
}

test('the Models screen shows a downloaded model with its size, and deletes it after asking once', async ({
  page,
}) => {
  await page.goto('/#/models');
  await expect(page.getByText('No model files are stored in this browser yet.')).toBeVisible();
  await expect(page.getByRole('main').locator('[data-fact="storage"]')).toContainText(' of ');

  await openPlayground(page);
  await loadTinyModel(page, 'wasm');
  await page.getByRole('link', { name: 'Models' }).click();
  const row = page.locator('[data-cached-model="qwenfit-tiny-qwen2"]');
  await expect(row).toBeVisible();
  await expect(row).toContainText('transformers.js');
  // Every file of the model folder is in the cache, byte for byte.
  await expect(row.locator('[data-bytes]')).toHaveAttribute('data-bytes', String(dirBytes(TINY_MODEL_DIR)));

  await row.getByRole('button', { name: 'Delete qwenfit-tiny-qwen2' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete qwenfit-tiny-qwen2' });
  await expect(confirm).toContainText('will download again');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(row).toBeVisible();

  await row.getByRole('button', { name: 'Delete qwenfit-tiny-qwen2' }).click();
  await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(row).toBeHidden();
  // The runtime's own engine files stay listed, under their own name.
  await expect(page.locator('[data-cached-model="ONNX Runtime engine (WASM)"]')).toBeVisible();
});

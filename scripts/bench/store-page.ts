// Runs inside Chromium, served by the Vite dev server: the store's own code on real IndexedDB.
import { buildExport } from '../../src/core/export-format';
import { checkImport } from '../../src/core/import-file';
import type { ResultRecord } from '../../src/core/results';
import { openQwenfitDb } from '../../src/store/db';
import { RunsRepository } from '../../src/store/runs';

export function result(runId: string, i: number): ResultRecord {
  return {
    id: `res-${runId}-${i}`,
    runId,
    taskId: String(i),
    createdAt: new Date(Date.UTC(2026, 10, 1) + i * 1000).toISOString(),
    runtime: 'remote',
    modelId: i % 2 ? 'qwen-plus' : 'qwen-max',
    where: 'dashscope-intl.aliyuncs.com',
    cold: false,
    prompt: `Question ${i}: what is the capital of France?`,
    output: `Answer ${i}: Paris is the capital of France.`,
    reasoning: '',
    finishReason: 'stop',
    error: null,
    usage: { prompt_tokens: 20, completion_tokens: 12, total_tokens: 32 },
    metrics: {
      ttftMs: 120 + (i % 50),
      ttfoMs: 120,
      e2eMs: 600,
      decodeTokensPerS: 22.5,
      prefillTokensPerS: 160,
      promptTokens: 20,
      completionTokens: 12,
      tokensEstimated: false,
      finishReason: 'stop',
      engineStats: {},
    },
    cost: { value: 0.000024, currency: 'USD', asOf: '2026-11-29', estimated: false },
  };
}

const gc = () => (globalThis as { gc?: () => void }).gc?.();
const heap = () => (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize;

export async function runStoreBench() {
  const db = await openQwenfitDb('qwenfit-bench');
  const runs = new RunsRepository(db);

  const run = await runs.start('evaluate', 'bench write');
  let t = performance.now();
  for (let i = 0; i < 10_000; i++) await runs.addResult(result(run.id, i));
  const write10k = performance.now() - t;

  // Fill to 100,000 results over 901 runs in bulk, then time the first History page.
  const tx = db.transaction(['runs', 'results'], 'readwrite');
  for (let r = 0; r < 900; r++) {
    const id = `bulk-${r}`;
    const startedAt = new Date(Date.UTC(2026, 9, 1) + r * 60_000).toISOString();
    void tx
      .objectStore('runs')
      .put({ id, kind: 'evaluate', title: id, status: 'completed', startedAt, endedAt: null, note: null });
    for (let i = 0; i < 100; i++) void tx.objectStore('results').put(result(id, i));
  }
  await tx.done;
  const total = await db.count('results');
  t = performance.now();
  const page1 = await runs.page(50);
  await Promise.all(page1.map((r) => runs.countResults(r.id)));
  const firstPage = performance.now() - t;

  gc();
  const h0 = heap();
  t = performance.now();
  const doc = buildExport(
    await db.getAll('runs'),
    await db.getAll('results'),
    { userAgent: 'bench', device: null },
    'bench',
    new Date().toISOString(),
  );
  const text = JSON.stringify(doc);
  const exportMs = performance.now() - t;
  const exportHeap = heap() - h0;

  const fresh = new RunsRepository(await openQwenfitDb('qwenfit-bench-import'));
  gc();
  const h1 = heap();
  t = performance.now();
  const checked = checkImport(text, text.length, {
    builtInSuiteIds: new Set(),
    storedSuiteIds: new Set(),
    storedRunIds: new Set(),
  });
  if (!checked.ok) throw new Error(checked.errors.join('; '));
  await fresh.importAll(checked.doc.runs, checked.doc.results);
  const importMs = performance.now() - t;
  const importHeap = heap() - h1;
  return { write10k, firstPage, exportMs, importMs, exportHeap, importHeap, total, bytes: text.length };
}

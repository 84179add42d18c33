// Runs inside Chromium, served by the Vite dev server: the store's own code on real IndexedDB.
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

/** Mean time of one single-result transaction, each awaited before the next, at a durability. */
async function commitMs(db: IDBDatabase, durability: IDBTransactionDurability, n: number): Promise<number> {
  const t = performance.now();
  for (let i = 0; i < n; i++)
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('results', 'readwrite', { durability });
      tx.objectStore('results').add(result(`commit-${durability}`, i));
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
  return (performance.now() - t) / n;
}

export async function runStoreBench() {
  const db = await openQwenfitDb('qwenfit-bench');
  const runs = new RunsRepository(db);

  // Raw IndexedDB, the app's schema: what one committed result costs at each durability.
  const raw = await new Promise<IDBDatabase>((resolve, reject) => {
    const r = indexedDB.open('qwenfit-bench');
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  const commit = {
    default: await commitMs(raw, 'default', 1000),
    relaxed: await commitMs(raw, 'relaxed', 1000),
    strict: await commitMs(raw, 'strict', 1000),
  };
  raw.close();

  // Results completing one at a time: each waits for the previous one's commit.
  const serialRun = await runs.start('evaluate', 'bench serial');
  let t = performance.now();
  for (let i = 0; i < 10_000; i++) await runs.addResult(result(serialRun.id, i));
  const write10kSerial = performance.now() - t;

  // Results completing together (parallel candidates and requests): every one handed to the
  // store at once, each promise settling when its own result is committed.
  const burstRun = await runs.start('evaluate', 'bench burst');
  t = performance.now();
  await Promise.all(Array.from({ length: 10_000 }, (_, i) => runs.addResult(result(burstRun.id, i))));
  const write10k = performance.now() - t;

  // Fill to 100,000 results over 900 more runs in bulk, then time the first History page.
  const tx = db.transaction(['runs', 'results'], 'readwrite');
  for (let r = 0; r < 900; r++) {
    const id = `bulk-${r}`;
    const startedAt = new Date(Date.UTC(2026, 9, 1) + r * 60_000).toISOString();
    void tx
      .objectStore('runs')
      .put({ id, kind: 'evaluate', title: id, status: 'completed', startedAt, endedAt: null, note: null });
    for (let i = 0; i < 85; i++) void tx.objectStore('results').put(result(id, i));
  }
  await tx.done;
  const total = await db.count('results');
  t = performance.now();
  const page1 = await runs.page(50);
  await Promise.all(page1.map((r) => runs.countResults(r.id)));
  const firstPage = performance.now() - t;
  return { commit, write10kSerial, write10k, firstPage, total };
}

import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Price } from '../../src/core/prices';
import type { ResultRecord } from '../../src/core/results';
import { DB_VERSION, openQwenfitDb, type Db } from '../../src/store/db';
import { RunsRepository, newId } from '../../src/store/runs';

let db: Db;
let runs: RunsRepository;

beforeEach(async () => {
  // A fresh, empty IndexedDB for every test.
  globalThis.indexedDB = new IDBFactory();
  db = await openQwenfitDb();
  runs = new RunsRepository(db);
});

function result(runId: string, taskId: string, createdAt = new Date().toISOString()): ResultRecord {
  return {
    id: newId(),
    runId,
    taskId,
    createdAt,
    runtime: 'transformers',
    modelId: 'qwenfit-tiny-qwen2',
    where: 'wasm',
    cold: false,
    prompt: 'Hi',
    output: 'Hello',
    reasoning: '',
    finishReason: 'stop',
    error: null,
    usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
    metrics: {
      ttftMs: 10,
      ttfoMs: 10,
      e2eMs: 20,
      decodeTokensPerS: 100,
      prefillTokensPerS: 300,
      promptTokens: 3,
      completionTokens: 2,
      tokensEstimated: false,
      finishReason: 'stop',
      engineStats: {},
    },
    cost: null,
  };
}

describe('IndexedDB schema', () => {
  it('creates every store and index at the current version', () => {
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual([
      'apiKeys',
      'endpoints',
      'models',
      'prices',
      'results',
      'runs',
      'settings',
      'suites',
    ]);
    const tx = db.transaction(['runs', 'results']);
    expect([...tx.objectStore('runs').indexNames].sort()).toEqual(['by-started', 'by-status']);
    expect([...tx.objectStore('results').indexNames].sort()).toEqual([
      'by-model',
      'by-run',
      'by-task',
      'by-time',
    ]);
  });

  it('upgrades a version 1 database (as version 1 shipped it) to the current one, data kept', async () => {
    db.close();
    globalThis.indexedDB = new IDBFactory();
    const v1 = await openDB('qwenfit', 1, {
      upgrade(d) {
        for (const [name, keyPath] of [
          ['endpoints', 'id'],
          ['apiKeys', 'endpointId'],
          ['models', 'key'],
          ['prices', 'model'],
          ['settings', 'key'],
        ] as const)
          d.createObjectStore(name, { keyPath });
        const r = d.createObjectStore('runs', { keyPath: 'id' });
        r.createIndex('by-started', 'startedAt');
        r.createIndex('by-status', 'status');
        const res = d.createObjectStore('results', { keyPath: 'id' });
        res.createIndex('by-run', 'runId');
        res.createIndex('by-model', 'modelId');
        res.createIndex('by-task', ['runId', 'taskId']);
        res.createIndex('by-time', 'createdAt');
      },
    });
    await v1.put('runs', {
      id: 'r1',
      kind: 'playground',
      title: 'old',
      status: 'completed',
      startedAt: 'x',
      endedAt: null,
      note: null,
    });
    await v1.put('results', result('r1', '1'));
    await v1.put('apiKeys', { endpointId: 'e1', key: 'sk-old' });
    const oldPrice = {
      model: 'qwen-plus',
      currency: 'USD',
      inputPerM: 9,
      cachedInputPerM: null,
      outputPerM: 9,
      asOf: '2026-01-01',
      source: 'mine',
    };
    await v1.put('prices', oldPrice as never);
    v1.close();

    const upgraded = await openQwenfitDb();
    expect(upgraded.version).toBe(DB_VERSION);
    expect([...upgraded.objectStoreNames]).toContain('suites');
    expect([...upgraded.transaction('suites').store.indexNames]).toEqual(['by-name']);
    expect((await upgraded.get('runs', 'r1'))?.title).toBe('old');
    expect(await upgraded.getAllFromIndex('results', 'by-run', 'r1')).toHaveLength(1);
    expect(await upgraded.get('apiKeys', 'e1')).toEqual({ endpointId: 'e1', key: 'sk-old' });
    await upgraded.put('suites', { id: 's1', name: 'Triage', source: 'user', updatedAt: 'x', tasks: [] });
    expect(await upgraded.getAllFromIndex('suites', 'by-name', 'Triage')).toHaveLength(1);
    // Version 3: prices keyed by provider and model; a row entered before applies to any provider.
    expect(upgraded.transaction('prices').store.keyPath).toEqual(['provider', 'model']);
    expect(await upgraded.getAll('prices')).toEqual([{ ...oldPrice, provider: '*' }]);
    await upgraded.put('prices', { ...oldPrice, provider: 'openrouter', inputPerM: 1 } as Price);
    expect(await upgraded.count('prices')).toBe(2);
  });

  it('reopens an existing database without losing data', async () => {
    const run = await runs.start('playground', 'kept');
    db.close();
    const again = new RunsRepository(await openQwenfitDb());
    expect((await again.get(run.id))?.title).toBe('kept');
  });
});

describe('runs repository', () => {
  it('writes results as they complete and reads them back by run', async () => {
    const run = await runs.start('playground', 'chat');
    await runs.addResult(result(run.id, '1'));
    await runs.addResult(result(run.id, '2'));
    const other = await runs.start('playground', 'other');
    await runs.addResult(result(other.id, '1'));
    expect((await runs.results(run.id)).map((r) => r.taskId).sort()).toEqual(['1', '2']);
    expect(await runs.countResults(other.id)).toBe(1);
  });

  it('refuses a duplicate result id and keeps the first', async () => {
    const run = await runs.start('playground', 'chat');
    const r = result(run.id, '1');
    await runs.addResult(r);
    await expect(runs.addResult({ ...r, output: 'changed' })).rejects.toThrow();
    expect((await runs.results(run.id))[0]?.output).toBe('Hello');
  });

  it('commits results that complete together, failing only a duplicate among them', async () => {
    const run = await runs.start('evaluate', 'parallel');
    const first = result(run.id, '1');
    await runs.addResult(first);
    const together = [result(run.id, '2'), { ...first, output: 'changed' }, result(run.id, '3')];
    const outcomes = await Promise.allSettled(together.map((r) => runs.addResult(r)));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const stored = await runs.results(run.id);
    expect(stored.map((r) => r.taskId).sort()).toEqual(['1', '2', '3']);
    expect(stored.find((r) => r.taskId === '1')?.output).toBe('Hello');
  });

  it('marks runs left running as interrupted at start-up, keeping their results', async () => {
    const left = await runs.start('playground', 'closed mid-run');
    await runs.addResult(result(left.id, '1'));
    const done = await runs.start('playground', 'finished');
    await runs.setStatus(done.id, 'completed');
    expect(await runs.markInterrupted()).toBe(1);
    expect((await runs.get(left.id))?.status).toBe('interrupted');
    expect((await runs.get(left.id))?.note).toMatch(/closed/);
    expect((await runs.get(done.id))?.status).toBe('completed');
    expect(await runs.countResults(left.id)).toBe(1);
  });

  it('pages runs newest first', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await runs.start('playground', `run ${i}`);
      await db.put('runs', { ...r, startedAt: `2026-11-2${i}T00:00:00.000Z` });
      ids.push(r.id);
    }
    const first = await runs.page(2);
    expect(first.map((r) => r.title)).toEqual(['run 4', 'run 3']);
    const second = await runs.page(2, first.at(-1)?.startedAt);
    expect(second.map((r) => r.title)).toEqual(['run 2', 'run 1']);
  });

  it('deletes runs with their results, and nothing else', async () => {
    const a = await runs.start('playground', 'a');
    const b = await runs.start('playground', 'b');
    await runs.addResult(result(a.id, '1'));
    await runs.addResult(result(b.id, '1'));
    await runs.delete([a.id]);
    expect(await runs.get(a.id)).toBeUndefined();
    expect(await runs.countResults(a.id)).toBe(0);
    expect(await runs.countResults(b.id)).toBe(1);
  });
});

describe('history filters', () => {
  it('filters runs by model, kind and date while paging newest first', async () => {
    const mk = async (
      title: string,
      day: number,
      model: string,
      kind: 'playground' | 'compare' = 'playground',
    ) => {
      const r = await runs.start(kind, title);
      await db.put('runs', { ...r, startedAt: `2026-11-${String(day).padStart(2, '0')}T00:00:00.000Z` });
      await runs.addResult({ ...result(r.id, '1'), modelId: model });
      return r;
    };
    await mk('a', 1, 'qwen-plus');
    await mk('b', 2, 'tiny');
    await mk('c', 3, 'qwen-plus', 'compare');
    await mk('d', 4, 'qwen-plus');
    const titles = async (f: Parameters<RunsRepository['page']>[2]) =>
      (await runs.page(10, undefined, f)).map((r) => r.title);
    expect(await titles({ model: 'qwen-plus' })).toEqual(['d', 'c', 'a']);
    expect(await titles({ kind: 'compare' })).toEqual(['c']);
    expect(await titles({ from: '2026-11-02T00:00:00.000Z', to: '2026-11-03T23:59:59.999Z' })).toEqual([
      'c',
      'b',
    ]);
    expect(await titles({ model: 'qwen-plus', from: '2026-11-02T00:00:00.000Z' })).toEqual(['d', 'c']);
    expect(await runs.models()).toEqual(['qwen-plus', 'tiny']);
  });
});

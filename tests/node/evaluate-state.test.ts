import { describe, expect, it } from 'vitest';
import { appError } from '../../src/core/error-catalog';
import type { SuiteTask } from '../../src/core/suite';
import type { Target } from '../../src/core/target';
import { TINY_MODEL } from '../../src/catalog/transformers-models';
import { EvaluateState } from '../../src/state/evaluate.svelte';
import type { StoreState } from '../../src/state/store.svelte';
import { SuiteLibrary } from '../../src/state/suite-library.svelte';
import { FakeHub, type FakeBehaviour } from '../support/fake-engines';
import { freshStore, until, within } from '../support/node-store';

const LOCAL: Target = { kind: 'ondevice', modelKey: 'webllm:Qwen3-0.6B-q4f32_1-MLC', device: 'webgpu' };
const CLOUD: Target = { kind: 'remote', endpointId: 'cloud', model: 'qwen-plus' };

const tasks: SuiteTask[] = Array.from({ length: 6 }, (_, i) => ({
  id: `t${i + 1}`,
  category: i % 2 ? 'math' : 'triage',
  messages: [{ role: 'user', content: `Question ${i + 1}` }],
  grader: { type: 'contains', expected: ['ok'] },
}));

/** The Evaluate screen's state as the app builds it, after its init (a visit, or a reload). */
async function open(store: StoreState, hub: FakeHub, contextWindow: number | null = null) {
  const library = new SuiteLibrary(store);
  const ev = new EvaluateState({
    hub,
    store,
    library,
    device: { probed: Promise.resolve() },
    models: {
      ready: Promise.resolve(),
      all: [],
      find: (key) =>
        contextWindow === null
          ? undefined
          : { entry: { ...TINY_MODEL, key, contextWindow }, fit: { ok: true } },
    },
    endpoints: {
      ready: Promise.resolve(),
      list: [],
      byId: () => undefined,
      save: () => Promise.resolve(),
      setKey: () => Promise.resolve(),
    },
  });
  await ev.init();
  const write = (name: string, lines: readonly SuiteTask[]) =>
    ev.pickSuite(library.write(name, lines.map((t) => JSON.stringify(t)).join('\n')));
  return Object.assign(ev, { write });
}

/** A first visit: the node suite written in the app and two candidates, one on-device, one remote. */
async function screen(behaviour: (t: Target) => FakeBehaviour = () => ({ delayMs: 30 })) {
  const store = freshStore();
  const hub = new FakeHub(behaviour);
  const ev = await open(store, hub);
  const errors = await ev.write('Node suite', tasks);
  if (errors) throw new Error(errors.join('; '));
  ev.config.candidates = [
    { id: 'c1', target: LOCAL },
    { id: 'c2', target: CLOUD },
  ];
  return { ev, hub, store };
}

async function storedResults(store: StoreState, runId: string | null) {
  if (!runId) throw new Error('no run');
  return (await store.runs()).results(runId);
}

describe('Evaluate in Node, with fake engines and a real (in-memory) IndexedDB', () => {
  it('runs every task on every candidate, grades and stores each as it completes', async () => {
    const { ev, hub, store } = await screen();
    await within(ev.run(), 5_000, 'the run');
    expect(ev.runStatus).toBe('completed');
    expect(ev.results).toHaveLength(12);
    expect(ev.results.every((r) => r.grade?.pass)).toBe(true);
    const stored = await storedResults(store, ev.runId);
    expect(stored.map((r) => r.taskId).sort()).toEqual(ev.results.map((r) => r.taskId).sort());
    // One generation at a time on the on-device worker; the endpoint overlaps its requests.
    expect(hub.engine(LOCAL).peak).toBe(1);
    expect(hub.engine(CLOUD).peak).toBeGreaterThan(1);
    expect(ev.aggregates.find((a) => a.candidate === 'c1' && a.category === 'all')?.n).toBe(6);
  });

  it('Pause holds every loop of every candidate; Continue releases all of them and the run ends', async () => {
    const { ev, store } = await screen(() => ({ delayMs: 40, concurrency: 3 }));
    // Enough work that every loop (one on-device, three on the endpoint) meets the pause.
    ev.config.repeats = 3;
    const running = ev.run();
    await until(() => (ev.progress?.done ?? 0) >= 1, 'a first result');
    ev.pause();
    expect(ev.paused).toBe(true);
    // What was in flight finishes; nothing new starts.
    await new Promise((r) => setTimeout(r, 150));
    const held = ev.progress?.done ?? 0;
    await new Promise((r) => setTimeout(r, 200));
    expect(ev.progress?.done).toBe(held);
    expect(held).toBeLessThan(36);
    ev.continue();
    await within(running, 5_000, 'the run after Continue');
    expect(ev.running).toBe(false);
    expect(ev.runStatus).toBe('completed');
    expect(await storedResults(store, ev.runId)).toHaveLength(36);
  });

  it('Cancel while paused ends the run as interrupted; Continue runs only what is missing, into the same run', async () => {
    const { ev, hub, store } = await screen(() => ({ delayMs: 40, concurrency: 2 }));
    const running = ev.run();
    await until(() => (ev.progress?.done ?? 0) >= 2, 'two results');
    ev.pause();
    ev.cancel();
    await within(running, 5_000, 'the cancelled run');
    expect(ev.runStatus).toBe('interrupted');
    const first = await storedResults(store, ev.runId);
    expect(ev.missing).toBe(12 - first.length);
    expect(ev.missing).toBeGreaterThan(0);
    const runId = ev.runId;
    const before = hub.engine(LOCAL).requests.length + hub.engine(CLOUD).requests.length;
    await within(ev.resume(), 5_000, 'the resumed run');
    expect(ev.runId).toBe(runId);
    expect(ev.runStatus).toBe('completed');
    const after = hub.engine(LOCAL).requests.length + hub.engine(CLOUD).requests.length;
    expect(after - before).toBe(12 - first.length);
    const all = await storedResults(store, runId);
    expect(new Set(all.map((r) => r.taskId)).size).toBe(12);
    expect(all).toHaveLength(12);
  });

  it('a candidate that cannot load is recorded under its own runtime, model and host, not as a latency sample', async () => {
    const broken = appError('model-too-large', {}, 'Qwen3 needs 1.4 GB');
    const { ev } = await screen((t) => (t.kind === 'ondevice' ? { acquireError: broken } : { delayMs: 5 }));
    await within(ev.run(), 5_000, 'the run');
    const failed = ev.results.filter((r) => r.candidate === 'c1');
    expect(failed).toHaveLength(6);
    for (const r of failed) {
      expect(r).toMatchObject({ runtime: 'webllm', modelId: 'Qwen3-0.6B-q4f32_1-MLC', where: 'webgpu' });
      expect(r.error?.code).toBe('model-too-large');
      expect(r.grade).toMatchObject({ pass: false, failure: 'error' });
    }
    const overall = ev.aggregates.find((a) => a.candidate === 'c1' && a.category === 'all');
    expect(overall?.passes).toBe(0);
    expect(overall?.e2e.p50).toBeNull();
  });

  it('a reload restores the set-up and the last run with its results', async () => {
    const { ev, store, hub } = await screen();
    await within(ev.run(), 5_000, 'the run');
    const again = await open(store, hub);
    expect(again.runId).toBe(ev.runId);
    expect(again.runStatus).toBe('completed');
    expect(again.results).toHaveLength(12);
    expect(again.suite?.name).toBe('Node suite');
    expect(again.config.candidates.map((c) => c.target)).toEqual([LOCAL, CLOUD]);
  });

  it('a task longer than an on-device context window is skipped, not sent, and counted apart', async () => {
    const store = freshStore();
    const hub = new FakeHub(() => ({ delayMs: 5 }));
    const ev = await open(store, hub, 300);
    const long: SuiteTask = {
      id: 'long',
      category: 'triage',
      messages: [{ role: 'user', content: 'word '.repeat(600) }],
      grader: { type: 'contains', expected: ['ok'] },
    };
    const errors = await ev.write('Long', [...tasks.slice(0, 2), long]);
    expect(errors).toBeNull();
    ev.config.candidates = [
      { id: 'c1', target: LOCAL },
      { id: 'c2', target: CLOUD },
    ];
    await within(ev.run(), 5_000, 'the run');
    // The on-device candidate holds 300 tokens; the long task (2,999 characters once trimmed)
    // needs about ceil(2,999 / 4) + 8 per message + 256 new tokens = 1,014.
    const skipped = ev.results.filter((r) => r.skipped === 'context');
    expect(skipped.map((r) => r.candidate)).toEqual(['c1']);
    expect(skipped[0]?.grade?.detail).toMatch(
      /^skipped: needs about 1,014 tokens; the context window holds 300$/,
    );
    expect(hub.engine(LOCAL).requests).toHaveLength(2);
    expect(hub.engine(CLOUD).requests).toHaveLength(3);
    const triage = ev.aggregates.find((a) => a.candidate === 'c1' && a.category === 'triage');
    expect(triage).toMatchObject({ n: 1, skipped: 1, passes: 1 });
    const stored = await storedResults(store, ev.runId);
    expect(stored.find((r) => r.skipped)?.metrics.e2eMs).toBeNull();
    const triageDecision = ev.decisions.categories.find((d) => d.category === 'triage');
    expect(triageDecision?.standings.find((s) => s.candidate === 'c1')?.reasons).toContain(
      '1 tasks skipped: longer than its context window',
    );
  });
});

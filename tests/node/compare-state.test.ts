import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Target } from '../../src/core/target';
import { CompareState } from '../../src/state/compare.svelte';
import type { StoreState } from '../../src/state/store.svelte';
import { FakeHub } from '../support/fake-engines';
import { freshStore, until, within } from '../support/node-store';

const LOCAL: Target = { kind: 'ondevice', modelKey: 'webllm:Qwen3-0.6B-q4f32_1-MLC', device: 'webgpu' };
const CLOUD: Target = { kind: 'remote', endpointId: 'cloud', model: 'qwen-plus' };

beforeAll(() => {
  // Node has neither: the screen batches DOM updates per frame and asks whether it is online.
  vi.stubGlobal('requestAnimationFrame', (cb: (t: number) => void) =>
    setTimeout(() => cb(performance.now()), 16),
  );
  if (!('navigator' in globalThis)) vi.stubGlobal('navigator', { onLine: true });
});

async function open(store: StoreState, hub: FakeHub) {
  const compare = new CompareState({
    hub,
    store,
    device: { probed: Promise.resolve(), report: null },
    models: { ready: Promise.resolve(), webllm: [] },
    endpoints: { ready: Promise.resolve(), list: [] },
  });
  await compare.init();
  return compare;
}

async function screen(delayMs = 30) {
  const store = freshStore();
  const hub = new FakeHub((t) => ({
    delayMs: t.kind === 'remote' ? delayMs : delayMs * 2,
    reply: `from ${t.kind}`,
  }));
  const compare = await open(store, hub);
  compare.setTarget('a', LOCAL);
  compare.setTarget('b', CLOUD);
  compare.config.repeats = 3;
  return { compare, hub, store };
}

describe('Compare in Node, with fake engines and a real (in-memory) IndexedDB', () => {
  it('streams every pane side by side, marks the first generation after a load cold, and stores each', async () => {
    const { compare, store } = await screen();
    await within(compare.run(), 5_000, 'the comparison');
    expect(compare.runStatus).toBe('completed');
    expect(compare.finished('a').map((r) => r.content)).toEqual([
      'from ondevice',
      'from ondevice',
      'from ondevice',
    ]);
    expect(compare.finished('a').map((r) => r.cold)).toEqual([true, false, false]);
    expect(compare.finished('b').every((r) => !r.cold)).toBe(true);
    expect(compare.stats('a')).toMatchObject({ used: 2, leftOut: { cold: 1, failed: 0 } });
    const stored = await (await store.runs()).results(compare.runId ?? '');
    expect(stored.map((r) => r.taskId).sort()).toEqual(['a#1', 'a#2', 'a#3', 'b#1', 'b#2', 'b#3']);
    expect(stored.find((r) => r.taskId === 'b#1')).toMatchObject({
      runtime: 'remote',
      where: 'cloud.example',
    });
  });

  it('stopping one pane leaves the other running; the run is interrupted and Resume runs only what is missing', async () => {
    const { compare, hub, store } = await screen(40);
    const running = compare.run();
    await until(() => compare.finished('a').length >= 1, "pane a's first generation");
    compare.stopPane('a');
    await within(running, 5_000, 'the comparison');
    expect(compare.finished('b')).toHaveLength(3);
    expect(compare.finished('a').length).toBeLessThan(3);
    expect(compare.runStatus).toBe('interrupted');
    const missing = 3 - compare.finished('a').length;
    expect(compare.missing).toBe(missing);
    const runId = compare.runId;
    const asked = hub.engine(LOCAL).requests.length;
    await within(compare.resume(), 5_000, 'the resumed comparison');
    expect(compare.runId).toBe(runId);
    expect(compare.runStatus).toBe('completed');
    expect(hub.engine(LOCAL).requests.length - asked).toBe(missing);
    const stored = await (await store.runs()).results(runId ?? '');
    expect(new Set(stored.map((r) => r.taskId)).size).toBe(6);
  });

  it('a reload brings back the comparison and its generations', async () => {
    const { compare, hub, store } = await screen();
    await within(compare.run(), 5_000, 'the comparison');
    const again = await open(store, hub);
    expect(again.config.panes.map((p) => p.target)).toEqual([LOCAL, CLOUD]);
    expect(again.runId).toBe(compare.runId);
    expect(again.finished('b').map((r) => r.content)).toEqual(['from remote', 'from remote', 'from remote']);
    expect(again.finished('a').map((r) => r.repeat)).toEqual([1, 2, 3]);
  });

  it('an on-device pane runs one generation at a time, and the run holds only its own models', async () => {
    const { compare, hub } = await screen();
    compare.addPane();
    compare.setTarget('c', LOCAL);
    await within(compare.run(), 5_000, 'the comparison');
    expect(hub.engine(LOCAL).peak).toBe(1);
    expect(hub.held.runs).toEqual([LOCAL, CLOUD, LOCAL]);
  });
});

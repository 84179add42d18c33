import { describe, expect, it } from 'vitest';
import { isDeadEngine } from '../../src/core/engine-errors';
import type { ChatEvent, LoadProgress } from '../../src/core/engine-types';
import { OnDeviceEngine } from '../../src/engines/ondevice-engine';
import { WorkerBridge } from '../../src/engines/worker-bridge';
import { FakeWorker, scriptedWorkerApi, type ScriptedModel } from '../support/fake-worker';
import { within } from '../support/node-store';

const INFO = { runtime: 'transformers', modelId: 'tiny', where: 'wasm' } as const;
const OPTIONS = {
  kind: 'transformers',
  modelId: 'tiny',
  device: 'wasm',
  dtype: 'fp32',
  localModelPath: null,
  allowRemoteModels: false,
  remoteHost: null,
  wasmPaths: { mjs: '', wasm: '' },
} as const;

function engineWith(model: Partial<ScriptedModel> = {}) {
  const api = scriptedWorkerApi({ tokens: ['a', 'b', 'c', 'd', 'e'], gapMs: 5, ...model });
  const workers: FakeWorker[] = [];
  const engine = new OnDeviceEngine(
    INFO,
    () => {
      const w = new FakeWorker(api);
      workers.push(w);
      return w as unknown as Worker;
    },
    OPTIONS,
  );
  return { engine, api, workers };
}

async function drain(events: AsyncIterable<ChatEvent>, onEach?: (e: ChatEvent) => void) {
  const out: ChatEvent[] = [];
  for await (const e of events) {
    out.push(e);
    onEach?.(e);
  }
  return out;
}

describe('the on-device engine over a worker (comlink on a real MessageChannel)', () => {
  it('loads with progress, then streams the worker events stamped with the page clock, ending when the worker call returns', async () => {
    const { engine, api } = engineWith({ clockSkewMs: 60_000 });
    const progress: LoadProgress[] = [];
    await engine.load((p) => progress.push(p));
    expect(progress.map((p) => p.phase)).toEqual(['downloading', 'ready']);
    expect(engine.loadReport?.loadMs).toBe(3);
    const before = performance.now();
    const events = await within(
      drain(engine.chat({ messages: [] }, new AbortController().signal)),
      3_000,
      'a reply',
    );
    expect(events.map((e) => e.type)).toEqual([
      'content',
      'content',
      'content',
      'content',
      'content',
      'usage',
      'done',
    ]);
    // The worker's clock is a minute off; every event carries the page's arrival time instead.
    for (const e of events) expect(e.t).toBeGreaterThanOrEqual(before);
    for (const e of events) expect(e.t).toBeLessThan(before + 60_000);
    expect(api.generating).toBe(0);
  });

  it('a second reply while one streams is refused as busy, not interleaved', async () => {
    const { engine } = engineWith();
    await engine.load(() => undefined);
    const first = drain(engine.chat({ messages: [] }, new AbortController().signal));
    const second = await drain(engine.chat({ messages: [] }, new AbortController().signal));
    expect(second).toMatchObject([{ type: 'error', error: { code: 'engine-busy' } }]);
    expect((await first).at(-1)).toMatchObject({ type: 'done', finishReason: 'stop' });
  });

  it('an abort interrupts the worker: the reply ends as stopped and the model answers again', async () => {
    const { engine } = engineWith({ gapMs: 20 });
    await engine.load(() => undefined);
    const abort = new AbortController();
    const events = await drain(engine.chat({ messages: [] }, abort.signal), (e) => {
      if (e.type === 'content') abort.abort();
    });
    expect(events.at(-1)).toMatchObject({ type: 'done', finishReason: 'abort' });
    expect(events.filter((e) => e.type === 'content').length).toBeLessThan(5);
    const again = await drain(engine.chat({ messages: [] }, new AbortController().signal));
    expect(again.at(-1)).toMatchObject({ type: 'done', finishReason: 'stop' });
  });

  it('cancelling a load that never ends terminates the worker and says the load was cancelled', async () => {
    const { engine, workers } = engineWith({ hangLoad: true });
    const abort = new AbortController();
    const loading = engine.load(() => undefined, abort.signal);
    setTimeout(() => abort.abort(), 30);
    await expect(within(loading, 3_000, 'the cancelled load')).rejects.toMatchObject({
      app: { code: 'load-cancelled' },
    });
    expect(workers[0]?.terminated).toBe(true);
  });

  it('a worker that dies mid-reply ends the stream with worker-crashed, which marks the engine dead', async () => {
    const { engine, workers } = engineWith({ gapMs: 20 });
    await engine.load(() => undefined);
    const events = await within(
      drain(engine.chat({ messages: [] }, new AbortController().signal), (e) => {
        if (e.type === 'content') workers[0]?.crash('out of memory');
      }),
      3_000,
      'the crashed reply',
    );
    const last = events.at(-1);
    expect(last).toMatchObject({ type: 'error', error: { code: 'worker-crashed', detail: 'out of memory' } });
    expect(isDeadEngine(last?.type === 'error' ? last.error : null)).toBe(true);
  });

  it('a lost GPU device reported by the runtime comes through as device-lost, a dead engine', async () => {
    const { engine } = engineWith({ failWith: 'DeviceLostError: The WebGPU device was lost.' });
    await engine.load(() => undefined);
    const events = await drain(engine.chat({ messages: [] }, new AbortController().signal));
    const last = events.at(-1);
    expect(last).toMatchObject({ type: 'error', error: { code: 'device-lost' } });
    expect(isDeadEngine(last?.type === 'error' ? last.error : null)).toBe(true);
  });

  it('unload ends the worker; a call after that starts a fresh one', async () => {
    const { engine, workers } = engineWith();
    await engine.load(() => undefined);
    await engine.unload();
    expect(workers[0]?.terminated).toBe(true);
    await engine.load(() => undefined);
    expect(workers).toHaveLength(2);
  });
});

describe('the worker bridge', () => {
  it('rejects every pending call when its worker dies (comlink alone would leave them hanging)', async () => {
    let worker: FakeWorker | null = null;
    const bridge = new WorkerBridge<{ wait(): Promise<number> }>(() => {
      worker = new FakeWorker({ wait: () => new Promise<number>(() => undefined) });
      return worker as unknown as Worker;
    });
    const calls = [bridge.call((w) => w.wait()), bridge.call((w) => w.wait())];
    setTimeout(() => (worker as FakeWorker | null)?.crash('boom'), 20);
    for (const call of calls)
      await expect(within(call, 2_000, 'a pending call')).rejects.toMatchObject({
        app: { code: 'worker-crashed', detail: 'boom' },
      });
    expect(bridge.started).toBe(false);
  });

  it('terminate rejects pending calls with the reason given', async () => {
    const bridge = new WorkerBridge<{ wait(): Promise<number> }>(
      () => new FakeWorker({ wait: () => new Promise<number>(() => undefined) }) as unknown as Worker,
    );
    const call = bridge.call((w) => w.wait());
    bridge.terminate({ code: 'unloaded', message: 'm', action: 'a' });
    await expect(call).rejects.toMatchObject({ app: { code: 'unloaded' } });
  });
});

import { describe, expect, it } from 'vitest';
import { TINY_MODEL } from '../../src/catalog/transformers-models';
import type { ChatEvent, ComputeDevice, LoadProgress } from '../../src/core/engine-types';
import { OnDevicePool, type PooledEngine } from '../../src/state/ondevice-pool.svelte';
import { within } from '../support/node-store';

const TINY = { entry: TINY_MODEL, fit: { ok: true } };

/** A model whose load takes `ms` and can be aborted, counting loads and unloads. */
class SlowLoad implements PooledEngine {
  loads = 0;
  unloads = 0;
  constructor(
    readonly info: { runtime: 'transformers'; modelId: string; where: ComputeDevice },
    private readonly ms: number,
  ) {}
  async load(onProgress: (p: LoadProgress) => void, signal?: AbortSignal): Promise<void> {
    this.loads++;
    onProgress({ phase: 'downloading', fraction: 0, text: 'start' });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, this.ms);
      signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(new DOMException('cancelled', 'AbortError'));
      });
    });
  }
  async *chat(): AsyncGenerator<ChatEvent> {}
  async unload(): Promise<void> {
    this.unloads++;
  }
}

function pool(ms = 30) {
  const made: SlowLoad[] = [];
  const p = new OnDevicePool(
    () => false,
    (_playable, device) => {
      const e = new SlowLoad({ runtime: 'transformers', modelId: 'tiny', where: device }, ms);
      made.push(e);
      return e;
    },
  );
  return { pool: p, made };
}

describe('the on-device pool every screen shares', () => {
  it('one model on one device is one engine, loaded once however many screens wait for it', async () => {
    const { pool: p, made } = pool();
    const a = p.slot('k', TINY, 'wasm');
    const b = p.slot('k', TINY, 'wasm');
    expect(b).toBe(a);
    await Promise.all([p.ready(a, new AbortController().signal), p.ready(b, new AbortController().signal)]);
    expect(made).toHaveLength(1);
    expect(made[0]?.loads).toBe(1);
    expect(a.status).toBe('ready');
    expect(a.loadWallMs).toBeGreaterThan(0);
  });

  it('keeps a model while any holder holds it: the Playground keeps its model through a Compare run', async () => {
    const { pool: p, made } = pool(1);
    const playground = p.slot('play', TINY, 'wasm');
    const compare = p.slot('cmp', TINY, 'webgpu');
    await Promise.all([
      p.ready(playground, new AbortController().signal),
      p.ready(compare, new AbortController().signal),
    ]);
    p.hold('runs', ['cmp', 'play']);
    p.hold('playground', ['play']);
    expect(made.map((e) => e.unloads)).toEqual([0, 0]);
    p.hold('runs', []);
    expect(made.map((e) => e.unloads)).toEqual([0, 1]);
    expect(p.slot('play', TINY, 'wasm')).toBe(playground);
    p.hold('playground', []);
    expect(made[0]?.unloads).toBe(1);
  });

  it('one screen giving up waiting does not cancel the load another still waits for; the last one does', async () => {
    const { pool: p, made } = pool(200);
    const slot = p.slot('k', TINY, 'wasm');
    const first = new AbortController();
    const second = new AbortController();
    const a = p.ready(slot, first.signal);
    const b = p.ready(slot, second.signal);
    first.abort();
    await expect(a).rejects.toThrow();
    await within(b, 2_000, 'the load the other screen waits for');
    expect(slot.status).toBe('ready');

    const other = p.slot('k2', TINY, 'wasm');
    const only = new AbortController();
    const c = p.ready(other, only.signal);
    only.abort();
    await expect(c).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 20));
    expect(other.status).toBe('error');
    expect(made[1]?.unloads).toBe(1);
  });

  it('a failed load is forgotten, so the next attempt starts afresh', async () => {
    const { pool: p, made } = pool(1);
    const slot = p.slot('k', TINY, 'wasm');
    const abort = new AbortController();
    const waiting = p.ready(slot, abort.signal);
    abort.abort();
    await expect(waiting).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 10));
    const again = p.slot('k', TINY, 'wasm');
    expect(again).not.toBe(slot);
    await p.ready(again, new AbortController().signal);
    expect(made).toHaveLength(2);
  });
});

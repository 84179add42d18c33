import { describe, expect, it } from 'vitest';
import { KeyedLimiter } from '../../src/core/limiter';

const tick = () => new Promise((r) => setTimeout(r, 0));

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('KeyedLimiter', () => {
  it('runs one task at a time on a limit of one, in arrival order', async () => {
    const limiter = new KeyedLimiter();
    const order: string[] = [];
    const gates = [deferred(), deferred(), deferred()];
    const tasks = gates.map((g, i) =>
      limiter.run('worker', 1, async () => {
        order.push(`start ${i}`);
        await g.promise;
        order.push(`end ${i}`);
      }),
    );
    await tick();
    expect(order).toEqual(['start 0']);
    expect(limiter.active('worker')).toBe(1);
    gates[0]?.resolve();
    gates[2]?.resolve();
    await tick();
    expect(order).toEqual(['start 0', 'end 0', 'start 1']);
    gates[1]?.resolve();
    await Promise.all(tasks);
    expect(order).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
    expect(limiter.active('worker')).toBe(0);
  });

  it('lets up to the limit run together per key, and keys do not share slots', async () => {
    const limiter = new KeyedLimiter();
    let running = 0;
    let peak = 0;
    const gate = deferred();
    const work = () =>
      limiter.run('endpoint', 2, async () => {
        peak = Math.max(peak, ++running);
        await gate.promise;
        running--;
      });
    const all = [work(), work(), work(), work()];
    const other = limiter.run('other', 1, async () => 'free');
    await expect(other).resolves.toBe('free');
    await tick();
    expect(limiter.active('endpoint')).toBe(2);
    gate.resolve();
    await Promise.all(all);
    expect(peak).toBe(2);
  });

  it('a task cancelled while waiting never runs, and frees nothing it did not hold', async () => {
    const limiter = new KeyedLimiter();
    const gate = deferred();
    const first = limiter.run('k', 1, () => gate.promise);
    const abort = new AbortController();
    let ran = false;
    const waiting = limiter.run('k', 1, async () => void (ran = true), abort.signal);
    abort.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    gate.resolve();
    await first;
    expect(ran).toBe(false);
    expect(limiter.active('k')).toBe(0);
    await expect(limiter.run('k', 1, async () => 'next')).resolves.toBe('next');
  });

  it('releases the slot when the work throws', async () => {
    const limiter = new KeyedLimiter();
    await expect(limiter.run('k', 1, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(limiter.active('k')).toBe(0);
  });
});

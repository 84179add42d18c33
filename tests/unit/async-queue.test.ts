import { describe, expect, it } from 'vitest';
import { AsyncQueue } from '../../src/core/async-queue';

async function collect<T>(q: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of q) out.push(x);
  return out;
}

describe('AsyncQueue', () => {
  it('delivers items pushed before and after the consumer starts, in order', async () => {
    const q = new AsyncQueue<number>();
    q.push(1);
    const done = collect(q);
    q.push(2);
    await Promise.resolve();
    q.push(3);
    q.close();
    expect(await done).toEqual([1, 2, 3]);
  });

  it('keeps items pushed before close', async () => {
    const q = new AsyncQueue<string>();
    q.push('a');
    q.push('b');
    q.close();
    q.push('ignored');
    expect(await collect(q)).toEqual(['a', 'b']);
  });

  it('calls onReturn when the consumer leaves early, not when the stream ended', async () => {
    let returned = 0;
    const q = new AsyncQueue<number>(() => returned++);
    q.push(1);
    q.push(2);
    for await (const x of q) if (x === 1) break;
    expect(returned).toBe(1);

    const finished = new AsyncQueue<number>(() => returned++);
    finished.push(1);
    finished.close();
    for await (const x of finished) if (x === 1) break;
    expect(returned).toBe(1);
  });
});

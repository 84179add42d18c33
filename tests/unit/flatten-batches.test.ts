import { describe, expect, it } from 'vitest';
import { flattenBatches } from '../../src/core/flatten-batches';

describe('flattenBatches', () => {
  it('gives every item in order across batches, skipping empty ones, then ends', async () => {
    async function* source() {
      yield [1, 2];
      yield [];
      yield [3];
      await new Promise((r) => setTimeout(r, 5));
      yield [4, 5, 6];
    }
    const out: number[] = [];
    for await (const x of flattenBatches(source())) out.push(x);
    expect(out).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("a consumer leaving mid-batch runs the source's finally and reads nothing more", async () => {
    const log: string[] = [];
    async function* source() {
      try {
        yield ['a', 'b', 'c'];
        log.push('second batch read');
        yield ['d'];
      } finally {
        log.push('finally');
      }
    }
    const items = flattenBatches(source());
    const seen: string[] = [];
    for await (const x of items) {
      seen.push(x);
      if (x === 'b') break;
    }
    expect(seen).toEqual(['a', 'b']);
    expect(log).toEqual(['finally']);
    expect(await items.next()).toEqual({ value: undefined, done: true });
  });

  it("passes the source's failure to the consumer after the items before it", async () => {
    async function* source() {
      yield [1];
      throw new Error('broken');
    }
    const seen: number[] = [];
    const run = async () => {
      for await (const x of flattenBatches(source())) seen.push(x);
    };
    await expect(run()).rejects.toThrow('broken');
    expect(seen).toEqual([1]);
  });
});

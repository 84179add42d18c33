import { describe, expect, it } from 'vitest';
import { groupCommit } from '../../src/core/group-commit';

/** A store that commits after a tick and remembers each write's items. */
function fakeStore(refuse: (item: number) => boolean = () => false) {
  const writes: number[][] = [];
  const committed: number[] = [];
  const write = async (items: readonly number[]) => {
    writes.push([...items]);
    await new Promise((r) => setTimeout(r, 1));
    // One refused item aborts its whole write, as an IndexedDB transaction does.
    if (items.some(refuse)) throw new Error(`refused ${items.filter(refuse).join(',')}`);
    committed.push(...items);
  };
  return { writes, committed, write };
}

describe('group commit', () => {
  it('writes a lone item at once, in a write of its own', async () => {
    const s = fakeStore();
    const g = groupCommit(s.write);
    const done = g.add(1);
    expect(s.writes).toEqual([[1]]);
    await done;
    expect(s.committed).toEqual([1]);
    expect(g.pending).toBe(0);
  });

  it('batches what arrives while a write is in flight, and settles each only once committed', async () => {
    const s = fakeStore();
    const g = groupCommit(s.write);
    const settled: number[] = [];
    const all = [1, 2, 3, 4, 5].map((n) =>
      g.add(n).then(() => {
        expect(s.committed).toContain(n);
        settled.push(n);
      }),
    );
    expect(g.pending).toBe(5);
    await Promise.all(all);
    expect(s.writes).toEqual([[1], [2, 3, 4, 5]]);
    expect(settled.sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('fails only the refused item of a batch; the rest are committed', async () => {
    const s = fakeStore((n) => n === 3);
    const g = groupCommit(s.write);
    const outcomes = await Promise.allSettled([1, 2, 3, 4].map((n) => g.add(n)));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[2] as PromiseRejectedResult).reason).toEqual(new Error('refused 3'));
    expect(s.committed.sort()).toEqual([1, 2, 4]);
  });

  it('keeps writing after a failure', async () => {
    const s = fakeStore((n) => n === 1);
    const g = groupCommit(s.write);
    await expect(g.add(1)).rejects.toThrow('refused 1');
    await g.add(2);
    expect(s.committed).toEqual([2]);
  });
});

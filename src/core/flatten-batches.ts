/**
 * Items of an async source of batches, one at a time. An async generator pays several
 * promise turns per `yield`; a fast stream yields a hundred thousand events, so items
 * already in hand are served from the batch with one resolved promise each. The consumer
 * leaving early (`break`, `return`) returns the source, which runs its `finally`.
 */
export function flattenBatches<T>(source: AsyncIterator<readonly T[]>): AsyncIterableIterator<T> {
  let batch: readonly T[] = [];
  let at = 0;
  let ended = false;
  const finished = (): IteratorResult<T> => ({ value: undefined, done: true });
  const pull = async (): Promise<IteratorResult<T>> => {
    for (;;) {
      if (at < batch.length) return { value: batch[at++] as T, done: false };
      if (ended) return finished();
      const next = await source.next();
      if (next.done) {
        ended = true;
        batch = [];
        return finished();
      }
      batch = next.value;
      at = 0;
    }
  };
  return {
    next: () => (at < batch.length ? Promise.resolve({ value: batch[at++] as T, done: false }) : pull()),
    async return() {
      if (!ended) {
        ended = true;
        batch = [];
        await source.return?.();
      }
      return finished();
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

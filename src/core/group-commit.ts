/**
 * Group commit: each item is written the moment it arrives when no write is in flight;
 * items that arrive while one is in flight go together in the next write. Every caller's
 * promise settles when its own item is committed (or refused), so nothing is reported
 * saved before it is. A failed batch is retried one item at a time, so one bad item
 * (a duplicate id) fails alone and the others still land.
 */
export interface GroupCommit<T> {
  add(item: T): Promise<void>;
  /** Items waiting for a write or being written. */
  readonly pending: number;
}

interface Waiting<T> {
  item: T;
  resolve: () => void;
  reject: (e: unknown) => void;
}

export function groupCommit<T>(write: (items: readonly T[]) => Promise<void>): GroupCommit<T> {
  let queue: Waiting<T>[] = [];
  let inFlight = 0;
  let writing = false;

  async function writeAlone(w: Waiting<T>): Promise<void> {
    try {
      await write([w.item]);
      w.resolve();
    } catch (e) {
      w.reject(e);
    }
  }

  async function drain(): Promise<void> {
    writing = true;
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      inFlight = batch.length;
      try {
        await write(batch.map((w) => w.item));
        for (const w of batch) w.resolve();
      } catch (e) {
        if (batch.length === 1) batch[0]?.reject(e);
        else for (const w of batch) await writeAlone(w);
      }
      inFlight = 0;
    }
    writing = false;
  }

  return {
    add(item) {
      return new Promise<void>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        if (!writing) void drain();
      });
    },
    get pending() {
      return queue.length + inFlight;
    },
  };
}

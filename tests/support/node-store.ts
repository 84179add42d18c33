import { IDBFactory } from 'fake-indexeddb';
import 'fake-indexeddb/auto';
import { StoreState } from '../../src/state/store.svelte';

/** A results store of its own, on an empty in-memory IndexedDB, as the app opens it. */
export function freshStore(): StoreState {
  globalThis.indexedDB = new IDBFactory();
  return new StoreState();
}

/** Waits until `check` holds, polling; fails with `what` after `ms`. */
export async function until(check: () => boolean, what: string, ms = 5_000): Promise<void> {
  const end = performance.now() + ms;
  while (!check()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A promise that fails when `p` takes longer than `ms`: a hang becomes a failure, not a stuck run. */
export function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`${what} did not end within ${ms} ms`)), ms),
    ),
  ]);
}

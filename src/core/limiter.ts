/**
 * Runs work under a concurrency limit per key: one generation at a time per on-device
 * worker, a chosen number per remote endpoint. Waiting work starts in arrival order.
 */
export class KeyedLimiter {
  readonly #active = new Map<string, number>();
  readonly #waiting = new Map<string, (() => void)[]>();

  /** How many tasks hold a slot for this key now. */
  active(key: string): number {
    return this.#active.get(key) ?? 0;
  }

  async run<T>(key: string, limit: number, work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.#acquire(key, Math.max(1, limit), signal);
    try {
      return await work();
    } finally {
      this.#release(key);
    }
  }

  #acquire(key: string, limit: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortError());
    if (this.active(key) < limit) {
      this.#active.set(key, this.active(key) + 1);
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const queue = this.#waiting.get(key) ?? [];
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        this.#active.set(key, this.active(key) + 1);
        resolve();
      };
      const onAbort = () => {
        const i = queue.indexOf(grant);
        if (i >= 0) queue.splice(i, 1);
        reject(abortError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      queue.push(grant);
      this.#waiting.set(key, queue);
    });
  }

  #release(key: string): void {
    this.#active.set(key, this.active(key) - 1);
    const next = this.#waiting.get(key)?.shift();
    next?.();
  }
}

function abortError(): Error {
  return new DOMException('The task was cancelled before it started.', 'AbortError');
}

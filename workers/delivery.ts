import type { Delivery } from '../src/core/worker-protocol';

/**
 * Wraps a comlink proxy callback. Its calls travel on the proxy's own MessagePort, which
 * is not ordered against the reply of the call that carries it: resolving that call before
 * the last event arrives would let the page close the stream early. Ports are FIFO, so
 * awaiting the last delivery settles all of them.
 */
export function orderedSender<T>(callback: (item: T) => Delivery) {
  let last: Promise<unknown> = Promise.resolve();
  return {
    send(item: T): void {
      last = Promise.resolve(callback(item));
    },
    settled(): Promise<void> {
      return last.then(
        () => undefined,
        () => undefined,
      );
    },
  };
}

import { wrap, type Remote } from 'comlink';
import type { AppError } from '../core/engine-types';
import { EngineError } from '../core/engine-errors';
import { appError } from '../core/error-catalog';

/**
 * Owns one dedicated worker: starts it lazily, and rejects every pending call itself when
 * the worker dies or is terminated, because comlink leaves such calls hanging (comlink#428).
 */
export class WorkerBridge<Api> {
  readonly #create: () => Worker;
  #worker: Worker | null = null;
  #remote: Remote<Api> | null = null;
  readonly #pending = new Set<(e: EngineError) => void>();

  constructor(create: () => Worker) {
    this.#create = create;
  }

  get started(): boolean {
    return this.#worker !== null;
  }

  #start(): Remote<Api> {
    if (this.#remote) return this.#remote;
    const worker = this.#create();
    worker.addEventListener('error', (ev) => {
      ev.preventDefault();
      const error = appError('worker-crashed', {}, ev.message || 'worker error event');
      this.#drop(error);
    });
    this.#worker = worker;
    this.#remote = wrap<Api>(worker);
    return this.#remote;
  }

  /** Runs one call against the worker; rejects with an EngineError if the worker goes away. */
  call<T>(fn: (remote: Remote<Api>) => Promise<T>): Promise<T> {
    const remote = this.#start();
    return new Promise<T>((resolve, reject) => {
      const fail = (e: EngineError) => reject(e);
      this.#pending.add(fail);
      fn(remote).then(
        (v) => {
          this.#pending.delete(fail);
          resolve(v);
        },
        (e: unknown) => {
          this.#pending.delete(fail);
          reject(e);
        },
      );
    });
  }

  /** Fire-and-forget control message (interrupt); a dead worker simply ignores it. */
  signal(fn: (remote: Remote<Api>) => Promise<unknown>): void {
    if (this.#remote) void fn(this.#remote).catch(() => undefined);
  }

  terminate(reason: AppError): void {
    this.#drop(reason);
  }

  #drop(reason: AppError): void {
    this.#worker?.terminate();
    this.#worker = null;
    this.#remote = null;
    const error = new EngineError(reason);
    for (const fail of this.#pending) fail(error);
    this.#pending.clear();
  }
}

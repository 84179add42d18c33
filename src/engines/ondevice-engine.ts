import { proxy } from 'comlink';
import { AsyncQueue } from '../core/async-queue';
import { EngineError, toAppError } from '../core/engine-errors';
import { appError } from '../core/error-catalog';
import type { ChatEngine, ChatEvent, ChatRequest, EngineInfo, LoadProgress } from '../core/engine-types';
import type { LoadReport, OnDeviceLoadOptions, OnDeviceWorkerApi, Result } from '../core/worker-protocol';
import { WorkerBridge } from './worker-bridge';

/**
 * A ChatEngine over one dedicated worker. Events arrive pushed from the worker and are
 * re-stamped with the page's performance.now() on arrival, which is the clock every
 * metric uses; the worker's own figures travel in `engineStats`.
 */
export class OnDeviceEngine implements ChatEngine {
  readonly info: EngineInfo;
  readonly #bridge: WorkerBridge<OnDeviceWorkerApi<OnDeviceLoadOptions>>;
  readonly #options: OnDeviceLoadOptions;
  #report: LoadReport | null = null;
  #busy = false;

  constructor(info: EngineInfo, createWorker: () => Worker, options: OnDeviceLoadOptions) {
    this.info = info;
    this.#options = options;
    this.#bridge = new WorkerBridge<OnDeviceWorkerApi<OnDeviceLoadOptions>>(createWorker);
  }

  get loadReport(): LoadReport | null {
    return this.#report;
  }

  async load(onProgress: (p: LoadProgress) => void, signal?: AbortSignal): Promise<void> {
    // No runtime can abort a load half-way; ending the worker is the only sure stop.
    const onAbort = () => this.#bridge.terminate(appError('load-cancelled'));
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const result = await this.#bridge.call<Result<LoadReport>>((w) =>
        w.load(this.#options, proxy(onProgress)),
      );
      if (!result.ok) {
        this.#bridge.terminate(result.error);
        throw new EngineError(result.error);
      }
      this.#report = result.value;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  chat(req: ChatRequest, signal: AbortSignal): AsyncIterable<ChatEvent> {
    const interrupt = () => this.#bridge.signal((w) => w.interrupt());
    const queue = new AsyncQueue<ChatEvent>(interrupt);
    if (this.#busy) {
      queue.push({
        type: 'error',
        error: appError('engine-busy'),
        t: performance.now(),
      });
      queue.close();
      return queue;
    }
    this.#busy = true;
    // The stream ends when the worker's call returns, not at its last event: until then the
    // worker is still busy, and a scheduler that started the next generation at `done`
    // would find it "already generating".
    const onEvent = (e: ChatEvent) => queue.push({ ...e, t: performance.now() });
    if (signal.aborted) interrupt();
    else signal.addEventListener('abort', interrupt, { once: true });
    this.#bridge
      .call((w) => w.generate(req, proxy(onEvent)))
      .catch((e: unknown) => {
        queue.push({
          type: 'error',
          error: toAppError(e),
          t: performance.now(),
        });
      })
      .finally(() => {
        this.#busy = false;
        signal.removeEventListener('abort', interrupt);
        queue.close();
      });
    return queue;
  }

  async unload(): Promise<void> {
    if (this.#bridge.started) await this.#bridge.call((w) => w.unload()).catch(() => undefined);
    this.#bridge.terminate(appError('unloaded'));
    this.#report = null;
  }
}

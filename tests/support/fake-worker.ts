import { expose } from 'comlink';
import { toAppError } from '../../src/core/engine-errors';
import type { ChatEvent, ChatRequest, LoadProgress } from '../../src/core/engine-types';
import type { Delivery, LoadReport, OnDeviceWorkerApi, Result } from '../../src/core/worker-protocol';

type Listener = (ev: { data?: unknown; message?: string; preventDefault(): void }) => void;

/**
 * A dedicated worker as the page sees one (postMessage, message and error events,
 * terminate), with the worker side in the same process behind a real MessageChannel, so
 * comlink, its proxies and the bridge run as they do in the browser. `crash()` fires the
 * error event a dying worker fires.
 */
export class FakeWorker {
  readonly #port: MessagePort;
  readonly #inner: MessagePort;
  readonly #errors: Listener[] = [];
  terminated = false;

  constructor(api: object) {
    const channel = new MessageChannel();
    this.#port = channel.port1;
    this.#inner = channel.port2;
    expose(api, this.#inner);
  }

  postMessage(message: unknown, transfer: Transferable[] = []): void {
    if (!this.terminated) this.#port.postMessage(message, transfer);
  }

  addEventListener(type: string, listener: Listener): void {
    if (type === 'error') this.#errors.push(listener);
    else this.#port.addEventListener(type, listener as EventListener);
    this.#port.start();
  }

  removeEventListener(type: string, listener: Listener): void {
    if (type !== 'error') this.#port.removeEventListener(type, listener as EventListener);
  }

  terminate(): void {
    this.terminated = true;
    this.#port.close();
    this.#inner.close();
  }

  crash(message: string): void {
    for (const l of this.#errors) l({ message, preventDefault: () => undefined });
    this.terminate();
  }
}

export interface ScriptedModel {
  /** Tokens each reply streams, one event each. */
  tokens: string[];
  /** Milliseconds between tokens. */
  gapMs: number;
  /** The worker clock is this far from the page's, so re-stamping shows. */
  clockSkewMs?: number;
  /** Text of an error the runtime throws mid-reply (e.g. "DeviceLostError: ..."). */
  failWith?: string;
  /** Loading never ends (until the page terminates the worker). */
  hangLoad?: boolean;
}

/** The worker side of an on-device runtime, scripted: load with progress, generate, interrupt. */
export function scriptedWorkerApi(model: ScriptedModel): OnDeviceWorkerApi<unknown> & { generating: number } {
  let interrupted = false;
  const skew = model.clockSkewMs ?? 0;
  const now = () => performance.now() + skew;
  const api = {
    generating: 0,
    async load(_opts: unknown, onProgress: (p: LoadProgress) => Delivery): Promise<Result<LoadReport>> {
      await onProgress({ phase: 'downloading', fraction: 0.5, loadedBytes: 5, totalBytes: 10, text: 'half' });
      if (model.hangLoad) await new Promise(() => undefined);
      await onProgress({ phase: 'ready', fraction: 1, text: 'ready' });
      return { ok: true, value: { loadMs: 3, warmupMs: 1, device: 'wasm', detail: {} } };
    },
    async generate(_req: ChatRequest, onEvent: (e: ChatEvent) => Delivery): Promise<void> {
      api.generating++;
      interrupted = false;
      let last: Delivery = undefined;
      let n = 0;
      for (const text of model.tokens) {
        if (interrupted) break;
        if (model.failWith && n === 2) {
          // As the real workers do: the runtime's text, categorised inside the worker.
          last = onEvent({ type: 'error', error: toAppError(model.failWith), t: now() });
          break;
        }
        await new Promise((r) => setTimeout(r, model.gapMs));
        last = onEvent({ type: 'content', text, t: now() });
        n++;
      }
      if (!model.failWith) {
        onEvent({
          type: 'usage',
          usage: { prompt_tokens: 4, completion_tokens: n, total_tokens: 4 + n },
          t: now(),
        });
        last = onEvent({ type: 'done', finishReason: interrupted ? 'abort' : 'stop', t: now() });
      }
      await last;
      api.generating--;
    },
    interrupt(): void {
      interrupted = true;
    },
    async unload(): Promise<void> {},
    timeOrigin: () => performance.timeOrigin,
  };
  return api;
}

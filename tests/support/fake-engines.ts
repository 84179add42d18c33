import type { AppError, ChatEngine, ChatEvent, ChatRequest, EngineInfo } from '../../src/core/engine-types';
import { KeyedLimiter } from '../../src/core/limiter';
import type { Price } from '../../src/core/prices';
import { schedulerKey, type Target } from '../../src/core/target';
import type { Acquired, Engines } from '../../src/state/engine-hub';
import type { Holder } from '../../src/state/ondevice-pool.svelte';

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });

export interface FakeBehaviour {
  /** What every reply says. */
  reply?: string;
  /** How long a reply takes. */
  delayMs?: number;
  /** The target cannot be had: its load or endpoint fails with this. */
  acquireError?: AppError;
  /** Every reply ends with this error after its text. */
  replyError?: AppError;
  /** Requests at once (endpoints); on-device targets always take one. */
  concurrency?: number;
}

/** A model that answers with fixed text after a delay, speaking the real event contract. */
export class FakeEngine implements ChatEngine {
  readonly requests: ChatRequest[] = [];
  /** Generations running right now, and the most seen at once. */
  active = 0;
  peak = 0;

  constructor(
    readonly info: EngineInfo,
    private readonly behaviour: FakeBehaviour,
  ) {}

  async *chat(req: ChatRequest, signal: AbortSignal): AsyncGenerator<ChatEvent> {
    this.requests.push(req);
    this.active++;
    this.peak = Math.max(this.peak, this.active);
    try {
      const now = () => performance.now();
      await sleep(this.behaviour.delayMs ?? 20, signal);
      if (signal.aborted) return yield { type: 'done', finishReason: 'abort', t: now() };
      const text = this.behaviour.reply ?? 'ok';
      yield { type: 'content', text, t: now() };
      if (this.behaviour.replyError)
        return yield { type: 'error', error: this.behaviour.replyError, t: now() };
      yield { type: 'usage', usage: { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 }, t: now() };
      yield { type: 'done', finishReason: 'stop', t: now() };
    } finally {
      this.active--;
    }
  }
}

/**
 * The engines a screen sees, faked per target, on the app's real scheduler (one
 * generation per on-device worker, an endpoint's requests at once).
 */
export class FakeHub implements Engines {
  readonly webgpu = true;
  readonly engines = new Map<string, FakeEngine>();
  readonly held: Record<Holder, Target[]> = { runs: [], playground: [] };
  readonly dropped: Target[] = [];
  readonly #limiter = new KeyedLimiter();
  readonly #used = new Set<string>();

  constructor(private readonly behaviour: (target: Target) => FakeBehaviour = () => ({})) {}

  engine(target: Target): FakeEngine {
    const key = JSON.stringify(target);
    let engine = this.engines.get(key);
    if (!engine) {
      engine = new FakeEngine(this.info(target), this.behaviour(target));
      this.engines.set(key, engine);
    }
    return engine;
  }

  label(target: Target): string {
    return target.kind === 'remote' ? `${target.model} · fake` : `${target.modelKey} · ${target.device}`;
  }

  info(target: Target): EngineInfo {
    return target.kind === 'remote'
      ? { runtime: 'remote', modelId: target.model, where: `${target.endpointId}.example` }
      : { runtime: 'webllm', modelId: target.modelKey.replace(/^webllm:/, ''), where: target.device };
  }

  price(target: Target): Price | null {
    return target.kind === 'remote'
      ? {
          provider: 'custom',
          model: target.model,
          currency: 'USD',
          inputPerM: 1,
          cachedInputPerM: null,
          outputPerM: 2,
          asOf: '2026-12-01',
          source: 'test',
        }
      : null;
  }

  concurrency(target: Target): number {
    return target.kind === 'remote' ? (this.behaviour(target).concurrency ?? 4) : 1;
  }

  async acquire(target: Target, signal: AbortSignal): Promise<Acquired> {
    if (signal.aborted) return { aborted: true };
    const failure = this.behaviour(target).acquireError;
    if (failure) return { error: failure };
    const key = schedulerKey(target);
    const cold = target.kind === 'ondevice' && !this.#used.has(key);
    this.#used.add(key);
    return { engine: this.engine(target), cold };
  }

  preload(target: Target, signal: AbortSignal): Promise<Acquired> {
    return this.acquire(target, signal);
  }

  run<T>(target: Target, signal: AbortSignal, work: () => Promise<T>): Promise<T> {
    return this.#limiter.run(schedulerKey(target), this.concurrency(target), work, signal);
  }

  drop(target: Target): void {
    this.dropped.push(target);
    this.#used.delete(schedulerKey(target));
  }

  hold(holder: Holder, targets: readonly Target[]): void {
    this.held[holder] = [...targets];
  }
}

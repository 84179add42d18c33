import { onDeviceBlocker } from '../catalog/catalog';
import { DEFAULT_ENDPOINT_CONCURRENCY } from '../core/endpoint';
import type { AppError, ChatEngine, EngineInfo } from '../core/engine-types';
import { appError } from '../core/error-catalog';
import { KeyedLimiter } from '../core/limiter';
import { ANY_PROVIDER, type Price } from '../core/prices';
import { schedulerKey, type Target } from '../core/target';
import type { DeviceState } from './device.svelte';
import type { DownloadConsent } from './download-consent.svelte';
import type { EndpointsState } from './endpoints.svelte';
import type { ModelsState } from './models.svelte';
import { OnDevicePool, type Holder, type LoadSlot } from './ondevice-pool.svelte';
import type { PricesState } from './prices.svelte';

/** `cold`: the first generation on a freshly loaded on-device model (caches and kernels still warming). */
export type Acquired = { engine: ChatEngine; cold: boolean } | { error: AppError } | { aborted: true };

/** What a run needs of the engines: the hub, or a fake of it in tests. */
export interface RunEngines {
  /** The engine for a target, loading an on-device model first (its slot shows progress). */
  acquire(target: Target, signal: AbortSignal, onLoad?: (slot: LoadSlot | null) => void): Promise<Acquired>;
  /** Runs work when the target's worker or endpoint has a free slot. */
  run<T>(target: Target, signal: AbortSignal, work: () => Promise<T>): Promise<T>;
  /** How many generations may run at once for this target. */
  concurrency(target: Target): number;
  price(target: Target): Price | null;
  /** Who answers for a target, also when its engine never started. */
  info(target: Target): EngineInfo;
  /** Unloads a model whose worker died, so the next run starts a fresh one. */
  drop(target: Target): void;
}

/** What the screens need of the engines beyond a run's: names, and which models to keep loaded. */
export interface Engines extends RunEngines {
  readonly webgpu: boolean;
  label(target: Target): string;
  /** Loads a target's model without handing out its first (cold) generation. */
  preload(target: Target, signal: AbortSignal, onLoad?: (slot: LoadSlot | null) => void): Promise<Acquired>;
  hold(holder: Holder, targets: readonly Target[]): void;
}

/**
 * The engines every screen runs, and the one scheduler they share: an on-device worker
 * runs one generation at a time (whichever screen asks), an endpoint up to its "requests
 * at once".
 */
export class EngineHub implements Engines {
  readonly #limiter = new KeyedLimiter();
  readonly #pool: OnDevicePool;

  constructor(
    private readonly device: DeviceState,
    private readonly models: ModelsState,
    private readonly endpoints: EndpointsState,
    private readonly prices: PricesState,
    /** Asks before a run downloads a model; absent, nothing is asked (tests, the Playground's own Load). */
    private readonly consent: DownloadConsent | null = null,
  ) {
    this.#pool = new OnDevicePool(() => {
      const gpu = device.report?.webgpu;
      return gpu?.available === true && gpu.adapter.shaderF16;
    });
  }

  /** Whether this browser has a WebGPU adapter (false until the device probe says so). */
  get webgpu(): boolean {
    return this.device.report?.webgpu.available === true;
  }

  label(target: Target): string {
    if (target.kind === 'remote') {
      const endpoint = this.endpoints.byId(target.endpointId);
      return `${target.model} · ${endpoint?.name ?? 'removed endpoint'}`;
    }
    const model = this.models.find(target.modelKey);
    return `${model?.entry.label ?? target.modelKey} · ${target.device === 'webgpu' ? 'WebGPU' : 'WASM'}`;
  }

  info(target: Target): EngineInfo {
    if (target.kind === 'remote') {
      const base = this.endpoints.byId(target.endpointId)?.baseUrl;
      return {
        runtime: 'remote',
        modelId: target.model,
        where: base ? new URL(base).host : target.endpointId,
      };
    }
    const entry = this.models.find(target.modelKey)?.entry;
    if (entry) return { runtime: entry.runtime, modelId: entry.modelId, where: target.device };
    // A model gone from the catalog: its key still says which runtime and model it was.
    const [kind = '', ...id] = target.modelKey.split(':');
    return {
      runtime: kind.endsWith('webllm') ? 'webllm' : 'transformers',
      modelId: id.join(':') || target.modelKey,
      where: target.device,
    };
  }

  /** Remote prices from the table, for the endpoint's provider; on-device generation has no per-token price. */
  price(target: Target): Price | null {
    if (target.kind !== 'remote') return null;
    const provider = this.endpoints.byId(target.endpointId)?.presetId ?? ANY_PROVIDER;
    return this.prices.find(provider, target.model);
  }

  acquire(target: Target, signal: AbortSignal, onLoad?: (slot: LoadSlot | null) => void): Promise<Acquired> {
    return this.#acquire(target, signal, onLoad, true);
  }

  /** Loads a target's model without handing out its first (cold) generation: the Playground's Load. */
  preload(target: Target, signal: AbortSignal, onLoad?: (slot: LoadSlot | null) => void): Promise<Acquired> {
    return this.#acquire(target, signal, onLoad, false);
  }

  async #acquire(
    target: Target,
    signal: AbortSignal,
    onLoad: ((slot: LoadSlot | null) => void) | undefined,
    claim: boolean,
  ): Promise<Acquired> {
    if (target.kind === 'remote') {
      const engine = this.endpoints.engine(target.endpointId, target.model);
      return engine
        ? { engine, cold: false }
        : { error: appError('endpoint-removed', {}, target.endpointId) };
    }
    const playable = this.models.find(target.modelKey);
    if (!playable) return { error: appError('not-in-catalog', {}, target.modelKey) };
    // Refused before any download when this device cannot run it.
    const blocker = onDeviceBlocker(playable, this.device.report);
    if (blocker) return { error: blocker };
    const key = schedulerKey(target);
    // A run asks before it downloads; the Playground's Load is the user's own ask.
    if (claim && this.consent && !this.#pool.has(key)) {
      const consent = await this.consent.confirm(playable);
      if (signal.aborted) return { aborted: true };
      if (consent === 'declined') return { error: appError('download-declined', {}, playable.entry.label) };
      if (consent === 'offline')
        return {
          error: appError(
            'offline',
            {},
            `${playable.entry.label} is not in this browser and there is no network to download it`,
          ),
        };
    }
    const slot = this.#pool.slot(key, playable, target.device);
    onLoad?.(slot);
    try {
      await this.#pool.ready(slot, signal);
      onLoad?.(null);
      const cold = !slot.used;
      if (claim) slot.used = true;
      return { engine: slot.engine, cold };
    } catch {
      if (signal.aborted) return { aborted: true };
      return { error: slot.error ?? appError('engine-error', {}, 'The model did not load.') };
    }
  }

  run<T>(target: Target, signal: AbortSignal, work: () => Promise<T>): Promise<T> {
    return this.#limiter.run(schedulerKey(target), this.concurrency(target), work, signal);
  }

  concurrency(target: Target): number {
    return target.kind === 'remote'
      ? (this.endpoints.byId(target.endpointId)?.concurrency ?? DEFAULT_ENDPOINT_CONCURRENCY)
      : 1;
  }

  drop(target: Target): void {
    this.#pool.drop(schedulerKey(target));
  }

  /** What a holder keeps loaded from now on; on-device models no holder runs are unloaded. */
  hold(holder: Holder, targets: readonly Target[]): void {
    this.#pool.hold(holder, targets.filter((t) => t.kind === 'ondevice').map(schedulerKey));
  }
}

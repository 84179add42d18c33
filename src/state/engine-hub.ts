import { onDeviceBlocker } from '../catalog/catalog';
import { schedulerKey, type Target } from '../core/target';
import { DEFAULT_ENDPOINT_CONCURRENCY } from '../core/endpoint';
import { appError } from '../core/error-catalog';
import type { AppError, ChatEngine } from '../core/engine-types';
import { KeyedLimiter } from '../core/limiter';
import type { Price } from '../core/prices';
import type { DeviceState } from './device.svelte';
import type { EndpointsState } from './endpoints.svelte';
import type { ModelsState } from './models.svelte';
import { OnDevicePool, type LoadSlot } from './ondevice-pool.svelte';
import type { PricesState } from './prices.svelte';

/** `cold`: the first generation on a freshly loaded on-device model (caches and kernels still warming). */
export type Acquired = { engine: ChatEngine; cold: boolean } | { error: AppError } | { aborted: true };

/**
 * The engines the Compare and Evaluate screens run, and the one scheduler they share: an
 * on-device worker runs one generation at a time (whichever screen asks), an endpoint up
 * to its "requests at once".
 */
export class EngineHub {
  readonly #limiter = new KeyedLimiter();
  readonly #pool: OnDevicePool;

  constructor(
    private readonly device: DeviceState,
    private readonly models: ModelsState,
    private readonly endpoints: EndpointsState,
    private readonly prices: PricesState,
  ) {
    this.#pool = new OnDevicePool(device);
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

  /** Remote prices from the table; on-device generation has no per-token price. */
  price(target: Target): Price | null {
    return target.kind === 'remote' ? this.prices.find(target.model) : null;
  }

  /** The engine for a target, loading an on-device model first (its slot shows progress). */
  async acquire(
    target: Target,
    signal: AbortSignal,
    onLoad?: (slot: LoadSlot | null) => void,
  ): Promise<Acquired> {
    if (target.kind === 'remote') {
      const engine = this.endpoints.engine(target.endpointId, target.model);
      return engine
        ? { engine, cold: false }
        : { error: appError('endpoint-removed', {}, `endpoint ${target.endpointId}`) };
    }
    const playable = this.models.find(target.modelKey);
    if (!playable) return { error: appError('not-in-catalog', {}, target.modelKey) };
    // Refused before any download when this device cannot run it.
    const blocker = onDeviceBlocker(playable, this.device.report);
    if (blocker) return { error: blocker };
    const slot = this.#pool.slot(schedulerKey(target), playable, target.device);
    onLoad?.(slot);
    try {
      await this.#pool.ready(slot, signal);
      onLoad?.(null);
      const cold = !slot.used;
      slot.used = true;
      return { engine: slot.engine, cold };
    } catch {
      if (signal.aborted) return { aborted: true };
      return { error: slot.error ?? appError('engine-error', {}, 'The model did not load.') };
    }
  }

  /** Runs work when the target's worker or endpoint has a free slot. */
  run<T>(target: Target, signal: AbortSignal, work: () => Promise<T>): Promise<T> {
    return this.#limiter.run(schedulerKey(target), this.concurrency(target), work, signal);
  }

  /** How many generations may run at once for this target. */
  concurrency(target: Target): number {
    return target.kind === 'remote'
      ? (this.endpoints.byId(target.endpointId)?.concurrency ?? DEFAULT_ENDPOINT_CONCURRENCY)
      : 1;
  }

  /** Unloads a model whose worker died, so the next run starts a fresh one. */
  drop(target: Target): void {
    this.#pool.drop(schedulerKey(target));
  }

  /** Unloads the on-device models none of these targets runs. */
  keepOnly(targets: readonly Target[]): void {
    this.#pool.keepOnly(targets.map(schedulerKey));
  }
}

import type { Playable } from '../catalog/catalog';
import { toAppError } from '../core/engine-errors';
import type { AppError, ChatEngine, ComputeDevice, LoadProgress } from '../core/engine-types';
import { createOnDeviceEngine } from '../engines/ondevice-factory';

/** An on-device engine as the pool keeps it: loadable and unloadable. */
export type PooledEngine = ChatEngine & Required<Pick<ChatEngine, 'load' | 'unload'>>;

/** Makes the engine of one model on one device (its worker starts at the first call). */
export type EngineFactory = (p: Playable, device: ComputeDevice, shaderF16: boolean) => PooledEngine;

/** One on-device model in its worker, shared by every pane that runs it on that device. */
export class LoadSlot {
  readonly engine: PooledEngine;
  status = $state<'idle' | 'loading' | 'ready' | 'error'>('idle');
  progress = $state.raw<LoadProgress | null>(null);
  error = $state.raw<AppError | null>(null);
  readonly abort = new AbortController();
  loading: Promise<void> | null = null;
  waiters = 0;
  /** Whether a generation has been handed this engine since it loaded. */
  used = false;
  /** Page-side wall time of the whole load, warm-up included. */
  loadWallMs: number | null = null;

  constructor(engine: PooledEngine) {
    this.engine = engine;
  }
}

/** Who keeps models loaded: the measuring screens (the last run's set-up) and the Playground. */
export type Holder = 'runs' | 'playground';

/**
 * The on-device engines every screen runs, loaded once and kept warm: a model open in the
 * Playground and in Compare is one worker, one copy in GPU memory. A model stays loaded
 * while some holder holds it.
 */
export class OnDevicePool {
  readonly #slots: Record<string, LoadSlot> = {};
  readonly #held: Record<Holder, readonly string[]> = { runs: [], playground: [] };

  constructor(
    /** Whether the GPU has shader-f16, asked when a model is first loaded. */
    private readonly shaderF16: () => boolean,
    private readonly create: EngineFactory = createOnDeviceEngine,
  ) {}

  slot(key: string, playable: Playable, device: ComputeDevice): LoadSlot {
    let slot = this.#slots[key];
    if (!slot || slot.status === 'error') {
      slot = new LoadSlot(this.create(playable, device, this.shaderF16()));
      this.#slots[key] = slot;
    }
    return slot;
  }

  /** Whether this model is loaded or loading already (nothing new to download for it). */
  has(key: string): boolean {
    const slot = this.#slots[key];
    return slot !== undefined && (slot.status === 'ready' || slot.status === 'loading');
  }

  /** Waits until the slot's model is loaded, starting the load if nobody has. */
  async ready(slot: LoadSlot, signal: AbortSignal): Promise<void> {
    if (slot.status === 'ready') return;
    slot.loading ??= this.#load(slot);
    slot.waiters++;
    const onAbort = () => {
      // Nobody else waits for this model: stop downloading it.
      if (--slot.waiters === 0 && slot.status === 'loading') slot.abort.abort();
    };
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      await Promise.race([slot.loading, aborted(signal)]);
    } finally {
      signal.removeEventListener('abort', onAbort);
      if (!signal.aborted) slot.waiters--;
    }
  }

  async #load(slot: LoadSlot): Promise<void> {
    slot.status = 'loading';
    slot.progress = { phase: 'initialising', fraction: null, text: 'Starting the model worker' };
    const start = performance.now();
    try {
      await slot.engine.load((p) => (slot.progress = p), slot.abort.signal);
      slot.loadWallMs = performance.now() - start;
      slot.status = 'ready';
    } catch (e) {
      slot.error = toAppError(e);
      slot.status = 'error';
      for (const [key, s] of Object.entries(this.#slots)) if (s === slot) delete this.#slots[key];
      void slot.engine.unload();
      throw e;
    }
  }

  /** Unloads a model whose worker died, so the next run starts a fresh one. */
  drop(key: string): void {
    const slot = this.#slots[key];
    delete this.#slots[key];
    void slot?.engine.unload();
  }

  /** What this holder keeps loaded from now on; models nobody holds are unloaded. */
  hold(holder: Holder, keys: readonly string[]): void {
    this.#held[holder] = keys;
    const held = Object.values(this.#held).flat();
    for (const key of Object.keys(this.#slots)) if (!held.includes(key)) this.drop(key);
  }
}

function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    const fail = () => reject(new DOMException('Stopped', 'AbortError'));
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });
}

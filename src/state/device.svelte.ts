import { getContext, setContext } from 'svelte';
import type { DeviceReport } from '../core/device';
import { probeDevice, probeStorage, requestPersistentStorage } from '../platform/device-probe';

type Status = 'loading' | 'ready' | 'error';

/** What this browser can do, probed once at start-up and on demand. */
export class DeviceState {
  #status = $state<Status>('loading');
  #report = $state.raw<DeviceReport | null>(null);
  #error = $state<string | null>(null);
  #probed: () => void = () => undefined;
  /** Resolves once the first probe has ended, whatever it found. */
  readonly probed = new Promise<void>((resolve) => (this.#probed = resolve));

  get status(): Status {
    return this.#status;
  }
  get report(): DeviceReport | null {
    return this.#report;
  }
  get error(): string | null {
    return this.#error;
  }

  async refresh(): Promise<void> {
    this.#status = 'loading';
    try {
      this.#report = await probeDevice();
      this.#status = 'ready';
    } catch (e) {
      this.#error = e instanceof Error ? e.message : String(e);
      this.#status = 'error';
    } finally {
      this.#probed();
    }
  }

  /** Asks for persistent storage, then re-reads the storage facts the panel shows. */
  async askPersistence(): Promise<boolean> {
    const granted = await requestPersistentStorage();
    await this.refreshStorage();
    return granted;
  }

  async refreshStorage(): Promise<void> {
    const storage = await probeStorage();
    if (this.#report) this.#report = { ...this.#report, storage };
  }
}

const KEY = Symbol('device');
export const createDeviceState = () => setContext(KEY, new DeviceState());
export const useDeviceState = () => getContext<DeviceState>(KEY);

import { getContext, setContext } from 'svelte';
import type { DeviceReport } from '../core/device';
import { isGpuRoofline, type GpuRoofline } from '../core/roofline';
import { probeDevice, probeStorage, requestPersistentStorage } from '../platform/device-probe';
import type { ProbeStep } from '../platform/roofline-probe';

/** Where the measured roofline is kept between visits: small named values in IndexedDB. */
export interface KeptValues {
  setting(key: string): Promise<unknown>;
  putSetting(key: string, value: unknown): Promise<void>;
}

const ROOFLINE_KEY = 'device.roofline';

type Status = 'loading' | 'ready' | 'error';

/** What this browser can do, probed once at start-up and on demand. */
export class DeviceState {
  #status = $state<Status>('loading');
  #report = $state.raw<DeviceReport | null>(null);
  #error = $state<string | null>(null);
  #probed: () => void = () => undefined;
  #roofline = $state.raw<GpuRoofline | null>(null);
  #measuring = $state<{ step: ProbeStep; done: number; total: number } | null>(null);
  #measureError = $state<string | null>(null);
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
  /** The probe's progress while it runs. */
  get measuring() {
    return this.#measuring;
  }
  get measureError(): string | null {
    return this.#measureError;
  }

  constructor(private readonly kept: KeptValues | null = null) {}

  async refresh(): Promise<void> {
    this.#status = 'loading';
    try {
      const [report, kept] = await Promise.all([probeDevice(), this.#keptRoofline()]);
      this.#roofline ??= kept;
      this.#report = this.#roofline ? { ...report, roofline: this.#roofline } : report;
      this.#status = 'ready';
    } catch (e) {
      this.#error = e instanceof Error ? e.message : String(e);
      this.#status = 'error';
    } finally {
      this.#probed();
    }
  }

  async #keptRoofline(): Promise<GpuRoofline | null> {
    const value = await this.kept?.setting(ROOFLINE_KEY).catch(() => undefined);
    return isGpuRoofline(value) ? value : null;
  }

  /**
   * Runs the bandwidth and compute probe on this GPU and keeps the figures with their date
   * for the next visits. A failure keeps the figures measured before.
   */
  async measureRoofline(): Promise<void> {
    if (this.#measuring) return;
    this.#measureError = null;
    this.#measuring = { step: 'bandwidth', done: 0, total: 1 };
    try {
      const { measureGpuRoofline } = await import('../platform/roofline-probe');
      const roofline = await measureGpuRoofline(
        (step, done, total) => (this.#measuring = { step, done, total }),
      );
      this.#roofline = roofline;
      if (this.#report) this.#report = { ...this.#report, roofline };
      await this.kept?.putSetting(ROOFLINE_KEY, roofline).catch(() => undefined);
    } catch (e) {
      this.#measureError = e instanceof Error ? e.message : String(e);
    } finally {
      this.#measuring = null;
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
export const createDeviceState = (kept: KeptValues | null = null) => setContext(KEY, new DeviceState(kept));
export const useDeviceState = () => getContext<DeviceState>(KEY);

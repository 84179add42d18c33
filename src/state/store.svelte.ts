import { getContext, setContext } from 'svelte';
import { toAppError } from '../core/engine-errors';
import { appError } from '../core/error-catalog';
import type { AppError } from '../core/engine-types';
import { openQwenfitDb } from '../store/db';
import { RunsRepository } from '../store/runs';
import { SettingsRepository } from '../store/settings';
import { SuitesRepository } from '../store/suites';
import { ConfigRepository } from '../store/config';
import { customEntry } from '../catalog/custom-models';
import { requestPersistentStorage } from '../platform/device-probe';

/** The IndexedDB store, opened once at start-up; runs left running become interrupted. */
export class StoreState {
  #status = $state<'opening' | 'ready' | 'error'>('opening');
  #error = $state.raw<AppError | null>(null);
  #interrupted = $state(0);
  #runs: Promise<RunsRepository>;
  #settings: Promise<SettingsRepository>;
  #suites: Promise<SuitesRepository>;
  #config: Promise<ConfigRepository>;
  /** Bumped on every write, so lists re-read. */
  version = $state(0);
  #keepAsked = false;

  constructor() {
    const db = openQwenfitDb();
    this.#settings = db.then((d) => new SettingsRepository(d));
    this.#suites = db.then((d) => new SuitesRepository(d));
    this.#suites.catch(() => undefined);
    this.#settings.catch(() => undefined);
    this.#config = db.then(async (d) => {
      const config = new ConfigRepository(d);
      // Earlier versions kept the configuration in localStorage: move it in, once.
      await config.migrateLegacy(localStorage, (m) => customEntry(m).key).catch(() => false);
      return config;
    });
    this.#config.catch(() => undefined);
    this.#runs = db.then(async (db) => {
      const runs = new RunsRepository(db);
      this.#interrupted = await runs.markInterrupted();
      this.#status = 'ready';
      return runs;
    });
    this.#runs.catch((e: unknown) => {
      this.#error = appError('storage-unavailable', {}, toAppError(e).detail ?? String(e));
      this.#status = 'error';
    });
  }

  get status() {
    return this.#status;
  }
  get error(): AppError | null {
    return this.#error;
  }
  /** How many runs were found interrupted at start-up. */
  get interruptedAtStart(): number {
    return this.#interrupted;
  }

  runs(): Promise<RunsRepository> {
    return this.#runs;
  }

  /**
   * Asks the browser, once a visit, not to evict this origin's data: called as the first
   * measurement is about to be kept, the moment losing it would matter. Chromium decides
   * without a prompt; Firefox asks the user.
   */
  askToKeep(): void {
    if (this.#keepAsked) return;
    this.#keepAsked = true;
    void requestPersistentStorage().catch(() => false);
  }

  /** Endpoints, API keys, custom models and prices, once any localStorage copies moved in. */
  config(): Promise<ConfigRepository> {
    return this.#config;
  }

  /**
   * Reads the stored configuration into a state once it is open. Without a database (or
   * when the read fails) the state keeps its defaults: the app stays usable, unsaved.
   */
  readConfig(read: (config: ConfigRepository) => Promise<void>): Promise<void> {
    return this.#config.then(read).catch(() => undefined);
  }

  suites(): Promise<SuitesRepository> {
    return this.#suites;
  }

  /** The set-up a screen kept last (its configuration and run); nothing without a database. */
  async lastSetup(key: string): Promise<{ config: unknown; runId: string | null }> {
    try {
      const saved = (await (await this.#settings).get(key)) as
        { config?: unknown; runId?: unknown } | undefined;
      return { config: saved?.config, runId: typeof saved?.runId === 'string' ? saved.runId : null };
    } catch {
      return { config: undefined, runId: null };
    }
  }

  /** Keeps a screen's set-up for the next visit; without a database it is only not remembered. */
  async keepSetup(key: string, config: unknown, runId: string | null): Promise<void> {
    try {
      await (await this.#settings).put(key, { config, runId });
    } catch {
      // The screen still works; it just starts afresh next time.
    }
  }

  /** A small value kept between visits (the plans' baseline runs); undefined without a database. */
  async setting(key: string): Promise<unknown> {
    try {
      return await (await this.#settings).get(key);
    } catch {
      return undefined;
    }
  }

  async putSetting(key: string, value: unknown): Promise<void> {
    await (await this.#settings).put(key, value);
  }

  touched(): void {
    this.version++;
  }
}

const KEY = Symbol('store');
export const createStoreState = () => setContext(KEY, new StoreState());
export const useStoreState = () => getContext<StoreState>(KEY);

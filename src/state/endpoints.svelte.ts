import { getContext, setContext } from 'svelte';
import { presetById } from '../catalog/remote-presets';
import type { RemoteEndpoint } from '../core/endpoint';
import { RemoteEngine } from '../engines/remote-engine';

const ENDPOINTS_KEY = 'qwenfit.endpoints.v1';
const KEYS_KEY = 'qwenfit.apiKeys.v1';

function read<T>(storage: Storage, key: string, fallback: T): T {
  try {
    const raw = storage.getItem(key);
    return raw === null ? fallback : (JSON.parse(raw) as T);
  } catch {
    return fallback;
  }
}

/**
 * Remote endpoints and their API keys. Keys live apart from the endpoints, in this
 * browser only (localStorage, or sessionStorage for "this tab only"); they are sent only
 * to their own endpoint and appear in no export, message or URL.
 */
export class EndpointsState {
  #endpoints = $state<RemoteEndpoint[]>(read(localStorage, ENDPOINTS_KEY, []));
  #keyVersion = $state(0);

  get list(): RemoteEndpoint[] {
    return this.#endpoints;
  }

  byId(id: string): RemoteEndpoint | undefined {
    return this.#endpoints.find((e) => e.id === id);
  }

  save(endpoint: RemoteEndpoint): void {
    const others = this.#endpoints.filter((e) => e.id !== endpoint.id);
    this.#endpoints = [...others, endpoint];
    localStorage.setItem(ENDPOINTS_KEY, JSON.stringify(this.#endpoints));
  }

  remove(id: string): void {
    this.forgetKey(id);
    this.#endpoints = this.#endpoints.filter((e) => e.id !== id);
    localStorage.setItem(ENDPOINTS_KEY, JSON.stringify(this.#endpoints));
  }

  /** Where the key is kept: 'browser' (until forgotten), 'tab' (until the tab closes) or none. */
  keyScope(id: string): 'browser' | 'tab' | null {
    void this.#keyVersion;
    if (read<Record<string, string>>(sessionStorage, KEYS_KEY, {})[id]) return 'tab';
    if (read<Record<string, string>>(localStorage, KEYS_KEY, {})[id]) return 'browser';
    return null;
  }

  setKey(id: string, key: string, scope: 'browser' | 'tab'): void {
    this.forgetKey(id);
    const storage = scope === 'tab' ? sessionStorage : localStorage;
    storage.setItem(
      KEYS_KEY,
      JSON.stringify({ ...read<Record<string, string>>(storage, KEYS_KEY, {}), [id]: key }),
    );
    this.#keyVersion++;
  }

  forgetKey(id: string): void {
    for (const storage of [localStorage, sessionStorage]) {
      const keys = read<Record<string, string>>(storage, KEYS_KEY, {});
      if (id in keys) {
        delete keys[id];
        storage.setItem(KEYS_KEY, JSON.stringify(keys));
      }
    }
    this.#keyVersion++;
  }

  #key(id: string): string | null {
    return (
      read<Record<string, string>>(sessionStorage, KEYS_KEY, {})[id] ??
      read<Record<string, string>>(localStorage, KEYS_KEY, {})[id] ??
      null
    );
  }

  engine(id: string, model: string): RemoteEngine | null {
    const endpoint = this.byId(id);
    if (!endpoint) return null;
    return new RemoteEngine(endpoint, model, this.#key(id), presetById(endpoint.presetId).hint);
  }

  /** GET /models with this endpoint's key: the connection check and the model list in one. */
  async testConnection(
    endpoint: RemoteEndpoint,
    key: string | null,
  ): Promise<{ ok: true; models: string[] } | { ok: false; message: string }> {
    const engine = new RemoteEngine(endpoint, '', key);
    return engine.listModels();
  }
}

const KEY = Symbol('endpoints');
export const createEndpointsState = () => setContext(KEY, new EndpointsState());
export const useEndpointsState = () => getContext<EndpointsState>(KEY);

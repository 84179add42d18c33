import { getContext, setContext } from 'svelte';
import { presetById } from '../catalog/remote-presets';
import type { RemoteEndpoint } from '../core/endpoint';
import { RemoteEngine } from '../engines/remote-engine';
import type { StoreState } from './store.svelte';

/** Keys kept "for this tab only" live in sessionStorage, which dies with the tab. */
const TAB_KEYS = 'qwenfit.apiKeys.v1';

function tabKeys(): Record<string, string> {
  try {
    return JSON.parse(sessionStorage.getItem(TAB_KEYS) ?? '{}') as Record<string, string>;
  } catch {
    return {};
  }
}

function writeTabKeys(keys: Record<string, string>): void {
  sessionStorage.setItem(TAB_KEYS, JSON.stringify(keys));
}

/**
 * Remote endpoints and their API keys, in IndexedDB (keys in a store of their own) or, for
 * "this tab only", in sessionStorage. Keys are sent only to their own endpoint and appear
 * in no export, message or URL.
 */
export class EndpointsState {
  readonly #store: StoreState;
  #endpoints = $state<RemoteEndpoint[]>([]);
  #browserKeys = $state<Record<string, string>>({});
  #tabVersion = $state(0);
  /** Resolves once the stored endpoints and keys are read. */
  readonly ready: Promise<void>;

  constructor(store: StoreState) {
    this.#store = store;
    this.ready = store.readConfig(async (config) => {
      const [endpoints, keys] = await Promise.all([config.endpoints(), config.apiKeys()]);
      this.#endpoints = endpoints.sort((a, b) => a.name.localeCompare(b.name));
      this.#browserKeys = keys;
    });
  }

  get list(): RemoteEndpoint[] {
    return this.#endpoints;
  }

  byId(id: string): RemoteEndpoint | undefined {
    return this.#endpoints.find((e) => e.id === id);
  }

  /** Stores the endpoint; the list changes only once the write succeeded. */
  async save(endpoint: RemoteEndpoint): Promise<void> {
    await (await this.#store.config()).putEndpoint($state.snapshot(endpoint) as RemoteEndpoint);
    const others = this.#endpoints.filter((e) => e.id !== endpoint.id);
    this.#endpoints = [...others, endpoint];
  }

  async remove(id: string): Promise<void> {
    await (await this.#store.config()).deleteEndpoint(id);
    this.#forgetTabKey(id);
    this.#endpoints = this.#endpoints.filter((e) => e.id !== id);
    const { [id]: _gone, ...rest } = this.#browserKeys;
    this.#browserKeys = rest;
  }

  /** Where the key is kept: 'browser' (until forgotten), 'tab' (until the tab closes) or none. */
  keyScope(id: string): 'browser' | 'tab' | null {
    void this.#tabVersion;
    if (tabKeys()[id]) return 'tab';
    if (this.#browserKeys[id]) return 'browser';
    return null;
  }

  async setKey(id: string, key: string, scope: 'browser' | 'tab'): Promise<void> {
    await this.forgetKey(id);
    if (scope === 'tab') {
      writeTabKeys({ ...tabKeys(), [id]: key });
      this.#tabVersion++;
      return;
    }
    await (await this.#store.config()).putApiKey(id, key);
    this.#browserKeys = { ...this.#browserKeys, [id]: key };
  }

  async forgetKey(id: string): Promise<void> {
    this.#forgetTabKey(id);
    if (id in this.#browserKeys) {
      await (await this.#store.config()).deleteApiKey(id);
      const { [id]: _gone, ...rest } = this.#browserKeys;
      this.#browserKeys = rest;
    }
  }

  #forgetTabKey(id: string): void {
    const keys = tabKeys();
    if (!(id in keys)) return;
    delete keys[id];
    writeTabKeys(keys);
    this.#tabVersion++;
  }

  #key(id: string): string | null {
    return tabKeys()[id] ?? this.#browserKeys[id] ?? null;
  }

  engine(id: string, model: string): RemoteEngine | null {
    const endpoint = this.byId(id);
    if (!endpoint) return null;
    return new RemoteEngine(endpoint, model, this.#key(id), presetById(endpoint.presetId).hint);
  }

  /**
   * The connection check: GET /models with this key, then a one-token chat with `chatModel`
   * (else the first model listed), since a key may list models and still not be allowed to
   * chat. Without a key given, an edited endpoint's stored key is used. Says what it tested.
   */
  async testConnection(
    endpoint: RemoteEndpoint,
    key: string | null,
    chatModel: string | null,
  ): Promise<{ ok: true; models: string[]; tested: string } | { ok: false; message: string }> {
    const useKey = key ?? this.#key(endpoint.id);
    const hint = presetById(endpoint.presetId).hint;
    const listed = await new RemoteEngine(endpoint, '', useKey, hint).listModels();
    if (!listed.ok) return { ok: false, message: `GET /models failed: ${listed.message}` };
    const model = chatModel ?? listed.models[0] ?? null;
    if (!model)
      return { ok: true, models: listed.models, tested: 'GET /models answered; no model to chat with yet' };
    const failure = await new RemoteEngine(endpoint, model, useKey, hint).probeChat();
    if (failure)
      return {
        ok: false,
        message: `GET /models answered, but a one-token chat with ${model} failed: ${failure.message} ${failure.action}`,
      };
    return {
      ok: true,
      models: listed.models,
      tested: `GET /models answered and a one-token chat with ${model} replied`,
    };
  }
}

const KEY = Symbol('endpoints');
export const createEndpointsState = (store: StoreState) => setContext(KEY, new EndpointsState(store));
export const useEndpointsState = () => getContext<EndpointsState>(KEY);

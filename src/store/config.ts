import type { CustomModel } from '../catalog/custom-models';
import type { RemoteEndpoint } from '../core/endpoint';
import { ANY_PROVIDER, type Price } from '../core/prices';
import type { Db } from './db';

/** Where versions before the IndexedDB store kept the configuration (localStorage). */
export const LEGACY_KEYS = {
  endpoints: 'qwenfit.endpoints.v1',
  apiKeys: 'qwenfit.apiKeys.v1',
  models: 'qwenfit.customModels.v1',
  prices: 'qwenfit.prices.v1',
} as const;

const MIGRATED = 'migrated.localStorage.v1';
/** Set once the user edits the price table: until then the dated defaults show. */
export const PRICES_EDITED = 'prices.edited';

type LegacyStorage = Pick<Storage, 'getItem' | 'removeItem'>;

function readLegacy<T>(storage: LegacyStorage, key: string): T | null {
  try {
    const raw = storage.getItem(key);
    return raw === null ? null : (JSON.parse(raw) as T);
  } catch {
    return null;
  }
}

/** Custom models are stored under the picker key they get. */
export type StoredModel = CustomModel & { key: string };

/** Endpoints, API keys (a store of their own), custom models and prices in IndexedDB. */
export class ConfigRepository {
  constructor(private readonly db: Db) {}

  endpoints(): Promise<RemoteEndpoint[]> {
    return this.db.getAll('endpoints');
  }
  putEndpoint(e: RemoteEndpoint): Promise<string> {
    return this.db.put('endpoints', e);
  }
  /** Removes the endpoint and its key together. */
  async deleteEndpoint(id: string): Promise<void> {
    const tx = this.db.transaction(['endpoints', 'apiKeys'], 'readwrite');
    await Promise.all([
      tx.objectStore('endpoints').delete(id),
      tx.objectStore('apiKeys').delete(id),
      tx.done,
    ]);
  }

  async apiKeys(): Promise<Record<string, string>> {
    return Object.fromEntries((await this.db.getAll('apiKeys')).map((k) => [k.endpointId, k.key]));
  }
  putApiKey(endpointId: string, key: string): Promise<string> {
    return this.db.put('apiKeys', { endpointId, key });
  }
  deleteApiKey(endpointId: string): Promise<void> {
    return this.db.delete('apiKeys', endpointId);
  }

  async models(): Promise<CustomModel[]> {
    return (await this.db.getAll('models')).map(({ key: _key, ...m }) => m as CustomModel);
  }
  putModel(m: StoredModel): Promise<string> {
    return this.db.put('models', m);
  }

  /** The edited price table, or null while the user has not edited it. */
  async prices(): Promise<Price[] | null> {
    const edited = await this.db.get('settings', PRICES_EDITED);
    return edited?.value === true ? this.db.getAll('prices') : null;
  }
  /** Replaces the whole table in one transaction and remembers it was edited. */
  async replacePrices(rows: readonly Price[]): Promise<void> {
    const tx = this.db.transaction(['prices', 'settings'], 'readwrite');
    const prices = tx.objectStore('prices');
    await prices.clear();
    await Promise.all([
      ...rows.map((p) => prices.put(p)),
      tx.objectStore('settings').put({ key: PRICES_EDITED, value: true }),
      tx.done,
    ]);
  }

  /**
   * Moves configuration kept in localStorage by earlier versions into IndexedDB, once, in
   * one transaction; the localStorage copies are removed only after it commits. Per-tab
   * keys (sessionStorage) are not touched: they are meant to die with the tab.
   */
  async migrateLegacy(storage: LegacyStorage, keyOf: (m: CustomModel) => string): Promise<boolean> {
    if ((await this.db.get('settings', MIGRATED))?.value === true) return false;
    const endpoints = readLegacy<RemoteEndpoint[]>(storage, LEGACY_KEYS.endpoints) ?? [];
    const keys = readLegacy<Record<string, string>>(storage, LEGACY_KEYS.apiKeys) ?? {};
    const models = readLegacy<CustomModel[]>(storage, LEGACY_KEYS.models) ?? [];
    // Legacy rows predate prices per provider: they apply to any provider.
    const prices = readLegacy<(Omit<Price, 'provider'> & { provider?: string })[]>(
      storage,
      LEGACY_KEYS.prices,
    );
    const tx = this.db.transaction(['endpoints', 'apiKeys', 'models', 'prices', 'settings'], 'readwrite');
    const writes: Promise<unknown>[] = [
      ...endpoints.map((e) => tx.objectStore('endpoints').put(e)),
      ...Object.entries(keys).map(([endpointId, key]) => tx.objectStore('apiKeys').put({ endpointId, key })),
      ...models.map((m) => tx.objectStore('models').put({ ...m, key: keyOf(m) })),
      tx.objectStore('settings').put({ key: MIGRATED, value: true }),
    ];
    if (prices) {
      writes.push(
        ...prices.map((p) => tx.objectStore('prices').put({ ...p, provider: p.provider ?? ANY_PROVIDER })),
      );
      writes.push(tx.objectStore('settings').put({ key: PRICES_EDITED, value: true }));
    }
    await Promise.all([...writes, tx.done]);
    for (const key of Object.values(LEGACY_KEYS)) storage.removeItem(key);
    return true;
  }
}

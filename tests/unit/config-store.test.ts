import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CustomModel } from '../../src/catalog/custom-models';
import type { RemoteEndpoint } from '../../src/core/endpoint';
import { ANY_PROVIDER, DEFAULT_PRICES, type Price } from '../../src/core/prices';
import { ConfigRepository, LEGACY_KEYS } from '../../src/store/config';
import { openQwenfitDb, type Db } from '../../src/store/db';

let db: Db;
let config: ConfigRepository;

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  db = await openQwenfitDb();
  config = new ConfigRepository(db);
});

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

const endpoint = (id: string): RemoteEndpoint => ({
  id,
  name: `Endpoint ${id}`,
  presetId: 'custom',
  baseUrl: 'http://127.0.0.1:1/v1',
  thinking: 'none',
  useProxy: false,
  connectTimeoutMs: 1000,
  idleTimeoutMs: 1000,
  maxRetries: 0,
  models: ['m'],
});
const model: CustomModel = { kind: 'transformers', label: 'Mine', modelIdOrUrl: 'org/model' } as CustomModel;

describe('config repository', () => {
  it('keeps endpoints and their keys in separate stores, and deletes them together', async () => {
    await config.putEndpoint(endpoint('e1'));
    await config.putApiKey('e1', 'sk-secret');
    expect(JSON.stringify(await db.getAll('endpoints'))).not.toContain('sk-secret');
    expect(await config.apiKeys()).toEqual({ e1: 'sk-secret' });
    await config.deleteEndpoint('e1');
    expect(await config.endpoints()).toEqual([]);
    expect(await config.apiKeys()).toEqual({});
  });

  it('shows no stored prices until the table is edited, then exactly the edited table', async () => {
    expect(await config.prices()).toBeNull();
    await config.replacePrices(DEFAULT_PRICES.slice(0, 2));
    expect(await config.prices()).toHaveLength(2);
    await config.replacePrices([]);
    expect(await config.prices()).toEqual([]);
  });

  it('stores custom models under their picker key and gives them back as they were', async () => {
    await config.putModel({ ...model, key: 'custom:x' });
    expect(await config.models()).toEqual([model]);
  });
});

describe('migration from localStorage', () => {
  it('moves endpoints, keys, models and an edited price table in once, then removes the old copies', async () => {
    const storage = new MemoryStorage();
    storage.items.set(LEGACY_KEYS.endpoints, JSON.stringify([endpoint('e1'), endpoint('e2')]));
    storage.items.set(LEGACY_KEYS.apiKeys, JSON.stringify({ e1: 'sk-one' }));
    storage.items.set(LEGACY_KEYS.models, JSON.stringify([model]));
    // Stored before prices were per provider: no provider field.
    const { provider: _dropped, ...legacyPrice } = DEFAULT_PRICES[0] as Price;
    storage.items.set(LEGACY_KEYS.prices, JSON.stringify([legacyPrice]));
    storage.items.set('unrelated', 'kept');

    expect(await config.migrateLegacy(storage, () => 'custom:mine')).toBe(true);
    expect((await config.endpoints()).map((e) => e.id).sort()).toEqual(['e1', 'e2']);
    expect(await config.apiKeys()).toEqual({ e1: 'sk-one' });
    expect(await config.models()).toEqual([model]);
    expect(await config.prices()).toEqual([{ ...legacyPrice, provider: ANY_PROVIDER }]);
    expect([...storage.items.keys()]).toEqual(['unrelated']);

    // Once only: a later localStorage write by an old tab is not merged over newer data.
    storage.items.set(LEGACY_KEYS.endpoints, JSON.stringify([endpoint('e3')]));
    expect(await config.migrateLegacy(storage, () => 'k')).toBe(false);
    expect(await config.endpoints()).toHaveLength(2);
  });

  it('with nothing to move, leaves the price table at its defaults', async () => {
    expect(await config.migrateLegacy(new MemoryStorage(), () => 'k')).toBe(true);
    expect(await config.prices()).toBeNull();
  });

  it('ignores unreadable old values instead of failing the start-up', async () => {
    const storage = new MemoryStorage();
    storage.items.set(LEGACY_KEYS.endpoints, '{not json');
    expect(await config.migrateLegacy(storage, () => 'k')).toBe(true);
    expect(await config.endpoints()).toEqual([]);
  });
});

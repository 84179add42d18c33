import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { CustomModel } from '../catalog/custom-models';
import type { RemoteEndpoint } from '../core/endpoint';
import { ANY_PROVIDER, type Price } from '../core/prices';
import type { ResultRecord, Run, RunStatus } from '../core/results';
import type { Suite } from '../core/suite';

export const DB_NAME = 'qwenfit';
export const DB_VERSION = 3;

/** The one database: typed stores, versioned upgrades (one case per version). */
export interface QwenfitDB extends DBSchema {
  endpoints: { key: string; value: RemoteEndpoint };
  /** API keys apart from the endpoints, so nothing that reads endpoints can leak a key. */
  apiKeys: { key: string; value: { endpointId: string; key: string } };
  models: { key: string; value: CustomModel & { key: string } };
  /** Keyed by [provider, model]: one model name can cost differently at two providers. */
  prices: { key: [string, string]; value: Price };
  runs: { key: string; value: Run; indexes: { 'by-started': string; 'by-status': RunStatus } };
  results: {
    key: string;
    value: ResultRecord;
    indexes: { 'by-run': string; 'by-model': string; 'by-task': [string, string]; 'by-time': string };
  };
  settings: { key: string; value: { key: string; value: unknown } };
  suites: { key: string; value: Suite; indexes: { 'by-name': string } };
}

export type Db = IDBPDatabase<QwenfitDB>;

/** The database while an upgrade runs: stores can be created only then. */
type Upgrading = IDBPDatabase<QwenfitDB>;
type UpgradeTx = IDBPTransaction<QwenfitDB, StoreNames<QwenfitDB>[], 'versionchange'>;

function toVersion1(db: Upgrading): void {
  db.createObjectStore('endpoints', { keyPath: 'id' });
  db.createObjectStore('apiKeys', { keyPath: 'endpointId' });
  db.createObjectStore('models', { keyPath: 'key' });
  db.createObjectStore('prices', { keyPath: 'model' });
  const runs = db.createObjectStore('runs', { keyPath: 'id' });
  runs.createIndex('by-started', 'startedAt');
  runs.createIndex('by-status', 'status');
  const results = db.createObjectStore('results', { keyPath: 'id' });
  results.createIndex('by-run', 'runId');
  results.createIndex('by-model', 'modelId');
  results.createIndex('by-task', ['runId', 'taskId']);
  results.createIndex('by-time', 'createdAt');
  db.createObjectStore('settings', { keyPath: 'key' });
}

/** Version 2: suites, for the Evaluate screen. */
function toVersion2(db: Upgrading): void {
  db.createObjectStore('suites', { keyPath: 'id' }).createIndex('by-name', 'name');
}

/**
 * Version 3: prices keyed by provider and model. Rows entered before apply to any provider,
 * so nobody's edited table is lost; the store is rebuilt because a key path cannot change.
 */
async function toVersion3(db: Upgrading, tx: UpgradeTx): Promise<void> {
  // Awaiting the versionchange transaction's own requests keeps it active.
  const old = (await tx.objectStore('prices').getAll()) as (Omit<Price, 'provider'> & {
    provider?: string;
  })[];
  db.deleteObjectStore('prices');
  const store = db.createObjectStore('prices', { keyPath: ['provider', 'model'] });
  await Promise.all(old.map((p) => store.put({ ...p, provider: p.provider ?? ANY_PROVIDER })));
}

export function openQwenfitDb(name = DB_NAME): Promise<Db> {
  return openDB<QwenfitDB>(name, DB_VERSION, {
    async upgrade(db, oldVersion, _newVersion, tx) {
      // One step per version, in order: a database at version N runs every step after N.
      const steps: ((d: typeof db, t: UpgradeTx) => void | Promise<void>)[] = [
        toVersion1,
        toVersion2,
        toVersion3,
      ];
      for (const step of steps.slice(oldVersion)) await step(db, tx);
    },
    blocking(_current, _next, event) {
      // Another tab opens a newer version: step aside so its upgrade can run.
      (event.target as IDBDatabase).close();
    },
  });
}

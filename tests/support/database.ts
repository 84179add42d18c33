import type { Page } from '@playwright/test';
import type { ResultRecord, Run } from '../../src/core/results';

/** Every record of the runs and results stores, read straight from the page's IndexedDB. */
export async function readDatabase(page: Page): Promise<{ runs: Run[]; results: ResultRecord[] }> {
  const [runs, results] = await Promise.all([
    readStore<Run>(page, 'runs'),
    readStore<ResultRecord>(page, 'results'),
  ]);
  return { runs, results };
}

/** Every record of one object store of the page's database. */
export function readStore<T>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(async (store) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('qwenfit');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const records = await new Promise<unknown[]>((resolve, reject) => {
      const req = db.transaction(store).objectStore(store).getAll();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    db.close();
    return records;
  }, store) as Promise<T[]>;
}

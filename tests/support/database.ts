import type { Page } from '@playwright/test';
import type { ResultRecord, Run } from '../../src/core/results';

/** Every record of the runs and results stores, read straight from the page's IndexedDB. */
export function readDatabase(page: Page): Promise<{ runs: Run[]; results: ResultRecord[] }> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('qwenfit');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const all = <T>(store: string) =>
      new Promise<T[]>((resolve, reject) => {
        const req = db.transaction(store).objectStore(store).getAll();
        req.onsuccess = () => resolve(req.result as T[]);
        req.onerror = () => reject(req.error);
      });
    const snapshot = { runs: await all<Run>('runs'), results: await all<ResultRecord>('results') };
    db.close();
    return snapshot;
  });
}

import type { Suite } from '../core/suite';
import type { Db } from './db';

/** Suites users wrote or imported; the built-in ones live in code and are never stored. */
export class SuitesRepository {
  constructor(private readonly db: Db) {}

  all(): Promise<Suite[]> {
    return this.db.getAllFromIndex('suites', 'by-name');
  }

  put(suite: Suite): Promise<string> {
    return this.db.put('suites', suite);
  }

  delete(id: string): Promise<void> {
    return this.db.delete('suites', id);
  }
}

import type { Db } from './db';

/** Small named values the screens keep between visits (the last comparison, for one). */
export class SettingsRepository {
  constructor(private readonly db: Db) {}

  async get(key: string): Promise<unknown> {
    return (await this.db.get('settings', key))?.value;
  }

  async put(key: string, value: unknown): Promise<void> {
    await this.db.put('settings', { key, value });
  }
}

/**
 * A suite of representative tasks. The Evaluate screen defines the tasks and graders; the
 * store keeps suites as they are (IndexedDB stores are schemaless), indexed by name.
 */
export interface Suite {
  id: string;
  name: string;
  /** built-in (ships with the app), user (written in the app) or imported (from a file). */
  source: 'built-in' | 'user' | 'imported';
  updatedAt: string;
  tasks: unknown[];
}

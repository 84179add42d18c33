import { getContext, setContext } from 'svelte';
import { BUILTIN_SUITE_IDS, BUILTIN_SUITES } from '../catalog/suites/builtin';
import { toAppError } from '../core/engine-errors';
import { nowIso } from '../core/results';
import type { Suite } from '../core/suite';
import { checked, parseSuiteFile, suiteDamage } from '../core/suite-import';
import { sortOut, type Damage } from '../core/record-check';
import type { StoreState } from './store.svelte';

/** What storing a suite gives: the suite, or why it was refused. */
export type Stored = { ok: true; suite: Suite } | { ok: false; errors: string[] };

/**
 * Every suite a run can use: the built-in ones (in code, never stored) and those written or
 * imported here (in IndexedDB). Evaluate picks from it, History filters and exports by it.
 */
export class SuiteLibrary {
  readonly #store: StoreState;
  #stored = $state.raw<Suite[]>([]);
  #damaged = $state.raw<Damage[]>([]);

  constructor(store: StoreState) {
    this.#store = store;
    // load() keeps a stored suite under a built-in's id out of #stored (it is damaged), so no id is listed twice.
    this.all = $derived([...BUILTIN_SUITES, ...this.#stored]);
  }

  readonly all: Suite[];

  /** Stored suites the app cannot use as they are, and why. */
  get damaged(): Damage[] {
    return this.#damaged;
  }

  find(id: string): Suite | undefined {
    return this.all.find((s) => s.id === id);
  }

  /** Reads the stored suites again; without a database only the built-in ones are listed. */
  async load(): Promise<void> {
    try {
      // A damaged stored suite is never listed (a screen keyed on its tasks would break); it is offered for removal.
      const { ok, damaged } = sortOut<Suite>(await (await this.#store.suites()).all(), (s) =>
        BUILTIN_SUITE_IDS.has((s as Suite).id)
          ? { kind: 'suite', id: (s as Suite).id, why: 'it takes the id of a suite that ships with Qwenfit' }
          : suiteDamage(s),
      );
      this.#stored = ok;
      this.#damaged = damaged;
    } catch {
      this.#stored = [];
      this.#damaged = [];
    }
  }

  /** Imports a suite file (JSON, JSONL or CSV). */
  async import(file: File): Promise<Stored> {
    const result = parseSuiteFile(file.name, await file.text(), nowIso());
    return result.ok ? this.#save(result.suite) : result;
  }

  /** Stores a suite written in the app (JSONL, one task per line). */
  async write(name: string, jsonl: string): Promise<Stored> {
    if (!name.trim()) return { ok: false, errors: ['Give the suite a name.'] };
    const parsed = parseSuiteFile(`${name.trim()}.jsonl`, jsonl, nowIso());
    if (!parsed.ok) return parsed;
    const suite: Suite = {
      ...parsed.suite,
      name: name.trim(),
      source: 'user',
      id: `user-${crypto.randomUUID()}`,
    };
    const again = checked(suite, name);
    return again.ok ? this.#save(suite) : again;
  }

  /** Stores a suite that came inside a plan, after the same checks as an imported one. */
  async keep(suite: Suite): Promise<Stored> {
    if (BUILTIN_SUITE_IDS.has(suite.id))
      return { ok: false, errors: [`The suite id ${suite.id} belongs to a suite that ships with Qwenfit.`] };
    const again = checked(suite, suite.name);
    return again.ok ? this.#save(again.suite) : again;
  }

  async #save(suite: Suite): Promise<Stored> {
    try {
      await (await this.#store.suites()).put(suite);
    } catch (e) {
      return {
        ok: false,
        errors: [`The suite could not be stored in this browser: ${toAppError(e).message}`],
      };
    }
    await this.load();
    return { ok: true, suite };
  }

  async delete(id: string): Promise<void> {
    await (await this.#store.suites()).delete(id);
    await this.load();
  }
}

const KEY = Symbol('suites');
export const provideSuiteLibrary = (library: SuiteLibrary) => setContext(KEY, library);
export const useSuiteLibrary = () => getContext<SuiteLibrary>(KEY);

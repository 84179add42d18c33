import { getContext, setContext } from 'svelte';
import { DEFAULT_PRICES, priceFor, type Price } from '../core/prices';
import type { StoreState } from './store.svelte';

/**
 * The editable, dated price table, in IndexedDB once edited; until then the dated
 * defaults show. Never used as hidden constants: every cost names its price's date.
 */
export class PricesState {
  readonly #store: StoreState;
  #rows = $state<Price[]>(DEFAULT_PRICES);
  readonly ready: Promise<void>;

  constructor(store: StoreState) {
    this.#store = store;
    this.ready = store.readConfig(async (config) => {
      const stored = await config.prices();
      if (stored) this.#rows = sorted(stored);
    });
  }

  get rows(): Price[] {
    return this.#rows;
  }

  find(model: string): Price | null {
    return priceFor(model, this.#rows);
  }

  /** Writes the whole table; it changes on screen only once stored. */
  async #replace(rows: Price[]): Promise<void> {
    await (await this.#store.config()).replacePrices($state.snapshot(rows) as Price[]);
    this.#rows = sorted(rows);
  }

  upsert(price: Price): Promise<void> {
    return this.#replace([...this.#rows.filter((p) => p.model !== price.model), price]);
  }

  remove(model: string): Promise<void> {
    return this.#replace(this.#rows.filter((p) => p.model !== model));
  }
}

function sorted(rows: Price[]): Price[] {
  return [...rows].sort((a, b) => a.model.localeCompare(b.model));
}

const KEY = Symbol('prices');
export const createPricesState = (store: StoreState) => setContext(KEY, new PricesState(store));
export const usePricesState = () => getContext<PricesState>(KEY);

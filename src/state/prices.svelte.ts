import { getContext, setContext } from 'svelte';
import { DEFAULT_PRICES, priceFor, priceKey, type Price } from '../core/prices';
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

  find(provider: string, model: string): Price | null {
    return priceFor(provider, model, this.#rows);
  }

  /** Writes the whole table; it changes on screen only once stored. */
  async #replace(rows: Price[]): Promise<void> {
    await (await this.#store.config()).replacePrices($state.snapshot(rows) as Price[]);
    this.#rows = sorted(rows);
  }

  upsert(price: Price): Promise<void> {
    return this.#replace([...this.#rows.filter((p) => priceKey(p) !== priceKey(price)), price]);
  }

  remove(price: Pick<Price, 'provider' | 'model'>): Promise<void> {
    return this.#replace(this.#rows.filter((p) => priceKey(p) !== priceKey(price)));
  }
}

function sorted(rows: Price[]): Price[] {
  return [...rows].sort((a, b) => a.model.localeCompare(b.model) || a.provider.localeCompare(b.provider));
}

const KEY = Symbol('prices');
export const createPricesState = (store: StoreState) => setContext(KEY, new PricesState(store));
export const usePricesState = () => getContext<PricesState>(KEY);

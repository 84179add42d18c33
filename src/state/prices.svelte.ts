import { getContext, setContext } from 'svelte';
import { DEFAULT_PRICES, priceFor, type Price } from '../core/prices';

const KEY_STORAGE = 'qwenfit.prices.v1';

function stored(): Price[] {
  try {
    const raw = localStorage.getItem(KEY_STORAGE);
    return raw === null ? DEFAULT_PRICES : (JSON.parse(raw) as Price[]);
  } catch {
    return DEFAULT_PRICES;
  }
}

/** The editable, dated price table; seeded with dated defaults, never used as hidden constants. */
export class PricesState {
  #rows = $state<Price[]>(stored());

  get rows(): Price[] {
    return this.#rows;
  }

  find(model: string): Price | null {
    return priceFor(model, this.#rows);
  }

  upsert(price: Price): void {
    this.#rows = [...this.#rows.filter((p) => p.model !== price.model), price].sort((a, b) =>
      a.model.localeCompare(b.model),
    );
    localStorage.setItem(KEY_STORAGE, JSON.stringify(this.#rows));
  }

  remove(model: string): void {
    this.#rows = this.#rows.filter((p) => p.model !== model);
    localStorage.setItem(KEY_STORAGE, JSON.stringify(this.#rows));
  }
}

const KEY = Symbol('prices');
export const createPricesState = () => setContext(KEY, new PricesState());
export const usePricesState = () => getContext<PricesState>(KEY);

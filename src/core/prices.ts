import type { Usage } from './engine-types';

/** One row of the editable price table: per million tokens, in one currency, dated. */
export interface Price {
  model: string;
  currency: 'USD' | 'CNY';
  inputPerM: number;
  cachedInputPerM: number | null;
  outputPerM: number;
  /** The day these figures were read, YYYY-MM-DD. */
  asOf: string;
  source: string;
}

const UNVERIFIED =
  'Third-party copy of Alibaba Model Studio international prices, 0-32K input tier; unverified: check the official pricing page.';

/**
 * Seed prices, dated. They are a starting point to edit, not facts: provider prices change
 * and depend on tiers and modes (shared/reference/anchors.md section 3.3).
 */
export const DEFAULT_PRICES: Price[] = [
  {
    model: 'qwen-turbo',
    currency: 'USD',
    inputPerM: 0.05,
    cachedInputPerM: null,
    outputPerM: 0.2,
    asOf: '2026-11-29',
    source: UNVERIFIED,
  },
  {
    model: 'qwen-plus',
    currency: 'USD',
    inputPerM: 0.4,
    cachedInputPerM: null,
    outputPerM: 1.2,
    asOf: '2026-11-29',
    source: UNVERIFIED,
  },
  {
    model: 'qwen3-max',
    currency: 'USD',
    inputPerM: 1.2,
    cachedInputPerM: null,
    outputPerM: 6,
    asOf: '2026-11-29',
    source: UNVERIFIED,
  },
  {
    model: 'qwen3.5-plus',
    currency: 'USD',
    inputPerM: 0.4,
    cachedInputPerM: null,
    outputPerM: 2.4,
    asOf: '2026-11-29',
    source: UNVERIFIED,
  },
  {
    model: 'qwen3.5-flash',
    currency: 'USD',
    inputPerM: 0.1,
    cachedInputPerM: null,
    outputPerM: 0.4,
    asOf: '2026-11-29',
    source: UNVERIFIED,
  },
];

export function priceFor(model: string, table: readonly Price[]): Price | null {
  return table.find((p) => p.model === model) ?? null;
}

/** Cost of one request from its usage; cached prompt tokens at the cached price when one is set. */
export function costOf(usage: Usage, price: Price): number {
  const cached = Math.min(usage.cached_tokens ?? 0, usage.prompt_tokens);
  const cachedPrice = price.cachedInputPerM ?? price.inputPerM;
  return (
    ((usage.prompt_tokens - cached) * price.inputPerM +
      cached * cachedPrice +
      usage.completion_tokens * price.outputPerM) /
    1e6
  );
}

/** What one reply cost, with the price's date and whether the token counts were estimated. */
export interface Cost {
  value: number;
  currency: string;
  asOf: string;
  estimated: boolean;
  /** provider: the amount the endpoint says it billed; price-table (or absent): tokens x the dated table. */
  source?: 'provider' | 'price-table';
  /** With a provider's amount: what the price table would have said. */
  tableValue?: number;
}

/**
 * What a reply cost: the provider's billed amount when it reports one (preferred: it is
 * the bill), with the table's figure kept beside it; else tokens x the dated price table.
 */
export function replyCost(
  usage: Usage,
  price: Price | null,
  today = new Date().toISOString().slice(0, 10),
): Cost | null {
  const table = price ? costOf(usage, price) : null;
  if (usage.cost !== undefined)
    return {
      value: usage.cost,
      currency: 'USD',
      asOf: today,
      estimated: false,
      source: 'provider',
      ...(table !== null && price?.currency === 'USD' ? { tableValue: table } : {}),
    };
  if (!price || table === null) return null;
  return { value: table, currency: price.currency, asOf: price.asOf, estimated: usage.estimated === true };
}

export type ParsedPrice = { ok: true; value: Price } | { ok: false; error: string };

/** Validates one edited row of the price table. */
export function parsePrice(input: Record<keyof Price, string>): ParsedPrice {
  const model = input.model.trim();
  if (!model) return { ok: false, error: 'Name the model the price is for.' };
  const num = (s: string) => (s.trim() === '' ? NaN : Number(s));
  const inputPerM = num(input.inputPerM);
  const outputPerM = num(input.outputPerM);
  const cached = input.cachedInputPerM.trim() === '' ? null : num(input.cachedInputPerM);
  if (
    ![inputPerM, outputPerM].every((n) => Number.isFinite(n) && n >= 0) ||
    (cached !== null && !(Number.isFinite(cached) && cached >= 0))
  ) {
    return { ok: false, error: 'Prices are numbers per million tokens, zero or more.' };
  }
  if (input.currency !== 'USD' && input.currency !== 'CNY')
    return { ok: false, error: 'The currency is USD or CNY.' };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.asOf.trim()))
    return { ok: false, error: 'Date the price as YYYY-MM-DD.' };
  return {
    ok: true,
    value: {
      model,
      currency: input.currency,
      inputPerM,
      cachedInputPerM: cached,
      outputPerM,
      asOf: input.asOf.trim(),
      source: input.source.trim() || 'entered by hand',
    },
  };
}

import type { Usage } from './engine-types';

/** A price row that applies whatever endpoint serves the model (rows entered before prices were per provider). */
export const ANY_PROVIDER = '*';

/** One row of the editable price table: per million tokens, in one currency, dated. */
export interface Price {
  /** The endpoint preset it is for (dashscope-intl, openrouter, ...), or ANY_PROVIDER. */
  provider: string;
  model: string;
  currency: 'USD' | 'CNY';
  inputPerM: number;
  cachedInputPerM: number | null;
  outputPerM: number;
  /** The day these figures were read, YYYY-MM-DD. */
  asOf: string;
  source: string;
}

const INTL =
  'Third-party copy of Alibaba Model Studio international prices, 0-32K input tier; unverified: check the official pricing page.';
const CN =
  'Mirrored Bailian model JSON (CNY per 1K tokens x 1,000), shortest input tier; unverified: check the console price list.';

function seed(
  provider: string,
  model: string,
  currency: Price['currency'],
  [inputPerM, cachedInputPerM, outputPerM]: [number, number | null, number],
  asOf: string,
  source: string,
): Price {
  return { provider, model, currency, inputPerM, cachedInputPerM, outputPerM, asOf, source };
}

/**
 * Seed prices, dated. They are a starting point to edit, not facts: provider prices change
 * and depend on tiers and modes (shared/reference/anchors.md section 3.3).
 */
export const DEFAULT_PRICES: Price[] = [
  seed('dashscope-intl', 'qwen-turbo', 'USD', [0.05, null, 0.2], '2026-11-29', INTL),
  seed('dashscope-intl', 'qwen-plus', 'USD', [0.4, null, 1.2], '2026-11-29', INTL),
  seed('dashscope-intl', 'qwen3-max', 'USD', [1.2, null, 6], '2026-11-29', INTL),
  seed('dashscope-intl', 'qwen3.5-plus', 'USD', [0.4, null, 2.4], '2026-11-29', INTL),
  seed('dashscope-intl', 'qwen3.5-flash', 'USD', [0.1, null, 0.4], '2026-11-29', INTL),
  seed('dashscope-cn', 'qwen-flash', 'CNY', [0.15, 0.03, 1.5], '2026-12-03', CN),
  seed('dashscope-cn', 'qwen3-max', 'CNY', [2.5, 0.5, 10], '2026-12-03', CN),
];

/** The row for this provider and model; else a row for any provider; the model name must match exactly. */
export function priceFor(provider: string, model: string, table: readonly Price[]): Price | null {
  return (
    table.find((p) => p.provider === provider && p.model === model) ??
    table.find((p) => p.provider === ANY_PROVIDER && p.model === model) ??
    null
  );
}

/** The key a price row is stored and listed under. */
export const priceKey = (p: Pick<Price, 'provider' | 'model'>) => `${p.provider}|${p.model}`;

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
  const provider = input.provider.trim() || ANY_PROVIDER;
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
      provider,
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

import { describe, expect, it } from 'vitest';
import { formatCost } from '../../src/core/format';
import {
  ANY_PROVIDER,
  DEFAULT_PRICES,
  costOf,
  parsePrice,
  priceFor,
  type Price,
} from '../../src/core/prices';

const price: Price = {
  provider: ANY_PROVIDER,
  model: 'm',
  currency: 'USD',
  inputPerM: 0.4,
  cachedInputPerM: 0.08,
  outputPerM: 1.2,
  asOf: '2026-11-29',
  source: 't',
};

describe('prices and cost', () => {
  it('costs a request from usage, cached prompt tokens at the cached price', () => {
    // 1,000 prompt (200 cached) and 500 completion tokens
    const usage = { prompt_tokens: 1000, completion_tokens: 500, total_tokens: 1500, cached_tokens: 200 };
    expect(costOf(usage, price)).toBeCloseTo((800 * 0.4 + 200 * 0.08 + 500 * 1.2) / 1e6, 15);
    expect(costOf({ ...usage, cached_tokens: undefined }, { ...price, cachedInputPerM: null })).toBeCloseTo(
      (1000 * 0.4 + 500 * 1.2) / 1e6,
      15,
    );
  });

  it('dates every seeded price and finds a price by provider and exact model name', () => {
    expect(DEFAULT_PRICES.every((p) => /^\d{4}-\d{2}-\d{2}$/.test(p.asOf) && p.source.length > 0)).toBe(true);
    expect(priceFor('dashscope-intl', 'qwen-plus', DEFAULT_PRICES)?.model).toBe('qwen-plus');
    expect(priceFor('dashscope-intl', 'qwen-plus-latest', DEFAULT_PRICES)).toBeNull();
    // One model name, two providers, two prices (and currencies).
    expect(priceFor('dashscope-intl', 'qwen3-max', DEFAULT_PRICES)).toMatchObject({
      currency: 'USD',
      inputPerM: 1.2,
    });
    expect(priceFor('dashscope-cn', 'qwen3-max', DEFAULT_PRICES)).toMatchObject({
      currency: 'CNY',
      inputPerM: 2.5,
    });
    // A provider's price is not another's: OpenRouter's qwen-plus is not Model Studio's.
    expect(priceFor('openrouter', 'qwen-plus', DEFAULT_PRICES)).toBeNull();
  });

  it("falls back to a row for any provider, and prefers the provider's own row", () => {
    const anyRow: Price = { ...price, model: 'qwen-plus', inputPerM: 9 };
    const table = [...DEFAULT_PRICES, anyRow];
    expect(priceFor('vllm', 'qwen-plus', table)?.inputPerM).toBe(9);
    expect(priceFor('dashscope-intl', 'qwen-plus', table)?.inputPerM).toBe(0.4);
  });

  it('keys each seeded row apart: no two rows for one provider and model', () => {
    const keys = DEFAULT_PRICES.map((p) => `${p.provider}|${p.model}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('validates an edited price row', () => {
    const row = {
      provider: '',
      model: 'x',
      currency: 'USD',
      inputPerM: '1',
      cachedInputPerM: '',
      outputPerM: '2',
      asOf: '2026-11-29',
      source: '',
    };
    expect(parsePrice(row)).toMatchObject({
      ok: true,
      value: { provider: ANY_PROVIDER, cachedInputPerM: null, source: 'entered by hand' },
    });
    expect(parsePrice({ ...row, inputPerM: '-1' }).ok).toBe(false);
    expect(parsePrice({ ...row, outputPerM: '' }).ok).toBe(false);
    expect(parsePrice({ ...row, asOf: 'yesterday' }).ok).toBe(false);
    expect(parsePrice({ ...row, model: ' ' }).ok).toBe(false);
  });

  it('keeps the significant digits of tiny costs', () => {
    expect(formatCost(0.000024, 'USD')).toBe('$0.000024');
    expect(formatCost(0.000123456, 'USD')).toBe('$0.000123');
    expect(formatCost(1.5, 'USD')).toBe('$1.50');
    expect(formatCost(0, 'USD')).toBe('$0.00');
    expect(formatCost(0.0123, 'CNY')).toBe('CN¥0.0123');
  });
});

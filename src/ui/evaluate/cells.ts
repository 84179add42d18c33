import { formatCost } from '../../core/format';

/** A rate as a percentage with one decimal: 0.875 -> "87.5%". */
export const pct = (x: number): string => `${Math.round(x * 1000) / 10}%`;

/** An interval as the tables show it, with its own leading space. */
export const interval = (ci: { low: number; high: number } | null): string =>
  ci ? ` [${pct(ci.low)}–${pct(ci.high)}]` : '';

/** A cost cell: unknown, no success, no API cost, or the amount in its currency. */
export function money(value: number | null, currency: string): string {
  if (value === null) return 'unknown price';
  if (value === Infinity) return 'no success';
  if (value === 0) return 'no API cost';
  return formatCost(value, currency);
}

/** A difference of rates in percentage points, signed: +12, −4. */
export const points = (x: number): string => `${x >= 0 ? '+' : '−'}${Math.abs(Math.round(x * 100))}`;

/** A p-value as the tables show it. */
export const pValue = (p: number): string => (p < 0.001 ? '< 0.001' : p.toFixed(3));

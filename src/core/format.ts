const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

export function formatInteger(n: number): string {
  return integer.format(n);
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const;

/** Binary units, because GPU limits are powers of two and users compare them with VRAM. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return 'unknown';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? integer.format(value) : oneDecimal.format(value)} ${UNITS[unit]}`;
}

export function formatPercent(part: number, whole: number): string {
  if (whole <= 0) return 'unknown';
  return `${oneDecimal.format((100 * part) / whole)}%`;
}

/** Times below 10 s in whole ms, above in seconds with one decimal (UI.md). */
export type DurationUnit = 'ms' | 's';

/** One unit for durations read together (a column, a row): seconds once any of them reaches 10 s. */
export function durationUnit(values: readonly (number | null)[]): DurationUnit {
  return values.some((v) => v !== null && Number.isFinite(v) && v >= 10_000) ? 's' : 'ms';
}

/** A duration in the unit chosen for its column; without the unit where the header carries it. */
export function formatDuration(ms: number | null, unit: DurationUnit, withUnit = true): string {
  if (ms === null || !Number.isFinite(ms)) return '–';
  const figure = unit === 'ms' ? integer.format(ms) : oneDecimal.format(ms / 1000);
  return withUnit ? `${figure} ${unit}` : figure;
}

export function formatMs(ms: number | null): string {
  return formatDuration(ms, durationUnit([ms]));
}

/** A rate to one decimal; `unit` null leaves it to the column header. */
export function formatRate(perSecond: number | null, unit: string | null = 'tokens/s'): string {
  if (perSecond === null || !Number.isFinite(perSecond)) return '–';
  const figure = new Intl.NumberFormat('en-US', {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(perSecond);
  return unit === null ? figure : `${figure} ${unit}`;
}

/** Money with its significant digits kept: $0.000123, not $0.00 (UI.md). */
export function formatCost(value: number, currency: string): string {
  const small = Math.abs(value) > 0 && Math.abs(value) < 0.01;
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency,
    ...(small ? { maximumSignificantDigits: 3 } : { minimumFractionDigits: 2, maximumFractionDigits: 4 }),
  }).format(value);
}

/** A long label shortened from the front: its end (device, endpoint, candidate number) tells items apart. */
export function labelTail(label: string, max: number): string {
  return label.length > max ? `…${label.slice(-(max - 1))}` : label;
}

/** "1 run", "2 runs": a count with its noun. */
export const counted = (n: number, noun: string, plural = `${noun}s`): string =>
  `${integer.format(n)} ${n === 1 ? noun : plural}`;

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
export function formatMs(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '–';
  return ms < 10_000 ? `${integer.format(ms)} ms` : `${oneDecimal.format(ms / 1000)} s`;
}

export function formatRate(perSecond: number | null, unit = 'tokens/s'): string {
  if (perSecond === null || !Number.isFinite(perSecond)) return '–';
  return `${new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(perSecond)} ${unit}`;
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

import { describe, expect, it } from 'vitest';
import { formatBytes, formatInteger, formatPercent, labelTail } from '../../src/core/format';
import { DEFAULT_SCREEN, SCREENS, hashForScreen, screenFromHash } from '../../src/core/screens';

describe('format', () => {
  it('formats bytes in binary units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1,023 B');
    expect(formatBytes(32 * 1024)).toBe('32 KiB');
    expect(formatBytes(1024 ** 3)).toBe('1 GiB');
    expect(formatBytes(1.5 * 1024 ** 2)).toBe('1.5 MiB');
    expect(formatBytes(-1)).toBe('unknown');
  });

  it('formats integers and percentages', () => {
    expect(formatInteger(1234567)).toBe('1,234,567');
    expect(formatPercent(1, 3)).toBe('33.3%');
    expect(formatPercent(1, 0)).toBe('unknown');
  });
});

describe('chart labels', () => {
  it('a long label keeps its end, which tells candidates apart', () => {
    expect(labelTail('Qwen2.5 0.5B · WebGPU (candidate 2)', 20)).toBe('…ebGPU (candidate 2)');
    expect(labelTail('Qwen2.5 0.5B · WebGPU (candidate 2)', 20)).toHaveLength(20);
    expect(labelTail('short', 20)).toBe('short');
  });
});

describe('screens', () => {
  it('reads the screen from the hash and falls back to Compare', () => {
    expect(screenFromHash('#/history')).toBe('history');
    expect(screenFromHash('#/history?run=4')).toBe('history');
    expect(screenFromHash('#models')).toBe('models');
    expect(screenFromHash('')).toBe(DEFAULT_SCREEN);
    expect(screenFromHash('#/nope')).toBe(DEFAULT_SCREEN);
  });

  it('round-trips every screen through its hash', () => {
    for (const s of SCREENS) expect(screenFromHash(hashForScreen(s.id))).toBe(s.id);
  });
});

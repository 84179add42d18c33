import { describe, expect, it } from 'vitest';
import { csvField, resultsCsv } from '../../src/core/csv';
import { RUN, resultFixture } from '../support/result-fixtures';

describe('CSV', () => {
  it('quotes fields with commas, quotes and line breaks', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(12.5)).toBe('12.5');
    // Floating-point noise from sums of times is not a figure.
    expect(csvField(585.0999999996275)).toBe('585.1');
    expect(csvField(0.000123456789012345)).toBe('0.000123456789012');
    expect(csvField(1234567)).toBe('1234567');
  });

  it('defuses model output that a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('+1')).toBe("'+1");
    expect(csvField(-1)).toBe('-1');
  });

  it('writes a header and one row per result with raw numbers', () => {
    const csv = resultsCsv([RUN], [resultFixture({ output: 'Hello, world' })]);
    const [header, row] = csv.trimEnd().split('\r\n');
    expect(header?.split(',')).toContain('ttft_ms');
    expect(row).toContain('Playground · tiny');
    expect(row).toContain(',120,');
    expect(row).toContain('"Hello, world"');
  });
});

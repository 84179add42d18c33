import { describe, expect, it } from 'vitest';
import { trainByteLevelBpe } from '../../scripts/tiny-model/bpe';
import { bytesToUnicode } from '../../scripts/tiny-model/byte-level';

describe('byte-level BPE trainer', () => {
  it('maps all 256 bytes to distinct printable characters', () => {
    const table = bytesToUnicode();
    expect(new Set(table).size).toBe(256);
    expect(table[0x20]).toBe('Ġ');
    expect(table[0x0a]).toBe('Ċ');
    expect(table[0x41]).toBe('A');
  });

  it('merges the most frequent pair first and grows the vocabulary to the target', () => {
    const model = trainByteLevelBpe('aaab aaab aaab cd', 259);
    expect(model.merges[0]).toBe('a a');
    expect(model.vocab.size).toBe(259);
    expect(model.vocab.get('aa')).toBe(256);
  });

  it('never merges across pre-tokenizer boundaries', () => {
    const model = trainByteLevelBpe('ab ab ab ab', 258);
    expect(model.merges).not.toContain('b Ġ');
  });

  it('reports a corpus too small for the vocabulary asked', () => {
    expect(() => trainByteLevelBpe('ab', 300)).toThrow(/corpus too small/);
  });
});

import { PRETOKENIZE_JS, bytesToUnicode } from './byte-level';

export interface BpeModel {
  /** token string -> id; ids 0..255 are the byte tokens in byte order. */
  vocab: Map<string, number>;
  /** merges in rank order, each "left right". */
  merges: string[];
}

/**
 * Trains a byte-level BPE up to `vocabSize` tokens (bytes included) the way Hugging Face tokenizers does: merges never cross
 * pre-tokenizer boundaries, the most frequent pair wins, ties go to the pair seen first
 * in lexical order so the result does not depend on Map iteration quirks.
 */
export function trainByteLevelBpe(corpus: string, vocabSize: number): BpeModel {
  const byteChar = bytesToUnicode();
  const encoder = new TextEncoder();
  const vocab = new Map<string, number>();
  for (let b = 0; b < 256; b++) vocab.set(byteChar[b] as string, b);

  const wordCounts = new Map<string, number>();
  for (const match of corpus.normalize('NFC').matchAll(PRETOKENIZE_JS)) {
    const word = Array.from(encoder.encode(match[0]), (b) => byteChar[b] as string).join('\u0000');
    wordCounts.set(word, (wordCounts.get(word) ?? 0) + 1);
  }
  const words = [...wordCounts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([w, count]) => ({ symbols: w.split('\u0000'), count }));

  const merges: string[] = [];
  while (vocab.size < vocabSize) {
    const pairCounts = new Map<string, number>();
    for (const { symbols, count } of words) {
      for (let i = 0; i + 1 < symbols.length; i++) {
        const key = `${symbols[i]} ${symbols[i + 1]}`;
        pairCounts.set(key, (pairCounts.get(key) ?? 0) + count);
      }
    }
    let best: string | undefined;
    let bestCount = 0;
    for (const [pair, count] of pairCounts) {
      if (count > bestCount || (count === bestCount && best !== undefined && pair < best)) {
        best = pair;
        bestCount = count;
      }
    }
    if (best === undefined) {
      throw new Error(`corpus too small: vocabulary stops at ${vocab.size} of ${vocabSize}`);
    }
    const [left, right] = best.split(' ') as [string, string];
    const merged = left + right;
    merges.push(best);
    if (!vocab.has(merged)) vocab.set(merged, vocab.size);
    for (const word of words) {
      const next: string[] = [];
      const s = word.symbols;
      for (let i = 0; i < s.length; i++) {
        if (i + 1 < s.length && s[i] === left && s[i + 1] === right) {
          next.push(merged);
          i++;
        } else next.push(s[i] as string);
      }
      word.symbols = next;
    }
  }
  return { vocab, merges };
}

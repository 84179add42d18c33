import type { ChatMessage } from '../engine-types';
import { protectedSpans, type Span } from './protect';
import { pick, sample } from './random';

/** One changed word: what was there, what is there now, and by which operation. */
export interface Edit {
  op: NoiseOp;
  from: string;
  to: string;
}

export const NOISE_OPS = [
  'swap',
  'drop',
  'insert',
  'substitute',
  'keyboard',
  'case',
  'punctuation',
  'homoglyph',
  'run-on',
  'width',
] as const;
export type NoiseOp = (typeof NOISE_OPS)[number];

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
/** Latin letters and their Cyrillic look-alikes. */
const HOMOGLYPHS: Record<string, string> = { a: 'а', e: 'е', o: 'о', p: 'р', c: 'с', x: 'х', y: 'у', i: 'і' };
const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;
const FULL_TO_HALF: Record<string, string> = {
  '，': ',',
  '。': '.',
  '？': '?',
  '！': '!',
  '：': ':',
  '；': ';',
};

function neighbour(rnd: () => number, ch: string): string {
  const lower = ch.toLowerCase();
  for (const row of ROWS) {
    const i = row.indexOf(lower);
    if (i < 0) continue;
    const near = [row[i - 1], row[i + 1]].filter((c): c is string => c !== undefined);
    const out = pick(rnd, near);
    return ch === lower ? out : out.toUpperCase();
  }
  return ch;
}

const letterAt = (rnd: () => number, w: string) => {
  const at = [...w].map((c, i) => (/\p{L}/u.test(c) ? i : -1)).filter((i) => i >= 0);
  return at.length ? pick(rnd, at) : -1;
};

/** One edit to one word, the operation chosen among those that change it. */
function edit(rnd: () => number, word: string): Edit {
  const chars = [...word];
  if (CJK.test(word)) {
    // CJK text: full-width and half-width punctuation mixed, as phone keyboards do.
    const to = chars.map((c) => FULL_TO_HALF[c] ?? c).join('');
    const swapped = to !== word ? to : `${word}，`.replace(/，$/, '、');
    return { op: 'width', from: word, to: swapped };
  }
  const ops: NoiseOp[] = ['swap', 'drop', 'insert', 'substitute', 'keyboard', 'case', 'homoglyph'];
  if (/[.,!?;:]$/.test(word)) ops.push('punctuation');
  for (let tries = 0; tries < 8; tries++) {
    const op = pick(rnd, ops);
    const i = letterAt(rnd, word);
    let to = word;
    if (op === 'swap' && chars.length >= 2) {
      const j = Math.min(chars.length - 2, Math.max(0, i));
      to = [...chars.slice(0, j), chars[j + 1], chars[j], ...chars.slice(j + 2)].join('');
    } else if (op === 'drop' && chars.length >= 3 && i >= 0) to = chars.filter((_, k) => k !== i).join('');
    else if (op === 'insert' && i >= 0)
      to = [...chars.slice(0, i), pick(rnd, [...LETTERS]), ...chars.slice(i)].join('');
    else if (op === 'substitute' && i >= 0)
      to = chars.map((c, k) => (k === i ? pick(rnd, [...LETTERS]) : c)).join('');
    else if (op === 'keyboard' && i >= 0)
      to = chars.map((c, k) => (k === i ? neighbour(rnd, c) : c)).join('');
    else if (op === 'case') to = word === word.toLowerCase() ? word.toUpperCase() : word.toLowerCase();
    else if (op === 'punctuation') to = word.replace(/[.,!?;:]+$/, '');
    else if (op === 'homoglyph') {
      const k = chars.findIndex((c) => HOMOGLYPHS[c] !== undefined);
      if (k >= 0) to = chars.map((c, n) => (n === k ? (HOMOGLYPHS[c] as string) : c)).join('');
    }
    if (to !== word) return { op, from: word, to };
  }
  // A word no edit changes (a single letter): double it, a common slip.
  return { op: 'insert', from: word, to: `${word}${word}` };
}

/**
 * Typos and slips in the user's words: `severity` is the share of the eligible words
 * touched (round(severity x eligible), so the share holds within one word). Numbers,
 * quoted literals, bracketed text and every string the grader depends on are protected
 * and never touched. A touched word may run on into the next, speech-to-text style.
 */
export function addNoise(
  messages: readonly ChatMessage[],
  severity: number,
  rnd: () => number,
  protect: readonly string[],
): { messages: ChatMessage[]; edits: Edit[]; eligible: number } {
  const edits: Edit[] = [];
  let eligible = 0;
  const out = messages.map((m) => {
    if (m.role !== 'user') return { ...m };
    const spans: Span[] = protectedSpans(m.content, protect).sort((a, b) => a.start - b.start);
    const parts = m.content.split(/(\s+)/);
    let at = 0;
    const words: number[] = [];
    const offsets = parts.map((p) => {
      const start = at;
      at += p.length;
      return start;
    });
    // One sweep over words and spans, both in text order.
    let s = 0;
    parts.forEach((p, k) => {
      if (k % 2 !== 0 || p === '') return;
      const start = offsets[k] as number;
      const end = start + p.length;
      while (s < spans.length && (spans[s] as Span).end <= start) s++;
      let blocked = false;
      for (let j = s; j < spans.length && (spans[j] as Span).start < end; j++)
        if ((spans[j] as Span).end > start) blocked = true;
      if (!blocked) words.push(k);
    });
    const free = new Set(words);
    eligible += words.length;
    const chosen = new Set(sample(rnd, words, Math.round(severity * words.length)));
    for (const k of chosen) {
      const next = k + 2;
      // Run-on: only into a word that is itself free to change, so no protected text loses its boundary.
      if (rnd() < 0.1 && free.has(next) && !chosen.has(next) && parts[k + 1] === ' ') {
        edits.push({ op: 'run-on', from: `${parts[k]} ${parts[next]}`, to: `${parts[k]}${parts[next]}` });
        parts[k + 1] = '';
        continue;
      }
      const e = edit(rnd, parts[k] as string);
      edits.push(e);
      parts[k] = e.to;
    }
    return { ...m, content: parts.join('') };
  });
  return { messages: out, edits, eligible };
}

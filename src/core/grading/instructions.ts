import type { Instruction } from '../suite';
import { extractJson } from './extract';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** IFEval counts words as runs of word characters (Python's Unicode `\w+`). */
const wordCount = (text: string) => text.match(/[\p{L}\p{N}_]+/gu)?.length ?? 0;
const has = (text: string, word: string) => new RegExp(`\\b${escape(word)}\\b`, 'i').test(text);
const count = (text: string, re: RegExp) => text.match(re)?.length ?? 0;

/** IFEval's JSON rule: one optional ``` fence (```json, ```Json, ```JSON) around valid JSON. */
function fencedJson(text: string): boolean {
  let t = text.trim();
  const opener = ['```json', '```Json', '```JSON', '```'].find((f) => t.startsWith(f));
  if (opener) t = t.slice(opener.length);
  if (t.endsWith('```')) t = t.slice(0, -3);
  try {
    JSON.parse(t.trim());
    return true;
  } catch {
    return false;
  }
}

/** Paragraphs between `***` dividers; an empty one anywhere but the ends breaks the count. */
function dividedParagraphs(text: string): number | null {
  const parts = text.split(/\s?\*\*\*\s?/);
  let n = parts.length;
  for (const [i, part] of parts.entries()) {
    if (part.trim()) continue;
    if (i !== 0 && i !== parts.length - 1) return null;
    n -= 1;
  }
  return n;
}

function highlights(text: string): number {
  const single = (text.match(/\*[^\n*]*\*/g) ?? []).filter((h) => h.replace(/^\*+|\*+$/g, '').trim());
  const double = (text.match(/\*\*[^\n*]*\*\*/g) ?? []).filter((h) => h.slice(2, -2).trim());
  return single.length + double.length;
}

/** Whether the reply follows one verifiable instruction, and what was found when it does not. */
export function checkInstruction(text: string, ins: Instruction): string | null {
  const t = text.trim();
  switch (ins.kind) {
    case 'max-words': {
      const n = wordCount(t);
      return n <= ins.n ? null : `${n} words, at most ${ins.n} asked`;
    }
    case 'min-words': {
      const n = wordCount(t);
      return n >= ins.n ? null : `${n} words, at least ${ins.n} asked`;
    }
    case 'include-keywords': {
      const found = (w: string) => (ins.substring ? t.toLowerCase().includes(w.toLowerCase()) : has(t, w));
      const missing = ins.words.filter((w) => !found(w));
      return missing.length ? `missing ${missing.join(', ')}` : null;
    }
    case 'forbidden-words': {
      const found = ins.words.filter((w) => has(t, w));
      return found.length ? `uses ${found.join(', ')}` : null;
    }
    case 'lowercase':
      return t === t.toLowerCase() ? null : 'not all lowercase';
    case 'uppercase':
      // Like Python's isupper(): a reply with no letters at all is not uppercase.
      return t === t.toUpperCase() && t !== t.toLowerCase() ? null : 'not all uppercase';
    case 'no-commas':
      return t.includes(',') ? 'has a comma' : null;
    case 'starts-with':
      return t.startsWith(ins.text) ? null : `does not start with “${ins.text}”`;
    case 'ends-with':
      return t.endsWith(ins.text) ? null : `does not end with “${ins.text}”`;
    case 'bullet-count': {
      const n = count(t, /^\s*\*[^*].*$/gm) + count(t, /^\s*-.*$/gm);
      return n === ins.n ? null : `${n} bullet points, ${ins.n} asked`;
    }
    case 'paragraph-count': {
      const n = ins.divider ? dividedParagraphs(t) : t.split(/\n\s*\n/).filter((p) => p.trim() !== '').length;
      if (n === null) return 'an empty paragraph between *** dividers';
      return n === ins.n ? null : `${n} paragraphs, ${ins.n} asked`;
    }
    case 'title':
      return (t.match(/<<[^\n]+>>/g) ?? []).some((m) => m.replace(/^<+|>+$/g, '').trim())
        ? null
        : 'no <<title>>';
    case 'json-format': {
      if (ins.fenced) return fencedJson(t) ? null : 'not JSON (a ``` fence allowed)';
      const parsed = extractJson(t);
      return parsed.ok && parsed.clean ? null : 'not a bare JSON reply';
    }
    case 'placeholders': {
      const n = count(t, /\[.*?\]/g);
      return n >= ins.n ? null : `${n} [placeholders], at least ${ins.n} asked`;
    }
    case 'highlights': {
      const n = highlights(t);
      return n >= ins.n ? null : `${n} *highlighted* sections, at least ${ins.n} asked`;
    }
    case 'sections': {
      const n = t.split(new RegExp(`\\s?${escape(ins.text)}\\s?\\d+\\s?`)).length - 1;
      return n >= ins.n ? null : `${n} sections marked “${ins.text} N”, at least ${ins.n} asked`;
    }
    case 'repeat-prompt':
      return t.toLowerCase().startsWith(ins.text.trim().toLowerCase())
        ? null
        : 'does not start by repeating the request';
  }
}

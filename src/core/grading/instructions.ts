import type { Instruction } from '../suite';
import { extractJson } from './extract';

const words = (text: string) => text.split(/\s+/).filter((w) => /\w/.test(w));
const has = (text: string, word: string) =>
  new RegExp(`\\b${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i').test(text);

/** Whether the reply follows one verifiable instruction, and what was found when it does not. */
export function checkInstruction(text: string, ins: Instruction): string | null {
  const t = text.trim();
  switch (ins.kind) {
    case 'max-words':
      return words(t).length <= ins.n ? null : `${words(t).length} words, at most ${ins.n} asked`;
    case 'min-words':
      return words(t).length >= ins.n ? null : `${words(t).length} words, at least ${ins.n} asked`;
    case 'include-keywords': {
      const missing = ins.words.filter((w) => !has(t, w));
      return missing.length ? `missing ${missing.join(', ')}` : null;
    }
    case 'forbidden-words': {
      const found = ins.words.filter((w) => has(t, w));
      return found.length ? `uses ${found.join(', ')}` : null;
    }
    case 'lowercase':
      return t === t.toLowerCase() ? null : 'not all lowercase';
    case 'uppercase':
      return t === t.toUpperCase() ? null : 'not all uppercase';
    case 'no-commas':
      return t.includes(',') ? 'has a comma' : null;
    case 'starts-with':
      return t.startsWith(ins.text) ? null : `does not start with “${ins.text}”`;
    case 'ends-with':
      return t.endsWith(ins.text) ? null : `does not end with “${ins.text}”`;
    case 'bullet-count': {
      const n = t.split('\n').filter((l) => /^\s*[-*•]\s+/.test(l)).length;
      return n === ins.n ? null : `${n} bullet points, ${ins.n} asked`;
    }
    case 'paragraph-count': {
      const n = t.split(/\n\s*\n/).filter((p) => p.trim() !== '').length;
      return n === ins.n ? null : `${n} paragraphs, ${ins.n} asked`;
    }
    case 'title':
      return /<<[^<>\n]+>>/.test(t) ? null : 'no <<title>>';
    case 'json-format': {
      const parsed = extractJson(t);
      return parsed.ok && parsed.clean ? null : 'not a bare JSON reply';
    }
  }
}

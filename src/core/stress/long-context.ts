import type { ChatMessage } from '../engine-types';
import { estimateTokens } from '../workload';
import { sample } from './random';

export type Position = 'start' | 'middle' | 'end';

/**
 * A near-miss of a document: its numbers moved and its title marked superseded, so it
 * reads like the real one and says something else, the hardest kind of distractor.
 */
export function nearMiss(doc: string, rnd: () => number): string {
  const moved = doc.replace(/\d+(?:\.\d+)?/g, (n) => {
    const v = Number(n);
    const shifted = n.includes('.')
      ? (v * (1.5 + rnd())).toFixed(2)
      : String(Math.max(1, Math.round(v * (1.5 + rnd()))));
    return shifted === n ? `${v + 1}` : shifted;
  });
  return `[Superseded draft, not in force]\n${moved}`;
}

/**
 * Pads the last user message with distractor documents until the prompt holds about
 * `targetTokens`, the original content at the start, middle or end of the padding.
 * Distractors come from `corpus` (other tasks' own material) and one near-miss of the
 * task's longest message. `count` measures tokens: the candidate's tokenizer where there
 * is one, else the estimate; the result lands within 5% of the target when the corpus
 * has pieces small enough.
 */
export function padContext(
  messages: readonly ChatMessage[],
  targetTokens: number,
  position: Position,
  corpus: readonly string[],
  rnd: () => number,
  count: (text: string) => number = estimateTokens,
): { messages: ChatMessage[]; added: number; tokens: number } {
  const out = messages.map((m) => ({ ...m }));
  const last = [...out].reverse().find((m) => m.role === 'user');
  if (!last) return { messages: out, added: 0, tokens: 0 };
  const original = last.content;
  const longest = messages.reduce((a, m) => (m.content.length > a.length ? m.content : a), '');
  const pool = [nearMiss(longest, rnd), ...sample(rnd, corpus, corpus.length)].filter((d) => d.trim());
  const docs: string[] = [];
  const frame = (d: readonly string[], from = 0) =>
    d.map((text, i) => `Document ${from + i + 1}:\n${text}`).join('\n\n');
  // Counted piece by piece (documents are apart, so their counts add up), then once whole.
  const piece = (text: string, n: number) => count(`Document ${n}:\n${text}\n\n`);
  let have = out.reduce((n, m) => n + count(m.content), 0);
  const room = targetTokens * 1.02;
  // Whole documents while they fit under the target, then a cut of one to land close to it.
  for (let i = 0; have < targetTokens * 0.98 && i < pool.length * 50; i++) {
    const doc = pool[i % pool.length] as string;
    const cost = piece(doc, docs.length + 1);
    if (have + cost <= room) {
      docs.push(doc);
      have += cost;
      continue;
    }
    // Tokens grow about linearly with words: start from the proportional cut, step back until it fits.
    const words = doc.split(' ');
    let take = Math.floor((words.length * (room - have)) / cost);
    const cutOf = (n: number) => words.slice(0, n).join(' ');
    while (take > 0 && have + piece(cutOf(take), docs.length + 1) > room)
      take -= Math.max(1, Math.ceil(take * 0.02));
    if (take > 0) docs.push(cutOf(take));
    break;
  }
  const block = frame(docs);
  const half = Math.ceil(docs.length / 2);
  last.content =
    position === 'start'
      ? `${original}\n\n${block}`
      : position === 'end'
        ? `${block}\n\n${original}`
        : `${frame(docs.slice(0, half))}\n\n${original}\n\n${frame(docs.slice(half), half)}`;
  return { messages: out, added: docs.length, tokens: out.reduce((n, m) => n + count(m.content), 0) };
}

import { describe, expect, it } from 'vitest';
import { ThinkParser, type ThinkPiece } from '../../src/core/think-parser';

function run(chunks: string[]): ThinkPiece[] {
  const p = new ThinkParser();
  const out = [...chunks.flatMap((c) => p.push(c)), ...p.end()];
  // Merge neighbours so assertions do not depend on chunking.
  return out.reduce<ThinkPiece[]>((acc, piece) => {
    const last = acc[acc.length - 1];
    if (last && last.kind === piece.kind) last.text += piece.text;
    else acc.push({ ...piece });
    return acc;
  }, []);
}

describe('ThinkParser', () => {
  it('splits a Qwen3 reply into reasoning and content', () => {
    expect(run(['<think>\nLet me add.\n</think>\n\nThe answer is 4.'])).toEqual([
      { kind: 'reasoning', text: '\nLet me add.\n' },
      { kind: 'content', text: 'The answer is 4.' },
    ]);
  });

  it('handles tags cut across chunks at every position', () => {
    const text = '<think>plan</think>\n\nanswer';
    for (let cut = 1; cut < text.length; cut++) {
      expect(run([text.slice(0, cut), text.slice(cut)])).toEqual([
        { kind: 'reasoning', text: 'plan' },
        { kind: 'content', text: 'answer' },
      ]);
    }
  });

  it('streams one character at a time', () => {
    expect(run([...'<think>a<b</think>c<d'])).toEqual([
      { kind: 'reasoning', text: 'a<b' },
      { kind: 'content', text: 'c<d' },
    ]);
  });

  it('passes plain content through, including text that looks like a partial tag at the end', () => {
    expect(run(['Hello <thi'])).toEqual([{ kind: 'content', text: 'Hello <thi' }]);
  });

  it('treats an empty think block (thinking off) as no reasoning', () => {
    expect(run(['<think>\n\n</think>\n\nHi'])).toEqual([
      { kind: 'reasoning', text: '\n\n' },
      { kind: 'content', text: 'Hi' },
    ]);
  });

  it('keeps reasoning that never closes (truncated by max_tokens) as reasoning', () => {
    expect(run(['<think>still thinking'])).toEqual([{ kind: 'reasoning', text: 'still thinking' }]);
  });
});

import { describe, expect, it } from 'vitest';
import type { ChatEvent } from '../../src/core/engine-types';
import { TokenStream } from '../../workers/token-stream';

// A toy vocabulary: ids index into pieces; 9 is half of a two-byte character.
const PIECES = ['Hel', 'lo', ' wor', 'ld', '<think>', 'hmm', '</think>', '\n\n', 'STOP', '\u00c3'];
const decode = (ids: number[]) => {
  const text = ids.map((i) => PIECES[i] ?? '').join('');
  return text.replace(/\u00c3$/, '\uFFFD').replace(/\u00c3/g, 'é');
};

function collect(ids: number[], stops: string[] = []) {
  const events: ChatEvent[] = [];
  const s = new TokenStream(decode, (e) => events.push(e), stops);
  let stopped = false;
  for (const id of ids) if (s.push(id)) stopped = true;
  s.finish(stopped ? 'stop' : 'length');
  const text = (type: string) => events.map((e) => (e.type === type && 'text' in e ? e.text : '')).join('');
  return { events, content: text('content'), reasoning: text('reasoning'), stream: s, stopped };
}

describe('TokenStream', () => {
  it('emits each token as its own event with the new text only', () => {
    const { events, content } = collect([0, 1, 2, 3]);
    expect(content).toBe('Hello world');
    expect(events.filter((e) => e.type === 'content')).toHaveLength(4);
    expect(events.at(-1)).toMatchObject({ type: 'done', finishReason: 'length' });
  });

  it('holds back an incomplete character until the next token completes it', () => {
    const { events, content } = collect([0, 9, 1]);
    expect(content).toBe('Helélo');
    expect(events.some((e) => e.type === 'content' && e.text.includes('\uFFFD'))).toBe(false);
  });

  it('splits <think> reasoning from content', () => {
    const { content, reasoning } = collect([4, 5, 6, 7, 0, 1]);
    expect(reasoning).toBe('hmm');
    expect(content).toBe('Hello');
  });

  it('ends at a stop string, never showing it or any part of it', () => {
    const { content, stopped, stream, events } = collect([0, 1, 8, 2], ['STOP']);
    expect(stopped).toBe(true);
    expect(content).toBe('Hello');
    expect(stream.text).toBe('Hello');
    expect(events.some((e) => 'text' in e && e.text.includes('S'))).toBe(false);
    expect(stream.tokenCount).toBe(3);
  });

  it('holds back a possible stop-string prefix and releases it when it is not one', () => {
    const { content } = collect([0, 1, 2], [' wx']);
    expect(content).toBe('Hello wor');
  });

  it('records first and last token times', () => {
    const { stream } = collect([0, 1]);
    expect(stream.firstTokenAt).not.toBeNull();
    expect(stream.lastTokenAt as number).toBeGreaterThanOrEqual(stream.firstTokenAt as number);
  });
});

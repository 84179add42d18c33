import { describe, expect, it } from 'vitest';
import { OpenAIStreamDecoder, type ChatChunk } from '../../src/core/openai-stream';

const delta = (
  d: NonNullable<NonNullable<ChatChunk['choices']>[number]['delta']>,
  finish: string | null = null,
): ChatChunk => ({
  choices: [{ index: 0, delta: d, finish_reason: finish }],
});
const est = () => ({ prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 });

describe('OpenAIStreamDecoder', () => {
  it('emits content and reasoning (both field spellings) with their times', () => {
    const d = new OpenAIStreamDecoder();
    expect(d.push(delta({ reasoning_content: 'a' }), 1)).toEqual([{ type: 'reasoning', text: 'a', t: 1 }]);
    expect(d.push(delta({ reasoning: 'b' }), 2)).toEqual([{ type: 'reasoning', text: 'b', t: 2 }]);
    expect(d.push(delta({ content: 'c' }), 3)).toEqual([{ type: 'content', text: 'c', t: 3 }]);
    expect(d.push(delta({ content: null }, 'stop'), 4)).toEqual([]);
    expect(d.finishReason).toBe('stop');
  });

  it('merges split tool-call arguments by index, parallel calls apart', () => {
    const d = new OpenAIStreamDecoder();
    d.push(delta({ tool_calls: [{ index: 0, id: 'a', function: { name: 'f', arguments: '{"x":' } }] }), 10);
    d.push(delta({ tool_calls: [{ index: 1, id: 'b', function: { name: 'g', arguments: '{}' } }] }), 11);
    d.push(delta({ tool_calls: [{ index: 0, function: { arguments: ' 1}' } }] }), 12);
    d.push(delta({}, 'tool_calls'), 13);
    const end = d.end(20, est);
    expect(end.filter((e) => e.type === 'tool_call')).toEqual([
      { type: 'tool_call', call: { id: 'a', name: 'f', arguments: '{"x": 1}' }, t: 10 },
      { type: 'tool_call', call: { id: 'b', name: 'g', arguments: '{}' }, t: 11 },
    ]);
    expect(d.finishReason).toBe('tool_calls');
  });

  it('starts a new call when an index is reused with another id (Ollama style)', () => {
    const d = new OpenAIStreamDecoder();
    d.push(
      delta({ tool_calls: [{ index: 0, id: 'c1', function: { name: 'w', arguments: '{"c":"P"}' } }] }),
      1,
    );
    d.push(
      delta({ tool_calls: [{ index: 0, id: 'c2', function: { name: 'w', arguments: '{"c":"R"}' } }] }),
      2,
    );
    const calls = d.end(3, est).flatMap((e) => (e.type === 'tool_call' ? [e.call] : []));
    expect(calls.map((c) => [c.id, c.arguments])).toEqual([
      ['c1', '{"c":"P"}'],
      ['c2', '{"c":"R"}'],
    ]);
  });

  it('reports usage from the final chunk, reasoning tokens apart, or an estimate marked so', () => {
    const d = new OpenAIStreamDecoder();
    d.push(
      {
        choices: [],
        usage: {
          prompt_tokens: 5,
          completion_tokens: 7,
          total_tokens: 12,
          completion_tokens_details: { reasoning_tokens: 3 },
        },
      },
      1,
    );
    expect(d.end(2, est)).toEqual([
      {
        type: 'usage',
        usage: { prompt_tokens: 5, completion_tokens: 7, total_tokens: 12 },
        engineStats: { reasoning_tokens: 3 },
        t: 2,
      },
    ]);
    const none = new OpenAIStreamDecoder();
    expect(none.end(2, () => ({ prompt_tokens: 0, completion_tokens: 4, total_tokens: 4 }))).toEqual([
      {
        type: 'usage',
        usage: { prompt_tokens: 0, completion_tokens: 4, total_tokens: 4, estimated: true },
        t: 2,
      },
    ]);
  });

  it('maps unknown finish reasons (content_filter, eos) to stop', () => {
    const d = new OpenAIStreamDecoder();
    d.push(delta({}, 'content_filter'), 1);
    expect(d.finishReason).toBe('stop');
  });
});

import { describe, expect, it } from 'vitest';
import type { AppError, ToolCall } from '../../src/core/engine-types';
import { extractJson, parseTextToolCalls } from '../../src/core/grading/extract';
import { answerNumber, grade, type GradeInput } from '../../src/core/grading/grade';
import { judgeMessages, parseJudgeVerdict } from '../../src/core/grading/judge';
import type { ExpectedCall } from '../../src/core/suite';

const out = (content: string, over: Partial<GradeInput> = {}): GradeInput => ({
  content,
  toolCalls: [],
  finishReason: 'stop',
  error: null,
  ...over,
});
const call = (name: string, args: unknown): ToolCall => ({
  id: name,
  name,
  arguments: typeof args === 'string' ? args : JSON.stringify(args),
});

describe('exact, contains, regex', () => {
  it('exact ignores case and surrounding or repeated whitespace unless asked', () => {
    expect(grade({ type: 'exact', expected: 'Billing' }, out('  billing \n')).pass).toBe(true);
    expect(grade({ type: 'exact', expected: 'Billing', caseSensitive: true }, out('billing')).pass).toBe(
      false,
    );
    expect(grade({ type: 'exact', expected: 'Billing' }, out('Billing.')).failure).toBe('wrong-answer');
  });

  it('contains: any by default, all when asked', () => {
    expect(grade({ type: 'contains', expected: ['refund', 'return'] }, out('We will REFUND you')).pass).toBe(
      true,
    );
    expect(
      grade({ type: 'contains', expected: ['refund', 'return'], all: true }, out('We will refund you')).pass,
    ).toBe(false);
  });

  it('regex with flags', () => {
    expect(
      grade({ type: 'regex', pattern: '^def add\\(', flags: 'm' }, out('Here:\ndef add(a, b):')).pass,
    ).toBe(true);
    expect(grade({ type: 'regex', pattern: '^def add\\(' }, out('Here:\ndef add(a, b):')).pass).toBe(false);
  });
});

describe('numeric', () => {
  it('reads the answer after ####, after "answer is", else the last number; ignores separators and $', () => {
    expect(answerNumber('3 apples + 4 = 7\n#### 7')).toBe(7);
    expect(answerNumber('The answer is $1,234.50, not 12.')).toBe(1234.5);
    expect(answerNumber('First 3, then 5, so 18 in total.')).toBe(18);
    expect(answerNumber('-4 degrees')).toBe(-4);
    expect(answerNumber('no digits here')).toBeNull();
  });

  it('passes within the tolerance, absolute or relative; no number is a format error', () => {
    expect(grade({ type: 'numeric', expected: 18 }, out('So she earns $18 every day.')).pass).toBe(true);
    expect(grade({ type: 'numeric', expected: 0.333, tolerance: 0.001 }, out('about 0.3333')).pass).toBe(
      true,
    );
    expect(
      grade({ type: 'numeric', expected: 1000, tolerance: 0.01, relative: true }, out('1,009')).pass,
    ).toBe(true);
    expect(grade({ type: 'numeric', expected: 18 }, out('It is 17.')).failure).toBe('wrong-answer');
    expect(grade({ type: 'numeric', expected: 18 }, out('eighteen')).failure).toBe('format-error');
  });
});

describe('JSON and JSON Schema', () => {
  const schema = {
    type: 'object',
    required: ['name', 'age'],
    properties: { name: { type: 'string' }, age: { type: 'integer' } },
    additionalProperties: false,
  };

  it('finds JSON inside code fences and trailing prose', () => {
    expect(extractJson('{"a":1}')).toEqual({ ok: true, value: { a: 1 }, clean: true });
    expect(extractJson('Sure!\n```json\n{"a": [1, 2]}\n```\nHope that helps.')).toMatchObject({
      ok: true,
      value: { a: [1, 2] },
      clean: false,
    });
    expect(extractJson('The result is {"a": "b}"} as asked.')).toMatchObject({
      ok: true,
      value: { a: 'b}' },
    });
    expect(extractJson('{"a": 1,}')).toEqual({ ok: false });
  });

  it('checks the schema: wrong types and extra fields fail, fenced JSON passes', () => {
    expect(grade({ type: 'json', schema }, out('```json\n{"name": "Ana", "age": 31}\n```')).pass).toBe(true);
    const wrongType = grade({ type: 'json', schema }, out('{"name": "Ana", "age": "31"}'));
    expect(wrongType).toMatchObject({ pass: false, failure: 'wrong-answer' });
    expect(wrongType.detail).toContain('/age');
    expect(grade({ type: 'json', schema }, out('{"name": "Ana", "age": 31, "x": 1}')).pass).toBe(false);
    expect(grade({ type: 'json', schema }, out('name: Ana, age: 31')).failure).toBe('format-error');
  });

  it('a reply cut off by the token limit is truncated, not a format error', () => {
    expect(
      grade({ type: 'json', schema }, out('{"name": "Ana", "a', { finishReason: 'length' })).failure,
    ).toBe('truncated');
  });
});

describe('tool calls (BFCL-style)', () => {
  const weather: ExpectedCall[] = [
    {
      name: 'get_weather',
      arguments: { city: ['Hangzhou', 'Hangzhou, China'], unit: ['celsius'] },
      optional: ['unit'],
    },
  ];
  const tool = (calls: ToolCall[], content = '') => out(content, { toolCalls: calls });

  it('passes the right call with allowed values, an optional argument left out', () => {
    expect(
      grade({ type: 'tool-call', expected: weather }, tool([call('get_weather', { city: 'hangzhou' })])).pass,
    ).toBe(true);
    // Strings compare as BFCL's standardize_string does: spaces and , . / - _ * ^ aside.
    const city = (c: string) =>
      grade({ type: 'tool-call', expected: weather }, tool([call('get_weather', { city: c })])).pass;
    expect(city('Hangzhou,China')).toBe(true);
    expect(city('hang-zhou.')).toBe(true);
    expect(city('Hangzhou!')).toBe(false);
  });

  it('an extra argument, a missing one, a wrong value, a wrong type', () => {
    const extra = grade(
      { type: 'tool-call', expected: weather },
      tool([call('get_weather', { city: 'Hangzhou', days: 3 })]),
    );
    expect(extra).toMatchObject({ pass: false, failure: 'tool-misuse' });
    expect(extra.detail).toContain('days');
    const missing = grade(
      { type: 'tool-call', expected: weather },
      tool([call('get_weather', { unit: 'celsius' })]),
    );
    expect(missing.detail).toContain('missing argument “city”');
    expect(
      grade({ type: 'tool-call', expected: weather }, tool([call('get_weather', { city: 'Paris' })])).failure,
    ).toBe('wrong-answer');
    const typed: ExpectedCall[] = [{ name: 'set_timer', arguments: { minutes: [5] } }];
    expect(
      grade({ type: 'tool-call', expected: typed }, tool([call('set_timer', { minutes: '5' })])).pass,
    ).toBe(false);
  });

  it('a call where none should be made is tool misuse; no call where one should is too', () => {
    expect(grade({ type: 'tool-call', expected: 'none' }, tool([call('get_weather', {})])).failure).toBe(
      'tool-misuse',
    );
    expect(grade({ type: 'tool-call', expected: 'none' }, out('It is sunny, I think.')).pass).toBe(true);
    expect(grade({ type: 'tool-call', expected: weather }, out('The weather is nice.')).failure).toBe(
      'tool-misuse',
    );
  });

  it('parallel calls in any order; an extra call fails; arguments that are not JSON are a format error', () => {
    const two: ExpectedCall[] = [
      { name: 'a', arguments: { x: [1] } },
      { name: 'b', arguments: { y: [2] } },
    ];
    expect(
      grade({ type: 'tool-call', expected: two }, tool([call('b', { y: 2 }), call('a', { x: 1 })])).pass,
    ).toBe(true);
    expect(
      grade(
        { type: 'tool-call', expected: two },
        tool([call('a', { x: 1 }), call('b', { y: 2 }), call('a', { x: 1 })]),
      ).failure,
    ).toBe('tool-misuse');
    expect(grade({ type: 'tool-call', expected: two }, tool([call('a', '{"x": 1')])).failure).toBe(
      'format-error',
    );
  });

  it('reads calls written as <tool_call> text by models without native tool calling', () => {
    const text =
      'Let me check.\n<tool_call>\n{"name": "get_weather", "arguments": {"city": "Hangzhou"}}\n</tool_call>';
    expect(parseTextToolCalls(text)).toEqual([
      { id: 'text-0', name: 'get_weather', arguments: '{"city":"Hangzhou"}' },
    ]);
    expect(grade({ type: 'tool-call', expected: weather }, out(text)).pass).toBe(true);
    expect(
      grade({ type: 'tool-call', expected: weather }, out('<tool_call>get_weather(Hangzhou)</tool_call>'))
        .failure,
    ).toBe('format-error');
  });
});

describe('verifiable instructions (IFEval-style)', () => {
  it('every instruction must hold; the detail lists what broke', () => {
    const spec = {
      type: 'instructions' as const,
      instructions: [
        { kind: 'max-words' as const, n: 12 },
        { kind: 'lowercase' as const },
        { kind: 'include-keywords' as const, words: ['refund'] },
        { kind: 'bullet-count' as const, n: 2 },
      ],
    };
    expect(grade(spec, out('- we will refund you\n- within five days')).pass).toBe(true);
    const broken = grade(spec, out('- We will refund you\n- within five days\n- promise'));
    expect(broken).toMatchObject({ pass: false, failure: 'format-error' });
    expect(broken.detail).toBe('not all lowercase; 3 bullet points, 2 asked');
  });

  it('title, paragraphs, no commas, starts and ends with, forbidden words, JSON format', () => {
    const ok = (kind: object, text: string) =>
      grade({ type: 'instructions', instructions: [kind as never] }, out(text)).pass;
    expect(ok({ kind: 'title' }, '<<My Poem>>\nRoses')).toBe(true);
    expect(ok({ kind: 'paragraph-count', n: 2 }, 'One.\n\nTwo.')).toBe(true);
    expect(ok({ kind: 'no-commas' }, 'a, b')).toBe(false);
    expect(ok({ kind: 'starts-with', text: 'Dear' }, 'Dear team')).toBe(true);
    expect(ok({ kind: 'ends-with', text: 'Is there anything else?' }, 'Done. Is there anything else?')).toBe(
      true,
    );
    expect(ok({ kind: 'forbidden-words', words: ['sorry'] }, 'Sorry about that')).toBe(false);
    expect(ok({ kind: 'json-format' }, '```json\n{}\n```')).toBe(false);
    expect(ok({ kind: 'min-words', n: 3 }, 'just two')).toBe(false);
  });
});

describe('failure categories', () => {
  const err = (code: AppError['code']): AppError => ({ code, message: code, action: '' });

  it('engine errors are timeouts or errors whatever the grader', () => {
    expect(grade({ type: 'exact', expected: 'x' }, out('', { error: err('timeout') })).failure).toBe(
      'timeout',
    );
    expect(grade({ type: 'exact', expected: 'x' }, out('x', { error: err('server-error') })).failure).toBe(
      'error',
    );
  });

  it('a declined answer is a refusal', () => {
    expect(
      grade({ type: 'numeric', expected: 4 }, out("I'm sorry, but I can't help with that.")).failure,
    ).toBe('refusal');
  });
});

describe('LLM-as-judge', () => {
  it('asks for a JSON verdict with the rubric, the task and the reply', () => {
    const msgs = judgeMessages('Polite and correct.', [{ role: 'user', content: 'Hi?' }], 'Hello!');
    expect(msgs[0]?.role).toBe('system');
    expect(msgs[1]?.content).toContain('Polite and correct.');
    expect(msgs[1]?.content).toContain('[user]\nHi?');
    expect(msgs[1]?.content).toContain('Hello!');
  });

  it('reads JSON verdicts (fenced too), scores alone, and PASS/FAIL words', () => {
    expect(parseJudgeVerdict('{"score": 8, "pass": true, "reason": "good"}')).toMatchObject({
      pass: true,
      score: 7 / 9,
    });
    expect(parseJudgeVerdict('```json\n{"score": 3}\n```')).toMatchObject({
      pass: false,
      failure: 'wrong-answer',
    });
    expect(parseJudgeVerdict('{"score": 7}').pass).toBe(true);
    expect(parseJudgeVerdict('Verdict: PASS').pass).toBe(true);
    expect(parseJudgeVerdict('no idea')).toMatchObject({ pass: false, failure: 'error' });
  });
});

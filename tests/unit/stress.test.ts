import { AutoTokenizer, env, type PreTrainedTokenizer } from '@huggingface/transformers';
import { beforeAll, describe, expect, it } from 'vitest';
import { MODELS_DIR } from '../../scripts/tiny-model/generate';
import { BUILTIN_SUITES } from '../../src/catalog/suites/builtin';
import { gradeClarifies } from '../../src/core/grading/clarifies';
import { padContext } from '../../src/core/stress/long-context';
import { addNoise } from '../../src/core/stress/noise';
import { protectedSpans, protectedStrings } from '../../src/core/stress/protect';
import { seeded } from '../../src/core/stress/random';
import { stressTask, type StressSpec } from '../../src/core/stress/stress';
import type { SuiteTask } from '../../src/core/suite';

const ALL_TASKS = BUILTIN_SUITES.flatMap((s) => s.tasks);
const CORPUS = ALL_TASKS.flatMap((t) => t.messages.map((m) => m.content)).filter((c) => c.length > 200);
const text = (t: SuiteTask) => t.messages.map((m) => m.content).join('\n');
const task = (id: string) => {
  const t = ALL_TASKS.find((x) => x.id === id);
  if (!t) throw new Error(id);
  return t;
};
const SPECS: StressSpec[] = [
  { kind: 'noise', severity: 0.3 },
  { kind: 'long-context', tokens: 1024, position: 'middle' },
  { kind: 'multi-turn', variant: 'chit-chat', turns: 3 },
  { kind: 'multi-turn', variant: 'instruction', turns: 2 },
  { kind: 'multi-turn', variant: 'correction', turns: 2 },
  { kind: 'ambiguity' },
];

describe('stress transforms are deterministic for a seed', () => {
  it.each(SPECS)('%j: same seed, same prompt byte for byte; another seed, another prompt', (spec) => {
    for (const t of ALL_TASKS.slice(0, 40)) {
      const a = stressTask(t, spec, 7, { corpus: CORPUS });
      const b = stressTask(t, spec, 7, { corpus: CORPUS });
      expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    }
    const t = task('triage-t1');
    const one = stressTask(t, spec, 1, { corpus: CORPUS });
    const two = stressTask(t, spec, 2, { corpus: CORPUS });
    if (spec.kind === 'noise' && 'task' in one && 'task' in two)
      expect(text(one.task)).not.toBe(text(two.task));
  });
});

describe('noise', () => {
  const long: SuiteTask = {
    id: 'long',
    category: 'x',
    messages: [
      { role: 'user', content: Array.from({ length: 400 }, (_, i) => `word${'abcdefgh'[i % 8]}x`).join(' ') },
    ],
    grader: { type: 'regex', pattern: '.' },
  };
  it.each([0.05, 0.1, 0.3, 0.5, 1])('touches a share of %s of the eligible words, within 5%', (severity) => {
    for (const seed of [1, 2, 3]) {
      const { edits, eligible } = addNoise(long.messages, severity, seeded(seed), []);
      expect(Math.abs(edits.length / eligible - severity)).toBeLessThanOrEqual(0.05);
    }
  });

  it('never touches what a grader depends on: checked over every bundled task at full severity', () => {
    let checked = 0;
    for (const t of ALL_TASKS)
      for (const seed of [1, 2, 3]) {
        const strings = protectedStrings(t);
        const noisy = addNoise(t.messages, 1, seeded(seed), strings).messages;
        t.messages.forEach((m, i) => {
          for (const span of protectedSpans(m.content, strings)) {
            expect(noisy[i]?.content, `${t.id}: ${m.content.slice(span.start, span.end)}`).toContain(
              m.content.slice(span.start, span.end),
            );
            checked++;
          }
          if (m.role !== 'user') expect(noisy[i]?.content).toBe(m.content);
        });
      }
    expect(checked).toBeGreaterThan(500);
  });

  it('protects numbers, quotes, JSON, tool names and expected answers', () => {
    const t: SuiteTask = {
      id: 'p',
      category: 'x',
      messages: [
        {
          role: 'user',
          content: 'Call get_weather for "New York" with {"unit": "celsius"} in 2026 and answer Paris.',
        },
      ],
      tools: [
        { name: 'get_weather', description: '', parameters: { type: 'object', properties: { unit: {} } } },
      ],
      grader: { type: 'contains', expected: ['Paris'] },
    };
    const noisy = addNoise(t.messages, 1, seeded(3), protectedStrings(t)).messages[0]?.content ?? '';
    for (const kept of ['get_weather', '"New York"', '{"unit": "celsius"}', '2026', 'Paris'])
      expect(noisy).toContain(kept);
  });
});

describe('long context', () => {
  let tokenizer: PreTrainedTokenizer;
  beforeAll(async () => {
    env.allowRemoteModels = false;
    env.localModelPath = `${MODELS_DIR}/`;
    tokenizer = await AutoTokenizer.from_pretrained('qwenfit-tiny-qwen2');
  });

  it.each([1024, 2048, 4096])(
    'lands within 5%% of %i tokens by the tiny model tokenizer, task kept',
    (target) => {
      const count = (s: string) => tokenizer.encode(s, { add_special_tokens: false }).length;
      for (const position of ['start', 'middle', 'end'] as const) {
        const t = task('qa-sale');
        const padded = padContext(t.messages, target, position, CORPUS, seeded(5), count);
        const total = padded.messages.reduce((n, m) => n + count(m.content), 0);
        expect(Math.abs(total - target) / target, `${position}: ${total}`).toBeLessThanOrEqual(0.05);
        const question = t.messages.at(-1)?.content ?? '';
        expect(padded.messages.at(-1)?.content).toContain(question);
        const at = padded.messages.at(-1)?.content.indexOf(question) ?? -1;
        if (position === 'start') expect(at).toBe(0);
        if (position === 'end') expect(padded.messages.at(-1)?.content.endsWith(question)).toBe(true);
      }
    },
  );

  it('includes a near-miss distractor of the task own document', () => {
    const padded = padContext(task('qa-sale').messages, 2048, 'end', CORPUS, seeded(5));
    expect(padded.messages.map((m) => m.content).join('\n')).toContain('[Superseded draft, not in force]');
  });
});

describe('multi-turn and ambiguity keep what the grader expects', () => {
  it('chit-chat and a correction end on the original question, graded as before', () => {
    const t = task('math-eggs');
    for (const variant of ['chit-chat', 'correction'] as const) {
      const r = stressTask(t, { kind: 'multi-turn', variant, turns: 3 }, 4, { corpus: [] });
      if (!('task' in r)) throw new Error(r.skipped);
      expect(r.task.grader).toEqual(t.grader);
      expect(r.task.messages.at(-1)?.content).toContain(t.messages.at(-1)?.content);
      expect(r.task.messages.filter((m) => m.role === 'user').length).toBeGreaterThan(1);
    }
  });

  it('a standing instruction is checked on top of the task grader, where they do not fight', () => {
    const t = task('qa-fee');
    const r = stressTask(t, { kind: 'multi-turn', variant: 'instruction', turns: 2 }, 4, { corpus: [] });
    if (!('task' in r)) throw new Error(r.skipped);
    expect(r.task.grader).toEqual({
      type: 'all',
      graders: [t.grader, { type: 'instructions', instructions: [{ kind: 'lowercase' }] }],
    });
    const json = ALL_TASKS.find((x) => x.grader.type === 'json');
    expect(
      json && stressTask(json, { kind: 'multi-turn', variant: 'instruction', turns: 2 }, 4, { corpus: [] }),
    ).toMatchObject({
      skipped: expect.any(String),
    });
  });

  it('ambiguity removes the annotated words and grades asking or assuming; tasks without it are skipped', () => {
    const annotated: SuiteTask = {
      id: 'weather',
      category: 'tools',
      messages: [{ role: 'user', content: 'What is the weather in Hangzhou right now?' }],
      grader: { type: 'tool-call', expected: [{ name: 'get_weather', arguments: { city: ['Hangzhou'] } }] },
      ambiguity: { remove: ' in Hangzhou', missing: 'the city', keywords: ['city', 'where', 'location'] },
    };
    const r = stressTask(annotated, { kind: 'ambiguity' }, 1, { corpus: [] });
    if (!('task' in r)) throw new Error(r.skipped);
    expect(r.task.messages[0]?.content).toBe('What is the weather right now?');
    expect(r.task.grader).toMatchObject({ type: 'clarifies', removed: 'Hangzhou' });
    expect(stressTask(task('qa-fee'), { kind: 'ambiguity' }, 1, { corpus: [] })).toMatchObject({
      skipped: expect.any(String),
    });
  });

  it('the clarifies grader: a question passes, an invented value or an eager call is a hallucination', () => {
    const spec = {
      type: 'clarifies' as const,
      missing: 'the city',
      keywords: ['city', 'where'],
      removed: 'Hangzhou',
    };
    const prompt = 'What is the weather right now?';
    expect(gradeClarifies(spec, 'Which city do you mean?', [], prompt).pass).toBe(true);
    expect(
      gradeClarifies(spec, "I'll assume you mean the city you are in; tell me if not.", [], prompt).pass,
    ).toBe(true);
    expect(gradeClarifies(spec, 'It is 21 degrees and sunny in Paris.', [], prompt)).toMatchObject({
      failure: 'hallucination',
    });
    expect(gradeClarifies(spec, 'Sunny in Hangzhou.', [], prompt).failure).toBe('hallucination');
    expect(
      gradeClarifies(spec, '', [{ id: '1', name: 'get_weather', arguments: '{"city":"Paris"}' }], prompt)
        .failure,
    ).toBe('hallucination');
    expect(gradeClarifies(spec, 'the weather is nice.', [], prompt).failure).toBe('wrong-answer');
  });
});

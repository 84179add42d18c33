import { describe, expect, it } from 'vitest';
import { BUILTIN_SUITES } from '../../src/catalog/suites/builtin';
import { grade } from '../../src/core/grading/grade';
import { checked, parseSuiteFile } from '../../src/core/suite-import';
import type { SuiteTask } from '../../src/core/suite';

const NOW = '2026-11-29T10:00:00.000Z';

describe('built-in suites', () => {
  it('each passes the published suite schema and the rules beyond it', () => {
    for (const suite of BUILTIN_SUITES)
      expect(checked(suite, suite.name), suite.name).toEqual({ ok: true, suite });
  });

  it('cover every common workload', () => {
    const categories = new Set(BUILTIN_SUITES.flatMap((s) => s.tasks.map((t) => t.category)));
    for (const c of [
      'triage',
      'extraction',
      'tools',
      'grounded-qa',
      'code',
      'math',
      'long-context',
      'multi-turn',
    ])
      expect(categories, c).toContain(c);
  });

  it('a reference answer passes each task, so a failure means the model, not the suite', () => {
    // One correct reply per task, written by hand: proves the graders and expected values agree.
    const answers: Record<string, Partial<{ content: string; calls: [string, object][] }>> = {
      'triage-t1': { content: 'billing' },
      'extract-contact': {
        content:
          '{"name": "Mei Lin", "email": "mei.lin@hollowpine.example", "company": "Hollow Pine Studio"}',
      },
      'extract-order': {
        content:
          '{"order_id": "A-1042", "items": [{"sku": "SKU-RED-M", "qty": 2}, {"sku": "SKU-CAP-01", "qty": 1}], "total": 61.5}',
      },
      'tools-weather': { calls: [['get_weather', { city: 'Hangzhou' }]] },
      'tools-parallel': {
        calls: [
          ['get_weather', { city: 'Oslo', unit: 'fahrenheit' }],
          ['set_timer', { minutes: 5, label: 'tea' }],
        ],
      },
      'tools-none': { content: 'You are welcome!' },
      'qa-unknown': { content: 'That is not in the document.' },
      'code-output': { content: '14' },
      'code-bug': { content: 'sort() compares the numbers as strings, so 10 sorts before 2.' },
      'math-eggs': { content: '14 x 7 = 98 eggs; 98 / 6 = 16 full boxes.\n#### 16' },
      'long-middle': { content: '9052' },
      'chat-format': { content: 'shorter days cut chlorophyll, so other pigments show.' },
      'ifeval-ending': { content: 'A CDN serves files from servers close to users. Any other questions?' },
    };
    const tasks = new Map<string, SuiteTask>(
      BUILTIN_SUITES.flatMap((s) => s.tasks.map((t) => [t.id, t] as const)),
    );
    for (const [id, a] of Object.entries(answers)) {
      const task = tasks.get(id);
      if (!task || task.grader.type === 'judge') throw new Error(`no task ${id}`);
      const verdict = grade(task.grader, {
        content: a.content ?? '',
        toolCalls: (a.calls ?? []).map(([name, args], i) => ({
          id: String(i),
          name,
          arguments: JSON.stringify(args),
        })),
        finishReason: 'stop',
        error: null,
      });
      expect(verdict, id).toMatchObject({ pass: true });
    }
  });
});

describe('GSM8K sample', () => {
  it('ships ten problems with attribution, each graded on the number after ####', () => {
    const suite = BUILTIN_SUITES.find((x) => x.id === 'builtin-gsm8k');
    expect(suite?.tasks).toHaveLength(10);
    expect(suite?.attribution).toMatch(/MIT licence, Copyright \(c\) 2021 OpenAI/);
    // The dataset's own solution format passes; an arithmetic slip in the last line does not.
    const first = suite?.tasks[0];
    if (!first || first.grader.type === 'judge') throw new Error('no task');
    const reply = (text: string) => ({
      content: text,
      toolCalls: [],
      finishReason: 'stop' as const,
      error: null,
    });
    expect(
      grade(
        first.grader,
        reply('Janet sells 16 - 3 - 4 = 9 duck eggs a day.\nShe makes 9 * 2 = $18.\n#### 18'),
      ).pass,
    ).toBe(true);
    expect(grade(first.grader, reply('She makes 9 * 2 = $18.\n#### 16')).pass).toBe(false);
  });
});

describe('suite files', () => {
  const task = {
    id: 'a',
    category: 'math',
    messages: [{ role: 'user', content: '2+2?' }],
    grader: { type: 'numeric', expected: 4 },
  };

  it('reads a JSON suite, a JSON array of tasks, JSONL and CSV', () => {
    const json = parseSuiteFile('mine.json', JSON.stringify({ name: 'Mine', tasks: [task] }), NOW);
    expect(json).toMatchObject({ ok: true, suite: { name: 'Mine', source: 'imported', updatedAt: NOW } });
    expect(parseSuiteFile('list.json', JSON.stringify([task]), NOW)).toMatchObject({
      ok: true,
      suite: { name: 'list' },
    });
    const jsonl = parseSuiteFile(
      't.jsonl',
      `${JSON.stringify(task)}\n\n${JSON.stringify({ ...task, id: 'b' })}\n`,
      NOW,
    );
    expect(jsonl.ok && jsonl.suite.tasks.map((t) => t.id)).toEqual(['a', 'b']);
    const csv = parseSuiteFile(
      'triage.csv',
      'id,category,system,prompt,grader,expected,tolerance\n' +
        'c1,triage,Label it,"Charged twice, help",exact,billing,\n' +
        'c2,math,,"What is 1/3, rounded?",numeric,0.33,0.01\n' +
        'c3,qa,,Policy?,contains,14 days|two weeks,\n',
      NOW,
    );
    expect(csv.ok).toBe(true);
    if (!csv.ok) return;
    expect(csv.suite.tasks[0]).toEqual({
      id: 'c1',
      category: 'triage',
      messages: [
        { role: 'system', content: 'Label it' },
        { role: 'user', content: 'Charged twice, help' },
      ],
      grader: { type: 'exact', expected: 'billing' },
    });
    expect(csv.suite.tasks[1]?.grader).toEqual({ type: 'numeric', expected: 0.33, tolerance: 0.01 });
    expect(csv.suite.tasks[2]?.grader).toEqual({ type: 'contains', expected: ['14 days', 'two weeks'] });
  });

  it('refuses bad files with messages that say where', () => {
    const err = (name: string, text: string) => {
      const r = parseSuiteFile(name, text, NOW);
      if (r.ok) throw new Error(`${name} was accepted`);
      return r.errors.join('\n');
    };
    expect(err('x.json', '{"name": "x", "tasks": [')).toMatch(/^x.json: not valid JSON/);
    expect(err('x.json', '')).toBe('x.json is empty.');
    expect(err('x.jsonl', `${JSON.stringify(task)}\n{oops`)).toMatch(/^line 2: not valid JSON/);
    expect(
      err('x.jsonl', `${JSON.stringify(task)}\n${JSON.stringify({ ...task, grader: { type: 'numeric' } })}`),
    ).toContain('task 2');
    expect(err('x.json', JSON.stringify([task, task]))).toContain('task 2 (a): the id is used twice');
    expect(err('x.json', JSON.stringify([{ ...task, grader: { type: 'regex', pattern: '(' } }]))).toContain(
      'does not compile',
    );
    expect(
      err('x.json', JSON.stringify([{ ...task, messages: [{ role: 'assistant', content: 'hi' }] }])),
    ).toContain("the last message must be the user's");
    expect(err('x.json', '{"name": "x", "tasks": [], "__proto__": {"polluted": true}}')).toContain(
      '“__proto__”',
    );
    expect(err('x.csv', 'id,prompt\n1,hi\n')).toContain('the header needs the column grader');
    expect(err('x.csv', 'prompt,grader,expected\nhi,fuzzy,x\n')).toContain('line 2: grader must be');
    expect(err('x.csv', 'prompt,grader,expected\nhi,numeric,lots\n')).toContain(
      'line 2: numeric graders need a number',
    );
    expect(err('x.json', JSON.stringify({ results: [] }))).toContain('expected a suite');
    expect(
      err('x.json', JSON.stringify([{ ...task, messages: [{ role: 'user', content: 'x', extra: 1 }] }])),
    ).toContain('must NOT have additional properties');
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILTIN_SUITES } from '../../src/catalog/suites/builtin';
import { bfclSchema, bfclTask, type BfclQuestion } from '../../src/core/bfcl';
import { grade, type GradeInput } from '../../src/core/grading/grade';
import { checkInstruction } from '../../src/core/grading/instructions';
import { ifEvalSupported, ifEvalTask, type IfEvalItem } from '../../src/core/ifeval';
import type { SuiteTask } from '../../src/core/suite';
import { BFCL_FACTORIAL_TOOL } from '../support/bfcl';

const reply = (content: string, calls: [string, object][] = []): GradeInput => ({
  content,
  toolCalls: calls.map(([name, args], i) => ({ id: String(i), name, arguments: JSON.stringify(args) })),
  finishReason: 'stop',
  error: null,
});
const suite = (id: string) => {
  const s = BUILTIN_SUITES.find((x) => x.id === id);
  if (!s) throw new Error(`no suite ${id}`);
  return s;
};
const task = (suiteId: string, taskId: string): SuiteTask => {
  const t = suite(suiteId).tasks.find((x) => x.id === taskId);
  if (!t) throw new Error(`no task ${taskId}`);
  return t;
};
const verdict = (t: SuiteTask, r: GradeInput) => {
  if (t.grader.type === 'judge') throw new Error('judge');
  return grade(t.grader, r);
};
const dataLines = (name: string) =>
  readFileSync(new URL(`../../src/catalog/suites/data/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter(Boolean);

describe('BFCL sample', () => {
  it('ships 10 simple items and 5 irrelevance items with attribution and the licence text', () => {
    const s = suite('builtin-bfcl');
    expect(s.tasks.map((t) => t.id)).toEqual([
      ...Array.from({ length: 10 }, (_, i) => `bfcl-simple_python_${i}`),
      ...Array.from({ length: 5 }, (_, i) => `bfcl-irrelevance_${i}`),
    ]);
    expect(s.attribution).toMatch(/Apache License 2.0/);
    const licence = readFileSync(
      new URL('../../src/catalog/suites/LICENSE-apache-2.0.txt', import.meta.url),
      'utf8',
    );
    expect(licence).toMatch(/^Apache License\s+Version 2\.0, January 2004/);
    // Questions and answers pair up line by line, as in the published files.
    const ids = (f: string) => dataLines(f).map((l) => (JSON.parse(l) as { id: string }).id);
    expect(ids('BFCL_v4_simple_python.first10.jsonl')).toEqual(
      ids('BFCL_v4_simple_python.answers.first10.jsonl'),
    );
  });

  it('turns BFCL types and dotted names into Chat Completions tools', () => {
    const t = task('builtin-bfcl', 'bfcl-simple_python_1');
    expect(t.tools).toEqual([BFCL_FACTORIAL_TOOL]);
    expect(t.grader).toEqual({
      type: 'tool-call',
      expected: [{ name: 'math_factorial', arguments: { number: [5] } }],
    });
    expect(
      bfclSchema({ type: 'dict', properties: { xs: { type: 'array', items: { type: 'float' } } } }),
    ).toEqual({ type: 'object', properties: { xs: { type: 'array', items: { type: 'number' } } } });
    expect(bfclSchema({ type: 'tuple', items: { type: 'any' } })).toEqual({ type: 'array', items: {} });
  });

  it('grades as BFCL does: "" marks an argument that may be left out, other values must match', () => {
    const area = task('builtin-bfcl', 'bfcl-simple_python_0');
    const call = (args: object) => reply('', [['calculate_triangle_area', args]]);
    expect(verdict(area, call({ base: 10, height: 5 })).pass).toBe(true);
    expect(verdict(area, call({ base: 10, height: 5, unit: 'units' })).pass).toBe(true);
    expect(verdict(area, call({ base: 10, height: 5, unit: 'cm' })).failure).toBe('wrong-answer');
    expect(verdict(area, call({ base: 10 })).failure).toBe('tool-misuse');
    expect(verdict(area, call({ base: 10, height: 5, colour: 'red' })).failure).toBe('tool-misuse');
    const circle = task('builtin-bfcl', 'bfcl-simple_python_7');
    const c = (args: object) => reply('', [['calculate_circumference', args]]);
    expect(verdict(circle, c({ radius: 4, unit: 'in' })).pass).toBe(true);
    expect(verdict(circle, c({ radius: 4 })).failure).toBe('tool-misuse');
    expect(verdict(task('builtin-bfcl', 'bfcl-simple_python_1'), reply('120')).failure).toBe('tool-misuse');
  });

  it('an irrelevance item passes only without a call', () => {
    const t = task('builtin-bfcl', 'bfcl-irrelevance_0');
    expect(t.grader).toEqual({ type: 'tool-call', expected: 'none' });
    expect(verdict(t, reply('The area is 25 square meters.')).pass).toBe(true);
    expect(verdict(t, reply('', [['determine_body_mass_index', { weight: 10, height: 5 }]])).failure).toBe(
      'tool-misuse',
    );
  });

  it('refuses items the tool-call grader could not judge rather than grading them wrongly', () => {
    const q: BfclQuestion = {
      id: 'x',
      question: [[{ role: 'user', content: 'hi' }]],
      function: [{ name: 'f', description: '', parameters: { type: 'dict', properties: {} } }],
    };
    expect(() => bfclTask(q, { id: 'x', ground_truth: [{ f: { xs: [[1, 2]] } }] }, 'tools')).toThrow(
      'non-scalar',
    );
    expect(() => bfclTask({ ...q, question: [[], []] }, undefined, 'tools')).toThrow('single-turn');
    expect(() => bfclTask(q, { id: 'y', ground_truth: [] }, 'tools')).toThrow('the answer is for y');
  });
});

describe('IFEval sample', () => {
  const items = dataLines('ifeval_input_data.sample.jsonl').map((l) => JSON.parse(l) as IfEvalItem);

  it('ships 15 verbatim prompts, each with only instructions Qwenfit checks', () => {
    const s = suite('builtin-ifeval');
    expect(s.tasks).toHaveLength(15);
    expect(items.every(ifEvalSupported)).toBe(true);
    expect(s.tasks.map((t) => t.messages[0]?.content)).toEqual(items.map((i) => i.prompt));
    expect(s.attribution).toMatch(/Apache License 2.0/);
    expect(
      ifEvalSupported({
        key: 1,
        prompt: '',
        instruction_id_list: ['language:response_language'],
        kwargs: [{}],
      }),
    ).toBe(false);
  });

  it('maps IFEval relations and arguments onto the checks', () => {
    expect(task('builtin-ifeval', 'ifeval-1092').grader).toEqual({
      type: 'instructions',
      instructions: [{ kind: 'max-words', n: 299 }],
    });
    expect(task('builtin-ifeval', 'ifeval-1000').grader).toEqual({
      type: 'instructions',
      instructions: [{ kind: 'no-commas' }, { kind: 'highlights', n: 3 }, { kind: 'min-words', n: 300 }],
    });
    expect(() =>
      ifEvalTask({ key: 9, prompt: 'p', instruction_id_list: ['startend:quotation'], kwargs: [{}] }, 'x'),
    ).toThrow('not supported');
  });

  it('a reply that follows every instruction passes; one slip fails with what broke', () => {
    const email = task('builtin-ifeval', 'ifeval-1012');
    const repeated =
      'Write an email to my boss telling him that I am quitting. The email must contain a title wrapped in double angular brackets, i.e. <<title>>.';
    expect(verdict(email, reply(`${repeated}\n\n<<Resignation>>\nDear Sam, I am leaving.`)).pass).toBe(true);
    expect(verdict(email, reply('<<Resignation>>\nDear Sam, I am leaving.')).detail).toBe(
      'does not start by repeating the request',
    );
    const critique = task('builtin-ifeval', 'ifeval-1021');
    expect(verdict(critique, reply('PARAGRAPH 1\nBAD LAWS.\n\nPARAGRAPH 2\nCIVIL DISOBEDIENCE.')).pass).toBe(
      true,
    );
    expect(verdict(critique, reply('PARAGRAPH 1\nBad laws.')).pass).toBe(false);
    const story = task('builtin-ifeval', 'ifeval-1082');
    expect(verdict(story, reply('He woke up.\n***\nHe found the exit.')).pass).toBe(true);
    expect(verdict(story, reply('He woke up.\n***\n\n***\nHe found the exit.')).pass).toBe(false);
    // IFEval's keyword rule is a case-insensitive search, so "Uncorrelated" holds "correlated".
    const invite = task('builtin-ifeval', 'ifeval-1069');
    const words = Array.from({ length: 500 }, () => 'meeting').join(' ');
    expect(verdict(invite, reply(`Uncorrelated topics, we are EXPERIENCING growth ${words}`)).pass).toBe(
      false,
    );
    expect(verdict(invite, reply(`Uncorrelated topics. We are EXPERIENCING growth ${words}`)).pass).toBe(
      true,
    );
    const moms = task('builtin-ifeval', 'ifeval-1094');
    expect(verdict(moms, reply('```json\n{"moms": ["Marge"]}\n```')).pass).toBe(true);
    expect(verdict(moms, reply('Here you go: {"moms": ["Marge"]}')).pass).toBe(false);
  });
});

describe('IFEval rules of the instruction checks', () => {
  const ok = (text: string, ins: Parameters<typeof checkInstruction>[1]) =>
    checkInstruction(text, ins) === null;

  it('words are \\w+ runs, any script', () => {
    expect(checkInstruction("don't stop", { kind: 'max-words', n: 2 })).toBe('3 words, at most 2 asked');
    expect(ok('naïve café, 東京 2024', { kind: 'max-words', n: 4 })).toBe(true);
  });

  it('bullets are lines starting with "* " or "-", bold lines are not', () => {
    expect(checkInstruction('* a\n- b\n**bold**', { kind: 'bullet-count', n: 3 })).toBe(
      '2 bullet points, 3 asked',
    );
  });

  it('placeholders, highlights, sections and a title with something in it', () => {
    expect(ok('[name] lives at [address]', { kind: 'placeholders', n: 2 })).toBe(true);
    expect(ok('*one* and **two** and ** **', { kind: 'highlights', n: 2 })).toBe(true);
    expect(ok('*one* and ** **', { kind: 'highlights', n: 2 })).toBe(false);
    expect(ok('Section 1 a Section 2 b Section 3 c', { kind: 'sections', text: 'Section', n: 3 })).toBe(true);
    expect(ok('<<   >> text', { kind: 'title' })).toBe(false);
    expect(ok('ALL CAPS, 123', { kind: 'uppercase' })).toBe(true);
    expect(ok('123', { kind: 'uppercase' })).toBe(false);
  });
});

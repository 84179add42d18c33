import { describe, expect, it } from 'vitest';
import { excerpt, problemReport, summarise } from '../../src/core/import-problems';
import { idProblem, isRealInstant } from '../../src/core/import-semantics';
import { scanJson } from '../../src/core/json-scan';
import { findSecrets, secretIn, withoutSecrets } from '../../src/core/secret-scan';
import { resultDamage, runDamage, sortOut } from '../../src/core/record-check';
import { suiteDamage } from '../../src/core/suite-import';
import { RUN, resultFixture } from '../support/result-fixtures';

describe('real calendar instants', () => {
  it.each([
    ['2026-12-03T10:00:00Z', true],
    ['2024-02-29T23:59:59.999Z', true],
    ['2026-02-29T00:00:00Z', false],
    ['2026-02-30T10:00:00Z', false],
    ['2026-13-45T25:61:61Z', false],
    ['2026-04-31T00:00:00Z', false],
    ['2026-12-03T24:00:00Z', false],
    ['2026-12-03 10:00:00', false],
  ])('%s is %s', (s, ok) => expect(isRealInstant(s)).toBe(ok));
});

describe('ids', () => {
  it('refuses invisible characters, other normal forms and edge spaces; plain ids pass', () => {
    expect(idProblem('run-1|c1|task/2')).toBeNull();
    expect(idProblem('café')).toBeNull();
    expect(idProblem('r\u200b1')).toMatch(/\\u200b.*invisible/);
    expect(idProblem('r\u202e1')).toMatch(/invisible/);
    expect(idProblem('cafe\u0301')).toMatch(/\\u0301.*normal form/);
    expect(idProblem(' r1')).toMatch(/space/);
  });
});

describe('the secret scan', () => {
  it.each([
    ['sk-proj-A1b2C3d4E5f6G7h8I9j0K1l2M3n4', 'content'],
    ['My key is sk-or-v1-0123456789abcdef0123456789abcdef, use it', 'prompt'],
    ['sk-ant-api03-AAAAbbbbCCCCddddEEEEffff', 'content'],
    ['AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q', 'description'],
    ['ghp_0123456789abcdefghijABCDEFGHIJklmnop', 'x'],
    ['hf_abcdefghijABCDEFGHIJ0123456789klmn', 'x'],
    ['AKIAIOSFODNN7EXAMPLE', 'x'],
    ['Bearer 9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c', 'authorization'],
    ['Q9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0', 'api_key'],
  ])('finds %s (in %s)', (value, field) => expect(secretIn(value, field)).not.toBeNull());

  it.each([
    ['DashScope keys start with "sk-" and belong to one region.', 'prompt'],
    ['Use the sk- prefix check, e.g. sk-xxxx, in your code.', 'content'],
    ['The task-1234-abcd-efgh-ijkl-mnop-qrst is done', 'content'],
    ['risk-assessment-of-the-quarterly-figures-2026', 'content'],
    ['transformers:qwenfit-tiny-qwen2', 'key'],
    ['2026-11-29T03:00:00.000Z', 'token'],
    ['max_tokens', 'key'],
    ['a5f3c9e1-0b7d-4e2a-9c1f-3d8b6a2e4f70', 'id'],
    ['Q9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0', 'description'],
  ])('does not flag %s (in %s)', (value, field) => expect(secretIn(value, field)).toBeNull());

  it('reports the path of every key in a document, and strips them for an export', () => {
    const doc = {
      suites: [
        { tasks: [{ tools: [{ parameters: { description: 'sk-proj-A1b2C3d4E5f6G7h8I9j0K1l2M3n4' } }] }] },
      ],
    };
    expect(findSecrets(doc)).toEqual([
      {
        path: '/suites/0/tasks/0/tools/0/parameters/description',
        why: expect.stringMatching(/API key/) as string,
      },
    ]);
    const { value, removed } = withoutSecrets(doc);
    expect(removed).toBe(1);
    expect(findSecrets(value)).toEqual([]);
    expect(JSON.stringify(value)).toContain('[removed: looked like an API key]');
  });

  it('copies only what held a key and leaves the input as it was', () => {
    const clean = { id: 'a', nested: { list: ['x', 'y'] } };
    const dirty = { output: 'sk-proj-abcdefghijklmnopqrstuvwx', meta: { n: 1 } };
    const doc = { clean, dirty };
    const { value, removed } = withoutSecrets(doc);
    expect(removed).toBe(1);
    expect(value.clean).toBe(clean);
    expect(value.dirty.meta).toBe(dirty.meta);
    expect(value.dirty).not.toBe(dirty);
    expect(dirty.output).toBe('sk-proj-abcdefghijklmnopqrstuvwx');
    expect(withoutSecrets(clean).value).toBe(clean);
  });
});

describe('the scan before parsing', () => {
  const limits = { maxDepth: 4, maxString: 10 };
  it('finds deep nesting and long text with their path, and passes what is within the limits', () => {
    expect(scanJson('{"a":[1,{"b":"short"}],"c":"0123456789"}', limits)).toBeNull();
    expect(scanJson('{"a":{"b":{"c":{"d":{"e":1}}}}}', limits)).toEqual({
      kind: 'depth',
      path: '/a/b/c/d',
      depth: 5,
    });
    expect(scanJson('{"a":[1,2,"01234567890"]}', limits)).toEqual({
      kind: 'string',
      path: '/a/2',
      length: 11,
    });
    // Quotes and brackets inside strings are text, and an escaped quote does not end one.
    expect(scanJson('{"a":"[[[[[[","b":"x\\"y"}', limits)).toBeNull();
    expect(scanJson('{"k\\"ey":"01234567890"}', limits)).toEqual({
      kind: 'string',
      path: '/k"ey',
      length: 11,
    });
  });
});

describe('messages', () => {
  it('quote at most 120 characters of a value and count what is not listed', () => {
    expect(excerpt('x'.repeat(31_000_000)).length).toBeLessThanOrEqual(120);
    expect(excerpt({ a: 1, b: 2 })).toBe('an object with 2 fields');
    const problems = Array.from({ length: 220 }, (_, i) => ({
      path: `/results/${i}/cold`,
      message: 'should be true or false',
    }));
    const lines = summarise(problems);
    expect(lines).toHaveLength(9);
    expect(lines.at(-1)).toBe('and 212 more (in the report)');
    const report = problemReport('f.json', problems, '2026-12-03T10:00:00Z');
    expect(report.split('\n').filter((l) => l.startsWith('at '))).toHaveLength(220);
  });
});

describe('records read back from the store', () => {
  it('tells damaged runs, results and suites apart from sound ones, with why', () => {
    const sound = resultFixture();
    const { ok, damaged } = sortOut([sound, { ...sound, id: 'x2', metrics: undefined }, null], resultDamage);
    expect(ok).toEqual([sound]);
    expect(damaged.map((d) => [d.id, d.why])).toEqual([
      ['x2', 'the record is missing the field “metrics”'],
      ['?', 'the record should be an object (it is null)'],
    ]);
    expect(runDamage(RUN)).toBeNull();
    expect(runDamage({ ...RUN, kind: 'weird' })?.why).toMatch(/\/kind should be one of/);
    const task = {
      id: 't',
      category: 'c',
      messages: [{ role: 'user', content: 'x' }],
      grader: { type: 'exact', expected: 'x' },
    };
    const suite = { id: 's', name: 'S', source: 'user', updatedAt: '2026-11-29T00:00:00Z', tasks: [task] };
    expect(suiteDamage(suite)).toBeNull();
    expect(suiteDamage({ ...suite, tasks: [task, task] })?.why).toMatch(/the id is used twice/);
  });
});

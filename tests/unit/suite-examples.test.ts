import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exampleLine, SUITE_EXAMPLES } from '../../src/catalog/suite-examples';
import type { ToolCall } from '../../src/core/engine-types';
import { grade } from '../../src/core/grading/grade';
import { parseSuiteFile } from '../../src/core/suite-import';

const schema = JSON.parse(readFileSync('docs/suite.schema.json', 'utf8')) as {
  definitions: { grader: { oneOf: { properties: { type: { const: string } } }[] } };
};

const call = (name: string, args: object): ToolCall => ({ id: 'c1', name, arguments: JSON.stringify(args) });

/** A reply each example's grader must pass, and one it must fail. */
const REPLIES: Record<string, [good: string | ToolCall, bad: string | ToolCall]> = {
  contains: ['refund', 'bug'],
  exact: ['hangzhou', 'Hangzhou, China'],
  regex: ['2026-12-03', '03/12/2026'],
  numeric: ['7 x 12 = 84\n#### 84', '#### 74'],
  json: ['{"name": "Li Wei", "age": 34}', '{"name": "Li Wei"}'],
  'tool-call': [call('get_weather', { city: 'Hangzhou' }), call('get_weather', { city: 'Paris' })],
  instructions: ['- tea\n- baths\n- cooking', '- Tea\n- Baths'],
  grounded: ['Within 14 days of delivery.', 'Within 30 days, by 1 March.'],
  clarifies: ['Which restaurant would you like?', "Booked at Lao Wang's for 8 pm."],
  all: ['OK', 'ok'],
};

function verdict(task: (typeof SUITE_EXAMPLES)[number]['task'], reply: string | ToolCall) {
  const last = task.messages.at(-1)?.content ?? '';
  if (task.grader.type === 'judge') throw new Error('a judge needs a model');
  return grade(task.grader, {
    content: typeof reply === 'string' ? reply : '',
    toolCalls: typeof reply === 'string' ? [] : [reply],
    finishReason: 'stop',
    error: null,
    prompt: last,
  });
}

describe('the suite editor’s worked examples', () => {
  it('cover every grader type the suite format has, one each', () => {
    const types = schema.definitions.grader.oneOf.map((o) => o.properties.type.const).sort();
    expect(SUITE_EXAMPLES.map((e) => e.grader).sort()).toEqual(types);
    for (const e of SUITE_EXAMPLES) expect(e.task.grader.type).toBe(e.grader);
  });

  it('import as they are written in the editor: one JSONL line each, all together one valid suite', () => {
    const jsonl = SUITE_EXAMPLES.map(exampleLine).join('\n');
    const parsed = parseSuiteFile('examples.jsonl', jsonl, '2026-12-03T00:00:00Z');
    expect(parsed.ok ? parsed.suite.tasks.length : parsed.errors).toBe(SUITE_EXAMPLES.length);
  });

  it.each(SUITE_EXAMPLES.filter((e) => e.grader !== 'judge').map((e) => [e.grader, e] as const))(
    '%s: its grader passes a right reply and fails a wrong one',
    (type, example) => {
      const [good, bad] = REPLIES[type] ?? ['', ''];
      expect(verdict(example.task, good)).toMatchObject({ pass: true });
      expect(verdict(example.task, bad)).toMatchObject({ pass: false });
    },
  );
});

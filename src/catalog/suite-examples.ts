import type { GraderSpec, SuiteTask } from '../core/suite';

/** One worked task per grader type, for the in-app suite editor: what it checks and a task that uses it. */
export interface SuiteExample {
  grader: GraderSpec['type'];
  /** When a reply passes, in a sentence. */
  passes: string;
  task: SuiteTask;
}

const user = (content: string) => [{ role: 'user' as const, content }];

export const SUITE_EXAMPLES: SuiteExample[] = [
  {
    grader: 'contains',
    passes:
      'the reply contains one of `expected` (all of them with `all: true`); case ignored unless `caseSensitive`.',
    task: {
      id: 'triage-1',
      category: 'triage',
      messages: [
        {
          role: 'system',
          content: 'Label the ticket as one of: refund, bug, question. Answer with the label only.',
        },
        { role: 'user', content: 'I was charged twice for my order, please send one payment back.' },
      ],
      maxTokens: 16,
      grader: { type: 'contains', expected: ['refund'] },
    },
  },
  {
    grader: 'exact',
    passes: 'the reply equals `expected`, spaces collapsed; case ignored unless `caseSensitive`.',
    task: {
      id: 'capital-1',
      category: 'facts',
      messages: user('What is the capital of Zhejiang province? Answer with the city name only.'),
      maxTokens: 16,
      grader: { type: 'exact', expected: 'Hangzhou' },
    },
  },
  {
    grader: 'regex',
    passes: '`pattern` (with `flags`) matches somewhere in the reply.',
    task: {
      id: 'date-1',
      category: 'format',
      messages: user('Write the date 3 December 2026 in ISO 8601 form, nothing else.'),
      maxTokens: 16,
      grader: { type: 'regex', pattern: '^\\s*2026-12-03\\s*$' },
    },
  },
  {
    grader: 'numeric',
    passes:
      'the answer number (after ####, else after "answer is", else the last number) is within `tolerance` of `expected`.',
    task: {
      id: 'math-1',
      category: 'math',
      messages: user('A box holds 12 eggs. How many eggs are in 7 boxes? End with "#### <number>".'),
      maxTokens: 128,
      grader: { type: 'numeric', expected: 84, tolerance: 0 },
    },
  },
  {
    grader: 'json',
    passes: 'the reply holds JSON (bare, fenced or inside prose) that fits `schema` when one is given.',
    task: {
      id: 'extract-1',
      category: 'extraction',
      messages: user('Extract the name and age as JSON {"name", "age"}: "Li Wei turned 34 last week."'),
      json: true,
      maxTokens: 64,
      grader: {
        type: 'json',
        schema: {
          type: 'object',
          required: ['name', 'age'],
          properties: { name: { const: 'Li Wei' }, age: { const: 34 } },
        },
      },
    },
  },
  {
    grader: 'tool-call',
    passes:
      'each expected call is made once, every argument among its allowed values, nothing extra; `"none"` passes only when no call is made.',
    task: {
      id: 'tools-1',
      category: 'tools',
      messages: user('What is the weather in Hangzhou right now?'),
      tools: [
        {
          name: 'get_weather',
          description: 'Current weather for a city',
          parameters: {
            type: 'object',
            properties: { city: { type: 'string' }, unit: { enum: ['c', 'f'] } },
            required: ['city'],
          },
        },
      ],
      maxTokens: 80,
      grader: {
        type: 'tool-call',
        expected: [{ name: 'get_weather', arguments: { city: ['Hangzhou'] }, optional: ['unit'] }],
      },
    },
  },
  {
    grader: 'instructions',
    passes:
      'every listed instruction holds (word limits, keywords, case, bullets, a title, JSON…), checked by code.',
    task: {
      id: 'follow-1',
      category: 'instructions',
      messages: user('List three uses of green tea as bullet points, in lower case, under 40 words.'),
      maxTokens: 96,
      grader: {
        type: 'instructions',
        instructions: [{ kind: 'bullet-count', n: 3 }, { kind: 'lowercase' }, { kind: 'max-words', n: 39 }],
      },
    },
  },
  {
    grader: 'grounded',
    passes:
      'the reply gives one of `answers` and asserts no number, date or name the prompt lacks; with `"unanswerable"`, only saying the context does not hold it passes.',
    task: {
      id: 'grounded-1',
      category: 'grounded-qa',
      messages: user(
        'Policy: refunds are accepted within 14 days of delivery; shipping is not refunded.\n\nQuestion: within how many days can I ask for a refund?',
      ),
      maxTokens: 64,
      grader: { type: 'grounded', answers: ['14'], distractors: ['30'] },
    },
  },
  {
    grader: 'clarifies',
    passes:
      'the reply asks about what is `missing` (using one of `keywords`) or states an assumption about it, and makes no tool call.',
    task: {
      id: 'ambiguous-1',
      category: 'clarify',
      messages: user('Book me a table for two tonight.'),
      maxTokens: 64,
      grader: {
        type: 'clarifies',
        missing: 'the restaurant',
        keywords: ['restaurant', 'where', 'which'],
        removed: "Lao Wang's",
      },
    },
  },
  {
    grader: 'all',
    passes: 'every grader listed holds (any of the above but `judge`).',
    task: {
      id: 'both-1',
      category: 'format',
      messages: user('Reply with the word OK in upper case and nothing else.'),
      maxTokens: 8,
      grader: {
        type: 'all',
        graders: [
          { type: 'exact', expected: 'OK', caseSensitive: true },
          { type: 'instructions', instructions: [{ kind: 'uppercase' }] },
        ],
      },
    },
  },
  {
    grader: 'judge',
    passes:
      'the judge model chosen in Evaluate scores the reply against `rubric` (pass at 7/10 when it gives no pass/fail); its cost is kept apart.',
    task: {
      id: 'reply-1',
      category: 'support',
      messages: user('My parcel arrived damaged. What should I do?'),
      maxTokens: 160,
      grader: {
        type: 'judge',
        rubric:
          'Apologises, asks for a photo of the damage and the order number, and offers a replacement or refund.',
      },
    },
  },
];

/** The example task as one JSONL line, the form the editor takes. */
export const exampleLine = (e: SuiteExample): string => JSON.stringify(e.task);

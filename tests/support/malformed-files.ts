import { buildExport } from '../../src/core/export-format';
import { RUN, resultFixture } from './result-fixtures';

const valid = () =>
  buildExport(
    [RUN],
    [resultFixture()],
    { userAgent: 'test', device: null },
    '0.1.0',
    '2026-11-29T04:00:00.000Z',
  ) as unknown as Record<string, unknown>;
const json = (x: unknown) => JSON.stringify(x);

/** Files an import must refuse, each with the words its error must contain. */
export const MALFORMED: { name: string; text: string; expect: RegExp }[] = [
  { name: 'not JSON', text: 'this is not json', expect: /not valid JSON/ },
  { name: 'truncated', text: json(valid()).slice(0, 200), expect: /not valid JSON.*truncated/ },
  { name: 'empty', text: '   ', expect: /empty/ },
  { name: 'a JSON array', text: '[1,2,3]', expect: /expected an object/ },
  {
    name: 'wrong format',
    text: json({ ...valid(), format: 'something-else' }),
    expect: /format.*something-else/,
  },
  { name: 'newer version', text: json({ ...valid(), version: 2 }), expect: /version 2.*reads version 1/ },
  {
    name: 'version as a string',
    text: json({ ...valid(), version: '1' }),
    expect: /unsupported version "1"/,
  },
  {
    name: 'missing runs',
    text: json({ ...valid(), runs: undefined }),
    expect: /at \/: is missing the field “runs”/,
  },
  {
    name: 'mistyped field',
    text: json({ ...valid(), results: [{ ...resultFixture(), cold: 'yes' }] }),
    expect: /at \/results\/0\/cold: should be true or false \(it is "yes"\)/,
  },
  {
    name: 'oversized string',
    text: json({ ...valid(), results: [resultFixture({ prompt: 'x'.repeat(1_000_001) })] }),
    expect: /at \/results\/0\/prompt: is longer than 1000000 characters \(1,000,001\)/,
  },
  {
    name: '__proto__ key',
    text: json(valid()).replace('"format"', '"__proto__":{"polluted":true},"format"'),
    expect: /key “__proto__”/,
  },
  {
    name: 'constructor key',
    text: json({ ...valid(), runs: [{ ...RUN, constructor: { prototype: {} } }] }),
    expect: /key “constructor”/,
  },
  {
    name: 'duplicated run ids',
    text: json({ ...valid(), runs: [RUN, RUN] }),
    expect: /the run id "r1" is used twice in the file/,
  },
  {
    name: 'duplicated result ids',
    text: json({ ...valid(), results: [resultFixture(), resultFixture()] }),
    expect: /the result id "x1" is used twice in the file/,
  },
  {
    name: 'result of a missing run',
    text: json({ ...valid(), results: [resultFixture({ runId: 'nope' })] }),
    expect: /its run "nope" is neither in the file nor in this browser/,
  },
  {
    name: 'negative token count',
    text: json({
      ...valid(),
      results: [resultFixture({ usage: { prompt_tokens: -1, completion_tokens: 1, total_tokens: 0 } })],
    }),
    expect: /prompt_tokens: should be 0 or more \(it is -1\)/,
  },
  {
    name: 'a promptfoo results file',
    text: json({ evalId: 'eval-1', results: { version: 3, results: [] }, config: {} }),
    expect: /promptfoo results file/,
  },
  {
    name: 'unknown top-level field',
    text: json({ ...valid(), apiKeys: { x: 'sk-1' } }),
    expect: /has a field Qwenfit does not know: “apiKeys”/,
  },
];

const suite = (over: Record<string, unknown> = {}) => ({
  id: 's1',
  name: 'Mine',
  source: 'imported',
  updatedAt: '2026-11-29T00:00:00Z',
  tasks: [
    {
      id: 't1',
      category: 'c',
      messages: [{ role: 'user', content: 'hi' }],
      grader: { type: 'exact', expected: 'hi' },
    },
  ],
  ...over,
});
const withTool = (parameters: unknown) =>
  suite({
    tasks: [
      {
        id: 't1',
        category: 'tools',
        messages: [{ role: 'user', content: 'weather?' }],
        tools: [{ name: 'get_weather', description: 'Weather', parameters }],
        grader: { type: 'tool-call', expected: 'none' },
      },
    ],
  });
/** `{"a":{"a":...}}` n levels deep, as text (JSON.stringify itself would overflow). */
const nested = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
const evalRun = { ...RUN, kind: 'evaluate', title: 'Evaluate · Mine', suiteId: 's1' };

/** Files an import must refuse for what the schema cannot see, each with the words its error must contain. */
export const SEMANTIC: { name: string; text: string; expect: RegExp }[] = [
  {
    name: 'deep nesting in the environment',
    text: json({ ...valid(), environment: { userAgent: 'x', device: null } }).replace(
      '"device":null',
      `"device":${nested(10_000)}`,
    ),
    expect: /at \/environment\/device(\/a)+: the data is nested more than 64 levels deep/,
  },
  {
    name: "deep nesting in a tool's parameters",
    text: json({ ...valid(), suites: [withTool({ type: 'object' })] }).replace(
      '"parameters":{"type":"object"}',
      `"parameters":${nested(5_000)}`,
    ),
    expect: /at \/suites\/0\/tasks\/0\/tools\/0\/parameters(\/a)+: the data is nested more than 64/,
  },
  {
    name: 'a 30 MB text value',
    text: json({ ...valid(), results: [resultFixture({ output: 'x'.repeat(30 * 1024 * 1024) })] }),
    expect:
      /at \/results\/0\/output: a text of 31,457,280 characters; the longest Qwenfit stores is 8,000,000/,
  },
  {
    name: 'an impossible time',
    text: json({ ...valid(), runs: [{ ...RUN, startedAt: '2026-13-45T25:61:61Z' }] }),
    expect: /at \/runs\/0\/startedAt: "2026-13-45T25:61:61Z" is not a real date and time/,
  },
  {
    name: 'the 30th of February',
    text: json({ ...valid(), results: [resultFixture({ createdAt: '2026-02-30T10:00:00Z' })] }),
    expect: /at \/results\/0\/createdAt: "2026-02-30T10:00:00Z" is not a real date and time/,
  },
  {
    name: 'a run that ends before it starts',
    text: json({ ...valid(), runs: [{ ...RUN, endedAt: '2026-11-29T02:00:00.000Z' }] }),
    expect: /at \/runs\/0\/endedAt: the run ends \(2026-11-29T02:00:00.000Z\) before it starts/,
  },
  {
    name: 'a latency above a day',
    text: json({
      ...valid(),
      results: [resultFixture({ metrics: { ...resultFixture().metrics, e2eMs: 90_000_000 } })],
    }),
    expect: /at \/results\/0\/metrics\/e2eMs: e2eMs of 90,000,000 is beyond any real measurement/,
  },
  {
    name: 'an infinite figure',
    text: json(valid()).replace('"ttftMs":120', '"ttftMs":1e400'),
    expect: /at \/results\/0\/metrics\/ttftMs: ttftMs is not a finite number/,
  },
  {
    name: 'an id with a zero-width space',
    text: json({
      ...valid(),
      runs: [{ ...RUN, id: 'r\u200b1' }],
      results: [resultFixture({ runId: 'r\u200b1' })],
    }),
    expect: /at \/runs\/0\/id: the id "r\\u200b1" holds an invisible or control character/,
  },
  {
    name: 'ids that differ only by Unicode normalisation',
    text: json({
      ...valid(),
      runs: [
        { ...RUN, id: 'caf\u00e9' },
        { ...RUN, id: 'cafe\u0301' },
      ],
      results: [resultFixture({ runId: 'caf\u00e9' })],
    }),
    expect: /at \/runs\/1\/id: the id "cafe\\u0301" is not in Unicode normal form \(NFC\)/,
  },
  {
    name: 'a suite under the id of a built-in suite',
    text: json({ ...valid(), suites: [suite({ id: 'builtin-quick' })] }),
    expect: /at \/suites\/0\/id: the suite id "builtin-quick" belongs to a suite that ships with Qwenfit/,
  },
  {
    name: 'an evaluation of a suite that is nowhere',
    text: json({ ...valid(), runs: [evalRun] }),
    expect: /at \/runs\/0\/suiteId: the suite "s1" is neither in the file nor in this browser/,
  },
  {
    name: "an API key in a tool's schema",
    text: json({
      ...valid(),
      suites: [withTool({ type: 'object', description: 'sk-proj-A1b2C3d4E5f6G7h8I9j0K1l2M3n4' })],
    }),
    expect: /at \/suites\/0\/tasks\/0\/tools\/0\/parameters\/description: looks like an API key \(sk-p…\)/,
  },
  {
    name: 'a random token in a field named api_key',
    text: json({
      ...valid(),
      suites: [withTool({ type: 'object', api_key: 'Q9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0' })],
    }),
    expect: /parameters\/api_key: a random-looking token in a field named “api_key”/,
  },
  {
    name: 'three hundred mistyped results',
    text: json({
      ...valid(),
      results: Array.from({ length: 300 }, (_, i) => resultFixture({ id: `x${i}`, cold: 'yes' as never })),
    }),
    expect: /and 292 more \(in the report\)/,
  },
];

export const VALID_FILE = () => json(valid());

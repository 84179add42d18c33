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
    expect: /Unsupported version "1"/,
  },
  {
    name: 'missing runs',
    text: json({ ...valid(), runs: undefined }),
    expect: /must have required property 'runs'/,
  },
  {
    name: 'mistyped field',
    text: json({ ...valid(), results: [{ ...resultFixture(), cold: 'yes' }] }),
    expect: /at \/results\/0\/cold: must be boolean/,
  },
  {
    name: 'oversized string',
    text: json({ ...valid(), results: [resultFixture({ prompt: 'x'.repeat(1_000_001) })] }),
    expect: /at \/results\/0\/prompt: must NOT have more than/,
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
    expect: /Run id “r1” appears more than once/,
  },
  {
    name: 'duplicated result ids',
    text: json({ ...valid(), results: [resultFixture(), resultFixture()] }),
    expect: /Result id “x1” appears more than once/,
  },
  {
    name: 'result of a missing run',
    text: json({ ...valid(), results: [resultFixture({ runId: 'nope' })] }),
    expect: /its run “nope” is not in the file/,
  },
  {
    name: 'negative token count',
    text: json({
      ...valid(),
      results: [resultFixture({ usage: { prompt_tokens: -1, completion_tokens: 1, total_tokens: 0 } })],
    }),
    expect: /prompt_tokens: must be >= 0/,
  },
  {
    name: 'a promptfoo results file',
    text: json({ evalId: 'eval-1', results: { version: 3, results: [] }, config: {} }),
    expect: /promptfoo results file/,
  },
  {
    name: 'unknown top-level field',
    text: json({ ...valid(), apiKeys: { x: 'sk-1' } }),
    expect: /must NOT have additional properties \(“apiKeys”\)/,
  },
];

export const VALID_FILE = () => json(valid());

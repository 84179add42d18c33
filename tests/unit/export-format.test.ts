import { publishedSchema } from '../support/schemas';
import { describe, expect, it } from 'vitest';
import { ExportJsonWriter, buildExport, exportFileName } from '../../src/core/export-format';
import { METRIC_DEFINITIONS } from '../../src/core/metric-definitions';
import { RUN, resultFixture } from '../support/result-fixtures';

const validate = publishedSchema('result-file');

const run = RUN;
const result = resultFixture();

describe('result file', () => {
  const doc = buildExport(
    [run],
    [result],
    { userAgent: 'test', device: null },
    '0.1.0',
    '2026-11-29T04:00:00.000Z',
  );

  it('validates against the published JSON Schema', () => {
    expect(validate(JSON.parse(JSON.stringify(doc))), JSON.stringify(validate.errors)).toBe(true);
  });

  it('carries the metric definitions and the models measured', () => {
    expect(doc.metricDefinitions).toEqual(METRIC_DEFINITIONS);
    expect(doc.models).toEqual([
      { modelId: 'qwen-plus', runtime: 'remote', where: 'dashscope-intl.aliyuncs.com' },
    ]);
    expect(doc.format).toBe('qwenfit-results');
  });

  it.each([
    ['another format', { format: 'promptfoo' }],
    ['another version', { version: 2 }],
    ['an unknown top-level field', { apiKeys: [] }],
    ['a result without metrics', { results: [{ ...result, metrics: undefined }] }],
    [
      'a negative token count',
      { results: [{ ...result, usage: { ...result.usage, completion_tokens: -1 } }] },
    ],
    ['a run with an unknown status', { runs: [{ ...run, status: 'paused' }] }],
  ])('rejects %s', (_, change) => {
    expect(validate(JSON.parse(JSON.stringify({ ...doc, ...change })))).toBe(false);
  });

  it('names files by time and content', () => {
    expect(exportFileName('2026-11-29T04:00:00.000Z', 'all')).toBe(
      'qwenfit-all-2026-11-29T04-00-00-000Z.json',
    );
  });
});

describe('export written a batch at a time', () => {
  const env = { userAgent: 'test', device: null };
  const at = '2026-11-29T04:00:00.000Z';
  const other = { ...RUN, id: 'run-2', title: 'Second' };
  const results = [
    resultFixture(),
    { ...resultFixture(), id: 'r2', modelId: 'qwen-max', output: 'line one\nline two "quoted"\t' },
    { ...resultFixture(), id: 'r3', runId: 'run-2', reasoning: 'ünïcode ✓ \u2028' },
  ] as ReturnType<typeof resultFixture>[];

  it('is the same text as the whole document pretty-printed', () => {
    const writer = new ExportJsonWriter();
    const body = writer.add(results.slice(0, 2)) + writer.add([]) + writer.add(results.slice(2));
    const { before, after } = writer.finish([RUN, other], env, '0.1.0', at);
    const text = before + body + after;
    expect(text).toBe(JSON.stringify(buildExport([RUN, other], results, env, '0.1.0', at), null, 2));
    expect(writer.count).toBe(3);
    expect(validate(JSON.parse(text)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('writes a file with no results the same way too', () => {
    const { before, after } = new ExportJsonWriter().finish([RUN], env, '0.1.0', at);
    const text = before + after;
    expect(text).toBe(JSON.stringify(buildExport([RUN], [], env, '0.1.0', at), null, 2));
  });
});

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { buildExport, exportFileName } from '../../src/core/export-format';
import { METRIC_DEFINITIONS } from '../../src/core/metric-definitions';
import type { ResultRecord, Run } from '../../src/core/results';

const schema: unknown = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../docs/result-file.schema.json'), 'utf8'),
);
const validate = new Ajv({ allErrors: true }).compile(schema as object);

const run: Run = {
  id: 'r1',
  kind: 'playground',
  title: 'Playground · tiny',
  status: 'completed',
  startedAt: '2026-11-29T03:00:00.000Z',
  endedAt: '2026-11-29T03:01:00.000Z',
  note: null,
};
const result: ResultRecord = {
  id: 'x1',
  runId: 'r1',
  taskId: '1',
  createdAt: '2026-11-29T03:00:30.000Z',
  runtime: 'remote',
  modelId: 'qwen-plus',
  where: 'dashscope-intl.aliyuncs.com',
  cold: true,
  prompt: 'Hi',
  output: 'Hello',
  reasoning: '',
  finishReason: 'stop',
  error: null,
  usage: { prompt_tokens: 12, completion_tokens: 6, total_tokens: 18 },
  metrics: {
    ttftMs: 120,
    ttfoMs: 120,
    e2eMs: 400,
    decodeTokensPerS: 17.9,
    prefillTokensPerS: 100,
    promptTokens: 12,
    completionTokens: 6,
    tokensEstimated: false,
    finishReason: 'stop',
    engineStats: { http_retries: 1 },
  },
  cost: { value: 0.000024, currency: 'USD', asOf: '2026-11-29', estimated: false },
};

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

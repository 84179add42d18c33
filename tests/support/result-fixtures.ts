import type { ResultRecord, Run } from '../../src/core/results';

export const RUN: Run = {
  id: 'r1',
  kind: 'playground',
  title: 'Playground · tiny',
  status: 'completed',
  startedAt: '2026-11-29T03:00:00.000Z',
  endedAt: '2026-11-29T03:01:00.000Z',
  note: null,
};

export function resultFixture(over: Partial<ResultRecord> = {}): ResultRecord {
  return {
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
    ...over,
  };
}

import type { EngineInfo, Usage } from '../core/engine-types';
import type { GenerationMetrics } from '../core/metrics';
import type { ReplyView } from './reply-stream';
import type { ResultDraft } from './run-recorder';

/** Figures of a generation that never started (its engine failed to load). */
function noMetrics(): GenerationMetrics {
  return {
    ttftMs: null,
    ttfoMs: null,
    e2eMs: null,
    decodeTokensPerS: null,
    prefillTokensPerS: null,
    promptTokens: null,
    completionTokens: 0,
    tokensEstimated: true,
    finishReason: 'error',
    engineStats: {},
  };
}

/**
 * What the store keeps of a finished reply, as plain data (the reply may be reactive):
 * who answered and where, what it said, and its measured figures.
 */
export function replyDraft(
  info: EngineInfo,
  reply: ReplyView,
  { cold, prompt, usage }: { cold: boolean; prompt: string; usage: Usage | null },
): ResultDraft {
  return {
    runtime: info.runtime,
    modelId: info.modelId,
    where: info.where,
    ...(info.endpoint ? { endpoint: { name: info.endpoint.name, baseUrl: info.endpoint.baseUrl } } : {}),
    cold,
    prompt,
    output: reply.content,
    ...(reply.toolCalls.length ? { toolCalls: reply.toolCalls.map((c) => ({ ...c })) } : {}),
    reasoning: reply.reasoning,
    finishReason: reply.metrics?.finishReason ?? (reply.error ? 'error' : null),
    error: reply.error ? { ...reply.error } : null,
    usage,
    metrics: reply.metrics ? ($state.snapshot(reply.metrics) as GenerationMetrics) : noMetrics(),
    cost: reply.cost ? { ...reply.cost } : null,
  };
}

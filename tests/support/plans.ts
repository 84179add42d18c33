import type { EvaluateConfig } from '../../src/core/evaluate-plan';
import { DEFAULT_THRESHOLDS } from '../../src/core/regression';
import type { Suite } from '../../src/core/suite';
import { DEFAULT_WORKLOAD } from '../../src/core/workload';

/** An evaluation set-up with the defaults a test does not care about. */
export function evaluateConfig(
  over: Partial<EvaluateConfig> & Pick<EvaluateConfig, 'suiteId'>,
): EvaluateConfig {
  return {
    version: 1,
    candidates: [],
    repeats: 1,
    maxTokensCap: null,
    judge: null,
    workload: { ...DEFAULT_WORKLOAD },
    baseline: null,
    stress: { seed: 1, specs: [] },
    thresholds: { ...DEFAULT_THRESHOLDS },
    ...over,
  };
}

/**
 * Greetings graded on the word the loopback server's plain reply has and its degraded
 * reply lacks: the first `greet` are category greet, the rest farewell.
 */
export function greetingsSuite(id: string, n = 8, greet = n): Suite {
  return {
    id,
    name: 'Greetings',
    source: 'user',
    updatedAt: '2026-12-03T00:00:00.000Z',
    tasks: Array.from({ length: n }, (_, i) => ({
      id: `g${i + 1}`,
      category: i < greet ? 'greet' : 'farewell',
      messages: [{ role: 'user' as const, content: `Say hello, number ${i + 1}.` }],
      grader: { type: 'contains' as const, expected: ['loopback'] },
    })),
  };
}

import { performance } from 'node:perf_hooks';
import { aggregate, sampleOf } from '../../src/core/aggregate';
import { decide, paretoPlaces } from '../../src/core/decide';
import type { ResultRecord } from '../../src/core/results';
import { routingTable } from '../../src/core/routing';
import { DEFAULT_WORKLOAD, type CandidateFacts } from '../../src/core/workload';
import { median } from './browser';
import type { Benchmark } from './types';

const CANDIDATES = 6;
const CATEGORIES = 10;
const RESULTS = 10_000;

/** A seeded generator (mulberry32): the same 10,000 results every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Stored evaluation results as a run of 6 candidates x 10 categories leaves them, errors and costs included. */
export function benchRecords(): ResultRecord[] {
  const rnd = random(42);
  const perCandidate = RESULTS / CANDIDATES;
  return Array.from({ length: RESULTS }, (_, i) => {
    const c = Math.floor(i / perCandidate);
    const k = i % perCandidate;
    const category = `cat${k % CATEGORIES}`;
    const error = rnd() < 0.03;
    const pass = !error && rnd() < 0.55 + c * 0.07;
    const e2e = 300 + c * 400 + rnd() * 500;
    return {
      id: `r${i}`,
      runId: 'run',
      taskId: `c${c}|t${k % 800}|${Math.floor(k / 800) + 1}`,
      createdAt: '2026-12-03T00:00:00.000Z',
      runtime: c < 2 ? 'webllm' : 'remote',
      modelId: `model-${c}`,
      where: 'x',
      cold: false,
      prompt: '',
      output: '',
      reasoning: '',
      finishReason: error ? 'error' : 'stop',
      error: error ? { code: 'server-error', message: 'The endpoint failed (503).', action: 'Retry' } : null,
      usage: null,
      metrics: {
        ttftMs: e2e / 5,
        ttfoMs: e2e / 5,
        e2eMs: e2e,
        decodeTokensPerS: 40 - c * 3,
        prefillTokensPerS: 500,
        promptTokens: 100,
        completionTokens: 50,
        tokensEstimated: false,
        finishReason: error ? 'error' : 'stop',
        engineStats: {},
      },
      cost: c < 2 ? null : { value: 0.0001 * c, currency: 'USD', asOf: '2026-12-01', estimated: false },
      category,
      candidate: `c${c}`,
      grade: { pass, failure: pass ? null : error ? 'error' : 'wrong-answer', detail: '' },
      judgeCost: null,
    };
  });
}

/**
 * What the Evaluate screen computes whenever a result arrives (its derived state): samples,
 * every aggregate, every paired test and decision, the Pareto places and the routing table.
 */
export const decideBench: Benchmark = {
  group: 'decide',
  async run() {
    const records = benchRecords();
    const facts: CandidateFacts[] = Array.from({ length: CANDIDATES }, (_, c) => ({
      id: `c${c}`,
      label: `model-${c}`,
      contextWindow: 32768,
      takesImages: false,
      fits: { ok: true },
      currency: 'USD',
    }));
    const targets = Object.fromEntries(
      facts.map((f) => [f.id, { label: f.label, runtime: 'remote' as const, modelId: f.label }]),
    );
    const times: number[] = [];
    for (let trial = 0; trial < 7; trial++) {
      const t0 = performance.now();
      const samples = records.flatMap((r) => sampleOf(r) ?? []);
      const aggregates = aggregate(samples);
      const decisions = decide(DEFAULT_WORKLOAD, facts, aggregates, samples);
      paretoPlaces(DEFAULT_WORKLOAD, aggregates);
      routingTable('bench', DEFAULT_WORKLOAD, decisions, aggregates, targets, '2026-12-03T00:00:00.000Z');
      times.push(performance.now() - t0);
    }
    return [
      {
        id: 'decide.aggregate_10k_ms',
        value: Math.round(median(times.slice(1)) * 10) / 10,
        unit: 'ms',
        better: 'lower',
        note: `from 10,000 stored results (6 candidates x 10 categories) to samples, aggregates, paired tests, decisions, Pareto and routing table, as Evaluate derives them; median of 6 after one warm-up; target < 100`,
      },
    ];
  },
};

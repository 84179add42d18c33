import { describe, expect, it } from 'vitest';
import { ALL, aggregate, type GradedSample } from '../../src/core/aggregate';
import { paretoFront } from '../../src/core/pareto';
import { commonExclusions, rank, recommend, type Recommendation } from '../../src/core/recommend';
import { routingTable } from '../../src/core/routing';
import type { FailureCategory } from '../../src/core/suite';
import { wilson } from '../../src/core/wilson';
import { BUILTIN_SUITES } from '../../src/catalog/suites/builtin';
import {
  DEFAULT_WORKLOAD,
  estimateTokens,
  suiteContextNeed,
  uncheckedConstraints,
  unmetConstraints,
  type CandidateFacts,
} from '../../src/core/workload';

describe('Wilson 95% interval', () => {
  it('matches worked examples', () => {
    const a = wilson(8, 10);
    expect(a?.low).toBeCloseTo(0.4902, 4);
    expect(a?.high).toBeCloseTo(0.9433, 4);
    const none = wilson(0, 10);
    expect(none?.low).toBe(0);
    expect(none?.high).toBeCloseTo(0.2775, 4);
    const all = wilson(20, 20);
    expect(all?.high).toBe(1);
    expect(all?.low).toBeCloseTo(0.8389, 4);
    expect(wilson(0, 0)).toBeNull();
  });
});

describe('Pareto front (quality up, latency down)', () => {
  it('keeps exactly the points nothing beats on both axes', () => {
    const front = paretoFront([
      { id: 'small', quality: 0.6, latency: 300 },
      { id: 'mid', quality: 0.8, latency: 900 },
      { id: 'large', quality: 0.95, latency: 2500 },
      { id: 'slow-mid', quality: 0.8, latency: 1500 },
      { id: 'bad', quality: 0.5, latency: 1000 },
    ]);
    expect([...front].sort()).toEqual(['large', 'mid', 'small']);
  });

  it('ties are all kept', () => {
    expect(
      paretoFront([
        { id: 'a', quality: 1, latency: 1 },
        { id: 'b', quality: 1, latency: 1 },
      ]).size,
    ).toBe(2);
  });
});

const sample = (
  candidate: string,
  category: string,
  pass: boolean,
  e2eMs: number,
  cost: number | null,
  failure: FailureCategory | null = pass ? null : 'wrong-answer',
): GradedSample => ({
  candidate,
  category,
  grade: { pass, failure, detail: '' },
  ttftMs: e2eMs / 4,
  e2eMs,
  decodeTokensPerS: 20,
  cost,
  judgeCost: 0.001,
});

describe('aggregates', () => {
  const samples = [
    sample('m', 'math', true, 1000, 0.01),
    sample('m', 'math', false, 2000, 0.02),
    sample('m', 'math', true, 3000, 0.03),
    sample('m', 'math', false, 4000, 0.04, 'truncated'),
    sample('m', 'json', true, 500, 0.01),
  ];
  const aggs = aggregate(samples);
  const math = aggs.find((a) => a.candidate === 'm' && a.category === 'math');
  const all = aggs.find((a) => a.candidate === 'm' && a.category === ALL);

  it('cost per success counts every attempt: (0.01 + 0.02 + 0.03 + 0.04) / 2 passes = 0.05', () => {
    expect(math?.totalCost).toBeCloseTo(0.1, 12);
    expect(math?.costPerSuccess).toBeCloseTo(0.05, 12);
    expect(all?.costPerSuccess).toBeCloseTo(0.11 / 3, 12);
  });

  it('pass rate with its interval, percentiles, failures by category, judge cost apart', () => {
    expect(math).toMatchObject({ n: 4, passes: 2, passRate: 0.5 });
    expect(math?.ci?.low).toBeCloseTo(wilson(2, 4)?.low ?? NaN, 12);
    expect(math?.e2e.p50).toBe(2500);
    expect(math?.e2e.p95).toBeCloseTo(3850, 9);
    expect(math?.failures).toMatchObject({ 'wrong-answer': 1, truncated: 1, refusal: 0 });
    expect(math?.judgeCost).toBeCloseTo(0.004, 12);
  });

  it('unknown prices make the cost unknown; no pass makes cost per success infinite', () => {
    const [unknown] = aggregate([sample('x', 'c', true, 1, null)]);
    expect(unknown?.costPerSuccess).toBeNull();
    const [never] = aggregate([sample('y', 'c', false, 1, 0.01)]);
    expect(never?.costPerSuccess).toBe(Infinity);
  });
});

const facts = (id: string, over: Partial<CandidateFacts> = {}): CandidateFacts => ({
  id,
  label: id,
  contextWindow: 32768,
  takesImages: false,
  fits: { ok: true },
  currency: 'USD',
  ...over,
});

describe('constraints, ranking and recommendations', () => {
  // Per category "qa": fast is quick and cheap but weaker, big is best and slow, mid between.
  const samples: GradedSample[] = [
    ...Array.from({ length: 10 }, (_, i) => sample('fast', 'qa', i < 8, 300, 0.0001)),
    ...Array.from({ length: 10 }, (_, i) => sample('mid', 'qa', i < 9, 900, 0.0005)),
    ...Array.from({ length: 10 }, (_, i) => sample('big', 'qa', i < 10, 3000, 0.004)),
    ...Array.from({ length: 10 }, () => sample('broken', 'qa', false, 100, 0)),
  ];
  const aggs = aggregate(samples);
  const cands = [facts('fast'), facts('mid'), facts('big'), facts('broken')];

  it('deep reasoning ranks by quality; moderate by cost within 5 points; light by speed within 10', () => {
    const qa = aggs.filter((a) => a.category === 'qa' && a.passes > 0);
    expect(rank(qa, 'deep').map((a) => a.candidate)).toEqual(['big', 'mid', 'fast']);
    // mid (90%) is not within 5 points of big (100%), so moderate keeps quality order...
    expect(rank(qa, 'moderate').map((a) => a.candidate)).toEqual(['big', 'mid', 'fast']);
    // ...but is within 10, so light takes the faster mid; fast (80%) is too far behind.
    expect(rank(qa, 'light').map((a) => a.candidate)).toEqual(['mid', 'big', 'fast']);
    const cheaper = aggregate([
      ...Array.from({ length: 20 }, (_, i) => sample('a', 'qa', i < 19, 900, 0.002)),
      ...Array.from({ length: 20 }, (_, i) => sample('b', 'qa', i < 20, 900, 0.004)),
    ]).filter((a) => a.category === 'qa');
    expect(rank(cheaper, 'moderate').map((a) => a.candidate)).toEqual(['a', 'b']);
    expect(rank(cheaper, 'deep').map((a) => a.candidate)).toEqual(['b', 'a']);
  });

  it('flags what cannot meet the workload, with reasons, and names best and runner-up', () => {
    const workload = { ...DEFAULT_WORKLOAD, latencyP95Ms: 2000, reasoning: 'deep' as const };
    const [qa] = recommend(workload, cands, aggs);
    expect(qa?.best?.candidate).toBe('mid');
    expect(qa?.runnerUp?.candidate).toBe('fast');
    expect(qa?.excluded).toEqual([
      { candidate: 'big', reasons: ['P95 end-to-end 3000 ms > target 2000 ms'] },
      { candidate: 'broken', reasons: ['passed no task'] },
    ]);
    expect(qa?.best?.why).toMatch(/^passes 9\/10 \(90% \[\d+%–\d+%\]\), P95 900 ms, 0.500 per 1,000 tasks$/);
  });

  it('cost ceilings per 1,000 tasks or per day, context and modality', () => {
    const big = aggs.find((a) => a.candidate === 'big' && a.category === 'qa') ?? null;
    const ceiling = { amount: 1, currency: 'USD', per: 'per-1000-tasks' as const, tasksPerDay: 0 };
    expect(unmetConstraints({ ...DEFAULT_WORKLOAD, costCeiling: ceiling }, facts('big'), big)).toEqual([
      'costs 4.0000 USD per 1,000 tasks > ceiling 1',
    ]);
    const daily = { amount: 5, currency: 'USD', per: 'per-day' as const, tasksPerDay: 2000 };
    expect(unmetConstraints({ ...DEFAULT_WORKLOAD, costCeiling: daily }, facts('big'), big)[0]).toContain(
      'a day',
    );
    expect(
      unmetConstraints(
        { ...DEFAULT_WORKLOAD, contextTokens: 65536, modality: 'text-image' },
        facts('x'),
        null,
      ),
    ).toEqual(['context window 32,768 tokens < 65,536 needed', 'takes no images']);
    expect(
      unmetConstraints(DEFAULT_WORKLOAD, facts('x', { fits: { ok: false, reason: 'needs 6 GB' } }), null),
    ).toEqual(['does not fit this device: needs 6 GB']);
    // An unknown context window is neither a pass nor a flag: it is said to be unchecked.
    const remote = facts('x', { contextWindow: null });
    expect(unmetConstraints({ ...DEFAULT_WORKLOAD, contextTokens: 65536 }, remote, null)).toEqual([]);
    expect(uncheckedConstraints({ ...DEFAULT_WORKLOAD, contextTokens: 65536 }, remote)).toEqual([
      'context window not known here: check that it holds the 65,536 tokens needed',
    ]);
    expect(uncheckedConstraints(DEFAULT_WORKLOAD, facts('x'))).toEqual([]);
  });

  it('the routing table maps each category to the best model with the runner-up as fallback', () => {
    const recs = recommend({ ...DEFAULT_WORKLOAD, reasoning: 'deep' }, cands, aggs);
    const target = (id: string) => ({
      label: id,
      runtime: 'remote' as const,
      modelId: id,
      baseUrl: 'https://x/v1',
    });
    const table = routingTable(
      'Suite',
      DEFAULT_WORKLOAD,
      recs,
      aggs,
      { fast: target('fast'), mid: target('mid'), big: target('big') },
      '2026-11-29T00:00:00.000Z',
    );
    expect(table.routes).toEqual([
      expect.objectContaining({ category: 'qa', model: target('big'), fallback: target('mid'), passRate: 1 }),
    ]);
    expect(JSON.stringify(table)).not.toMatch(/key/i);
  });
});

describe('left out everywhere', () => {
  const rec = (category: string, excluded: Recommendation['excluded']): Recommendation => ({
    category,
    best: null,
    runnerUp: null,
    excluded,
  });

  it('a reason shared by every category is said once; the rest stay per category', () => {
    const small = 'context window 2,048 tokens < 4,096 needed';
    const recs = [
      rec('math', [{ candidate: 'tiny', reasons: [small, 'passed no task'] }]),
      rec('code', [
        { candidate: 'tiny', reasons: [small] },
        { candidate: 'big', reasons: ['P95 end-to-end 9000 ms > target 3000 ms'] },
      ]),
    ];
    expect(commonExclusions(recs)).toEqual({ tiny: [small] });
    expect(commonExclusions(recs.slice(0, 1))).toEqual({});
    expect(commonExclusions([])).toEqual({});
  });
});

describe('context a suite needs', () => {
  const suite = (id: string) => {
    const s = BUILTIN_SUITES.find((x) => x.id === id);
    if (!s) throw new Error(id);
    return s;
  };

  it('estimates a quarter token per character, one per CJK character', () => {
    expect(estimateTokens('abcd'.repeat(10))).toBe(10);
    expect(estimateTokens('你好世界')).toBe(4);
    expect(estimateTokens('Qwen 你好')).toBe(2 + 2);
  });

  it('the longest task decides, with its new tokens under the cap', () => {
    // ~3,000 words of context: more than the tiny model's 2,048 tokens; the quick mix fits.
    expect(suiteContextNeed(suite('builtin-long-context'), null)).toBeGreaterThan(2048);
    const quick = suiteContextNeed(suite('builtin-quick'), null);
    expect(quick).toBeLessThan(2048);
    expect(suiteContextNeed(suite('builtin-quick'), 8)).toBeLessThan(quick);
  });
});

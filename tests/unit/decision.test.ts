import { describe, expect, it } from 'vitest';
import { ALL, aggregate, type GradedSample } from '../../src/core/aggregate';
import { paretoFront } from '../../src/core/pareto';
import { commonExclusions, decide, paretoPlaces, type CategoryDecision } from '../../src/core/decide';
import { routingTable } from '../../src/core/routing';
import { publishedSchema } from '../support/schemas';
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

let items = 0;
const sample = (
  candidate: string,
  category: string,
  pass: boolean,
  e2eMs: number,
  cost: number | null,
  failure: FailureCategory | null = pass ? null : 'wrong-answer',
  item = `t${items++}|1`,
): GradedSample => ({
  candidate,
  category,
  item,
  stress: null,
  completed: failure !== 'error' && failure !== 'timeout',
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

/** n samples of a candidate in a category on items q0..q(n-1), the first `passes` passing. */
const runOf = (
  candidate: string,
  category: string,
  n: number,
  passes: number,
  e2eMs: number,
  cost: number | null,
) =>
  Array.from({ length: n }, (_, i) =>
    sample(candidate, category, i < passes, e2eMs, cost, undefined, `${category}-q${i}|1`),
  );

describe('latency and cost from completed generations only', () => {
  it('an engine error is not a fast reply: it counts in the error rate, not in P50/P95 or cost', () => {
    const aggs = aggregate([
      sample('e', 'c', true, 2000, 0.01),
      sample('e', 'c', false, 3000, 0.01),
      sample('e', 'c', false, 100, null, 'error'),
      sample('e', 'c', false, 120, null, 'timeout'),
    ]);
    const a = aggs.find((x) => x.category === 'c');
    expect(a).toMatchObject({ n: 4, completed: 2, errorRate: 0.5, passes: 1 });
    expect(a?.e2e.p50).toBe(2500);
    expect(a?.ttft.n).toBe(2);
    // The errors' unknown price does not make the candidate's cost unknown.
    expect(a?.costPerSuccess).toBeCloseTo(0.02, 12);
  });

  it('a candidate whose every generation errored has no latency and cannot be Pareto-optimal', () => {
    const aggs = aggregate([
      ...Array.from({ length: 3 }, () => sample('dead', 'c', false, 114, null, 'error')),
      ...runOf('ok', 'c', 10, 9, 900, 0.001),
      ...runOf('weak', 'c', 10, 2, 50, 0.0001),
    ]);
    const places = paretoPlaces(DEFAULT_WORKLOAD, aggs);
    expect(places.find((p) => p.id === 'dead')).toMatchObject({
      latency: null,
      optimal: false,
      why: 'no completed reply',
    });
    // Fastest by far, but 20% is below the 80% floor: not a trade-off worth offering.
    expect(places.find((p) => p.id === 'weak')).toMatchObject({ optimal: false, eligible: false });
    expect(places.find((p) => p.id === 'ok')).toMatchObject({ optimal: true });
  });
});

describe('decisions per category: floor, default, stronger fallback, paired test', () => {
  // Per category "qa": fast is quick and cheap, at the floor; mid and big are stronger and dearer.
  const samples: GradedSample[] = [
    ...runOf('fast', 'qa', 10, 8, 300, 0.0001),
    ...runOf('mid', 'qa', 10, 9, 900, 0.0005),
    ...runOf('big', 'qa', 10, 10, 3000, 0.004),
    ...Array.from({ length: 10 }, (_, i) => sample('broken', 'qa', false, 100, 0, 'error', `qa-q${i}|1`)),
  ];
  const aggs = aggregate(samples);
  const cands = [facts('fast'), facts('mid'), facts('big'), facts('broken')];
  const one = (workload = DEFAULT_WORKLOAD, s = samples) => {
    const d = decide(workload, cands, aggregate(s), s).categories[0];
    if (!d) throw new Error('no decision');
    return d;
  };

  it('moderate: the cheapest candidate that clears the floor routes; the strongest is the fallback', () => {
    const qa = one();
    expect(qa).toMatchObject({ floor: 0.8, chosenBy: 'cost', tieBreak: null });
    expect(qa.default?.candidate).toBe('fast');
    expect(qa.fallback?.candidate).toBe('big');
    expect(qa.standings.find((s) => s.candidate === 'broken')?.reasons).toEqual([
      'pass rate 0% below the 80% floor',
    ]);
    expect(qa.default?.why).toMatch(
      /^passes 8\/10 \(80% \[\d+%–\d+%\]\), P95 300 ms, 0.100 per 1,000 tasks$/,
    );
    // fast passes q0-q7, big every one: they disagree on two tasks, both one way: p = 0.5.
    expect(qa.test).toMatchObject({ n: 10, b: 0, c: 2, separated: false });
    expect(qa.test?.p).toBeCloseTo(0.5, 12);
  });

  it('light picks the fastest above the floor, deep the strongest, with "none stronger" said plainly', () => {
    expect(one({ ...DEFAULT_WORKLOAD, reasoning: 'light' }).default?.candidate).toBe('fast');
    const deep = one({ ...DEFAULT_WORKLOAD, reasoning: 'deep' });
    expect(deep.default?.candidate).toBe('big');
    expect(deep.fallback).toBeNull();
    expect(deep.nextBest?.candidate).toBe('mid');
  });

  it('a higher floor, strict mode and constraints change who is admitted', () => {
    expect(one({ ...DEFAULT_WORKLOAD, categoryFloors: { qa: 0.9 } }).default?.candidate).toBe('mid');
    // Strict: 8/10 and 9/10 have lower interval ends far below 80%; 10/10 (0.72) too.
    const strict = one({ ...DEFAULT_WORKLOAD, strictFloor: true });
    expect(strict.default).toBeNull();
    expect(strict.standings.find((s) => s.candidate === 'big')?.reasons[0]).toMatch(/^not established/);
    const slow = one({ ...DEFAULT_WORKLOAD, latencyP95Ms: 2000, categoryFloors: { qa: 0.85 } });
    expect(slow.default?.candidate).toBe('mid');
    expect(slow.standings.find((s) => s.candidate === 'big')?.reasons).toEqual([
      'P95 end-to-end 3000 ms > target 2000 ms',
    ]);
  });

  it('an eligible default not yet established says how many more tasks would establish it', () => {
    expect(one({ ...DEFAULT_WORKLOAD, categoryFloors: { qa: 0.85 } }).default).toMatchObject({
      candidate: 'mid',
      moreToEstablish: expect.any(Number),
    });
  });

  it('a never-calling model that passes only the "make no call" items is never the route for tools', () => {
    const tools = [
      ...runOf('never-calls', 'tools', 15, 5, 200, 0),
      ...runOf('caller', 'tools', 15, 13, 800, 0.001),
    ];
    const d = decide(DEFAULT_WORKLOAD, [facts('never-calls'), facts('caller')], aggregate(tools), tools);
    expect(d.categories[0]?.default?.candidate).toBe('caller');
    const none = decide(DEFAULT_WORKLOAD, [facts('never-calls')], aggregate(tools), tools).categories[0];
    expect(none?.default).toBeNull();
  });

  it('equal pass rates are not separated, and a tie on cost is broken by latency, said so', () => {
    const twins = [...runOf('a', 'qa', 10, 9, 500, 0), ...runOf('b', 'qa', 10, 9, 700, 0)];
    const d = decide(DEFAULT_WORKLOAD, [facts('a'), facts('b')], aggregate(twins), twins).categories[0];
    expect(d?.default?.candidate).toBe('a');
    expect(d?.tieBreak).toBe('tied on cost; the faster one (P95 end-to-end) is the default');
    expect(d?.fallback).toBeNull();
    expect(d?.test).toMatchObject({ n: 10, b: 0, c: 0, p: 1, separated: false });
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

  it('the routing table sends each category to its default with the stronger fallback and both evidences', () => {
    const extra = runOf('fast', 'math', 10, 2, 300, 0.0001);
    const all = [...samples, ...extra];
    const decisions = decide(DEFAULT_WORKLOAD, [facts('fast'), facts('big')], aggregate(all), all);
    const target = (id: string) => ({
      label: id,
      runtime: 'remote' as const,
      modelId: id,
      baseUrl: 'https://x/v1',
    });
    const table = routingTable(
      'Suite',
      DEFAULT_WORKLOAD,
      decisions,
      aggregate(all),
      { fast: target('fast'), big: target('big') },
      '2026-11-29T00:00:00.000Z',
    );
    expect(table.version).toBe(2);
    expect(table.routes).toEqual([
      expect.objectContaining({
        category: 'qa',
        model: target('fast'),
        evidence: expect.objectContaining({ n: 10, passes: 8, p95Ms: 300 }),
        fallback: { model: target('big'), evidence: expect.objectContaining({ passes: 10 }) },
        pairedTest: expect.objectContaining({ n: 10, separated: false }),
      }),
    ]);
    // Nobody clears the floor in math: no route there, said why, never the best of the failing.
    expect(table.unrouted).toEqual([{ category: 'math', reason: 'no candidate clears the 80% floor' }]);
    expect(table.defaultRoute?.model).toEqual(target('big'));
    expect(JSON.stringify(table)).not.toMatch(/key/i);
    const validate = publishedSchema('routing-table');
    expect(validate(table), JSON.stringify(validate.errors)).toBe(true);
  });

  it('routing files of version 1 still validate; an unknown version is refused', () => {
    const validate = publishedSchema('routing-table');
    const v1 = {
      format: 'qwenfit-routing',
      version: 1,
      createdAt: '2026-11-29T00:00:00.000Z',
      suite: 'S',
      workload: {
        reasoning: 'moderate',
        latencyP95Ms: null,
        costCeiling: null,
        contextTokens: 4096,
        modality: 'text',
      },
      routes: [
        {
          category: 'qa',
          model: { label: 'x', runtime: 'remote', modelId: 'm' },
          fallback: null,
          passRate: 1,
          passRateCi: [0.7, 1],
          p95Ms: 10,
          costPer1000: null,
        },
      ],
    };
    expect(validate(v1), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...v1, version: 3 })).toBe(false);
  });
});

describe('left out everywhere', () => {
  const dec = (
    category: string,
    standings: { candidate: string; reasons: string[] }[],
  ): CategoryDecision => ({
    category,
    floor: 0.8,
    strict: false,
    chosenBy: 'cost',
    default: null,
    tieBreak: null,
    fallback: null,
    nextBest: null,
    test: null,
    standings: standings.map((x) => ({ ...x, aggregate: null, floor: null })),
  });

  it('a reason shared by every category is said once; the rest stay per category', () => {
    const small = 'context window 2,048 tokens < 4,096 needed';
    const decisions = [
      dec('math', [{ candidate: 'tiny', reasons: [small, 'pass rate 0% below the 80% floor'] }]),
      dec('code', [
        { candidate: 'tiny', reasons: [small] },
        { candidate: 'big', reasons: ['P95 end-to-end 9000 ms > target 3000 ms'] },
      ]),
    ];
    expect(commonExclusions(decisions)).toEqual({ tiny: [small] });
    expect(commonExclusions(decisions.slice(0, 1))).toEqual({});
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

import { describe, expect, it } from 'vitest';
import type { EvaluateConfig } from '../../src/core/evaluate-plan';
import { buildPlan, type Plan } from '../../src/core/plan';
import { compareWithBaseline, DEFAULT_THRESHOLDS, type PlannedRun } from '../../src/core/regression';
import type { ResultRecord } from '../../src/core/results';
import { bootstrapPercentileChange } from '../../src/core/stats';
import type { Suite } from '../../src/core/suite';
import { evaluateConfig } from '../support/plans';
import { resultFixture } from '../support/result-fixtures';

const TASKS = 12;
const suite: Suite = {
  id: 'builtin-x',
  name: 'X',
  source: 'built-in',
  updatedAt: '2026-12-03T00:00:00.000Z',
  tasks: Array.from({ length: TASKS }, (_, i) => ({
    id: `t${i + 1}`,
    category: i < 8 ? 'math' : 'triage',
    messages: [{ role: 'user' as const, content: `q${i}` }],
    grader: { type: 'exact' as const, expected: 'a' },
  })),
};
const ondevice = { kind: 'ondevice' as const, modelKey: 'transformers:tiny', device: 'wasm' as const };
const remote = { kind: 'remote' as const, endpointId: 'ep', model: 'qwen-plus' };
const config = (candidates: EvaluateConfig['candidates']): EvaluateConfig =>
  evaluateConfig({ suiteId: suite.id, candidates });
const endpoint = {
  id: 'ep',
  name: 'Cloud',
  presetId: 'custom',
  baseUrl: 'http://127.0.0.1:1/v1',
  thinking: 'none' as const,
  useProxy: false,
  connectTimeoutMs: 1,
  idleTimeoutMs: 1,
  maxRetries: 0,
  models: ['qwen-plus'],
};
const planOf = (candidates: EvaluateConfig['candidates']): Plan =>
  buildPlan(config(candidates), suite, [endpoint], true);

/** One run's results: candidate id -> which tasks pass, and each reply's end-to-end time. */
function run(
  plan: Plan,
  spec: Record<string, { pass: (i: number) => boolean; e2e: (i: number) => number; cost?: number }>,
): PlannedRun {
  const results: ResultRecord[] = Object.entries(spec).flatMap(([candidate, s]) =>
    suite.tasks.map((t, i) =>
      resultFixture({
        id: `${candidate}-${t.id}`,
        taskId: `${candidate}|${t.id}|1`,
        candidate,
        category: t.category,
        output: s.pass(i) ? 'a' : 'b',
        grade: { pass: s.pass(i), failure: s.pass(i) ? null : 'wrong-answer', detail: '' },
        metrics: { ...resultFixture().metrics, e2eMs: s.e2e(i) },
        cost: { value: s.cost ?? 0.001, currency: 'USD', asOf: '2026-12-01', estimated: false },
      }),
    ),
  );
  return { plan, results };
}

const steady = (i: number) => 400 + (i % 4) * 10;

describe('regression verdicts', () => {
  const plan = planOf([
    { id: 'c1', target: ondevice },
    { id: 'c2', target: remote },
  ]);
  const base = run(plan, {
    c1: { pass: () => true, e2e: steady },
    c2: { pass: (i) => i !== 0, e2e: steady },
  });

  it('calls the same outcomes unchanged, on every candidate and category', () => {
    const report = compareWithBaseline(
      base,
      run(plan, { c1: { pass: () => true, e2e: steady }, c2: { pass: (i) => i !== 0, e2e: steady } }),
    );
    expect(report.verdict).toBe('unchanged');
    expect(report.rows.map((r) => `${r.label}/${r.category}:${r.verdict}`)).toEqual([
      'transformers:tiny (WASM)/all:unchanged',
      'transformers:tiny (WASM)/math:unchanged',
      'transformers:tiny (WASM)/triage:unchanged',
      'qwen-plus @ Cloud/all:unchanged',
      'qwen-plus @ Cloud/math:unchanged',
      'qwen-plus @ Cloud/triage:unchanged',
    ]);
    expect(report.rows[0]?.flips).toEqual([]);
    expect(report.rows[0]?.paired?.p).toBe(1);
  });

  it('flags a candidate that lost 8 of 12 tasks, names the category, and lists the flips losses first', () => {
    const after = run(plan, {
      c1: { pass: (i) => (i >= 8 || i === 0 ? i >= 8 : false), e2e: steady },
      c2: { pass: (i) => i !== 0, e2e: steady },
    });
    const report = compareWithBaseline(base, after);
    expect(report.verdict).toBe('regressed');
    const all = report.rows.find((r) => r.target.startsWith('ondevice') && r.category === 'all');
    // 8 discordant pairs all one way: p = 2 / 2^8 = 0.0078.
    expect(all?.paired).toMatchObject({ n: 12, b: 0, c: 8 });
    expect(all?.paired?.p).toBeCloseTo(2 / 256, 10);
    expect(all?.verdict).toBe('regressed');
    expect(all?.reasons[0]).toMatch(
      /^pass rate -66\.7 points .*McNemar p = 0\.0078, 8 lost, 0 gained of 12 paired/,
    );
    expect(all?.flips).toHaveLength(8);
    expect(all?.flips[0]).toMatchObject({ item: 't1|1', direction: 'pass-to-fail' });
    expect(all?.flips[0]?.before.output).toBe('a');
    expect(all?.flips[0]?.after.output).toBe('b');
    const byCategory = report.rows
      .filter((r) => r.target.startsWith('ondevice'))
      .map((r) => `${r.category}:${r.verdict}`);
    expect(byCategory).toEqual(['all:regressed', 'math:regressed', 'triage:unchanged']);
    expect(
      report.rows.filter((r) => r.target.startsWith('remote')).every((r) => r.verdict === 'unchanged'),
    ).toBe(true);
  });

  it('leaves a drop too small to separate from noise unchanged (2 of 12: p = 0.5), and a larger one past the threshold improved', () => {
    const small = run(plan, {
      c1: { pass: (i) => i > 1, e2e: steady },
      c2: { pass: (i) => i !== 0, e2e: steady },
    });
    expect(compareWithBaseline(base, small).rows[0]?.verdict).toBe('unchanged');
    const worse = run(plan, {
      c1: { pass: () => false, e2e: steady },
      c2: { pass: (i) => i !== 0, e2e: steady },
    });
    const better = compareWithBaseline(worse, base);
    expect(better.rows[0]?.verdict).toBe('improved');
    expect(better.verdict).toBe('improved');
  });

  it('flags P95 growth beyond the threshold only when its bootstrap interval excludes no change', () => {
    const slow = run(plan, {
      c1: { pass: () => true, e2e: (i) => steady(i) * 2 },
      c2: { pass: (i) => i !== 0, e2e: steady },
    });
    const report = compareWithBaseline(base, slow);
    expect(report.rows[0]?.verdict).toBe('regressed');
    expect(report.rows[0]?.reasons.join(' ')).toMatch(/^P95 430 ms → 860 ms \(\+100%/);
    const off = compareWithBaseline(base, slow, { ...DEFAULT_THRESHOLDS, maxP95Growth: null });
    expect(off.rows[0]?.verdict).toBe('unchanged');
  });

  it('flags cost per success growth beyond its threshold', () => {
    const dear = run(plan, {
      c1: { pass: () => true, e2e: steady },
      c2: { pass: (i) => i !== 0, e2e: steady, cost: 0.002 },
    });
    const report = compareWithBaseline(base, dear);
    const row = report.rows.find((r) => r.target.startsWith('remote') && r.category === 'all');
    expect(row?.verdict).toBe('regressed');
    expect(row?.reasons).toEqual(['cost per success +100%']);
  });

  it('matches candidates by model and runtime, not position, and says what cannot be compared', () => {
    const swapped = planOf([
      { id: 'c1', target: remote },
      { id: 'c2', target: { ...ondevice, device: 'webgpu' } },
    ]);
    const after = run(swapped, {
      c1: { pass: (i) => i !== 0, e2e: steady },
      c2: { pass: () => true, e2e: steady },
    });
    const report = compareWithBaseline(base, after);
    const verdicts = report.rows.filter((r) => r.category === 'all').map((r) => `${r.label}:${r.verdict}`);
    expect(verdicts).toEqual(['qwen-plus @ Cloud:unchanged', 'transformers:tiny (WebGPU):not-comparable']);
    expect(report.rows.find((r) => r.verdict === 'not-comparable')?.reasons).toEqual([
      'not in the baseline run',
    ]);
    const edited = { ...plan, suite: { ...plan.suite, hash: 'ffffffff' } };
    const changed = compareWithBaseline(base, { ...base, plan: edited });
    expect(changed.verdict).toBe('not-comparable');
    expect(changed.notComparable).toMatch(/suite changed between the runs/);
  });
});

describe('bootstrap interval of a percentile change', () => {
  const a = Array.from({ length: 40 }, (_, i) => 100 + i);
  it('is the same for the same data and seed, and straddles zero for two equal samples', () => {
    const ci = bootstrapPercentileChange(a, a, 95, { seed: 3 });
    expect(ci).toEqual(bootstrapPercentileChange(a, a, 95, { seed: 3 }));
    expect(ci?.low).toBeLessThanOrEqual(0);
    expect(ci?.high).toBeGreaterThanOrEqual(0);
  });
  it('is exactly the shift when every value moves by the same amount and resamples match', () => {
    const constant = Array(30).fill(200) as number[];
    expect(
      bootstrapPercentileChange(
        constant,
        constant.map((x) => x + 50),
        50,
      ),
    ).toEqual({ low: 50, high: 50 });
  });
  it('lies above zero when the second sample is clearly slower, and is null for an empty side', () => {
    const ci = bootstrapPercentileChange(
      a,
      a.map((x) => x * 2),
      95,
    );
    expect(ci?.low).toBeGreaterThan(0);
    expect(bootstrapPercentileChange([], a, 95)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import Ajv from 'ajv';
import planSchema from '../../docs/plan.schema.json';
import suiteSchema from '../../docs/suite.schema.json';
import type { RemoteEndpoint } from '../../src/core/endpoint';
import type { EvaluateConfig } from '../../src/core/evaluate-plan';
import { canonicalJson } from '../../src/core/hash';
import { buildPlan, checkPlan, keyVariable, parsePlan, planKey, suiteHash } from '../../src/core/plan';
import { DEFAULT_THRESHOLDS } from '../../src/core/regression';
import type { Suite } from '../../src/core/suite';
import { DEFAULT_WORKLOAD } from '../../src/core/workload';

const suite: Suite = {
  id: 'mine',
  name: 'Mine',
  source: 'user',
  updatedAt: '2026-12-03T00:00:00.000Z',
  tasks: [
    {
      id: 't1',
      category: 'math',
      messages: [{ role: 'user', content: '2+2?' }],
      grader: { type: 'exact', expected: '4' },
    },
  ],
};
const endpoint: RemoteEndpoint = {
  id: 'ep-1',
  name: 'Local vLLM',
  presetId: 'vllm',
  baseUrl: 'http://127.0.0.1:8000/v1',
  thinking: 'none',
  useProxy: false,
  connectTimeoutMs: 10000,
  idleTimeoutMs: 30000,
  maxRetries: 2,
  models: ['qwen3-8b'],
};
const config: EvaluateConfig = {
  version: 1,
  suiteId: 'mine',
  candidates: [
    { id: 'c1', target: { kind: 'ondevice', modelKey: 'transformers:tiny', device: 'wasm' } },
    { id: 'c2', target: { kind: 'remote', endpointId: 'ep-1', model: 'qwen3-8b' } },
  ],
  repeats: 2,
  maxTokensCap: 64,
  judge: null,
  workload: { ...DEFAULT_WORKLOAD },
  baseline: null,
  stress: { seed: 3, specs: [{ kind: 'noise', severity: 0.1 }] },
  thresholds: { ...DEFAULT_THRESHOLDS },
};
const other: RemoteEndpoint = { ...endpoint, id: 'unused', name: 'Unused' };
const plan = buildPlan(config, suite, [endpoint, other], false);

describe('plans', () => {
  it('round-trips through JSON: the schema, the checks and the set-up come back unchanged', () => {
    const back = parsePlan(JSON.stringify(plan));
    expect(back).toEqual({ ok: true, plan });
    const validate = new Ajv({ strict: false, schemas: [suiteSchema] }).compile(planSchema);
    expect(validate(JSON.parse(JSON.stringify(plan)))).toBe(true);
  });

  it('names the endpoints its candidates use, without keys, and carries a user suite but not a built-in one', () => {
    expect(plan.endpoints.map((e) => e.id)).toEqual(['ep-1']);
    expect(JSON.stringify(plan)).not.toMatch(/apiKey|"key"/i);
    expect(plan.suite.content).toEqual(suite);
    expect(buildPlan(config, suite, [endpoint], true).suite.content).toBeUndefined();
  });

  it('hashes a suite by its id and tasks: key order and name do not matter, a task change does', () => {
    const reordered = JSON.parse(canonicalJson(suite)) as Suite;
    const renamed: Suite = { ...reordered, name: 'Renamed' };
    expect(suiteHash(renamed)).toBe(suiteHash(suite));
    const edited = {
      ...suite,
      tasks: [
        { ...(suite.tasks[0] as Suite['tasks'][number]), grader: { type: 'exact' as const, expected: '5' } },
      ],
    };
    expect(suiteHash(edited)).not.toBe(suiteHash(suite));
    expect(suiteHash(suite)).toMatch(/^[0-9a-f]{8}$/);
  });

  it('keys a plan by what changes its results: not the workload, thresholds or candidate order', () => {
    const k = planKey(plan);
    const judged = {
      ...config,
      workload: { ...DEFAULT_WORKLOAD, latencyP95Ms: 500 },
      thresholds: { ...DEFAULT_THRESHOLDS, maxPassRateDrop: 0.2 },
    };
    expect(planKey(buildPlan(judged, suite, [endpoint], false))).toBe(k);
    const swapped = { ...config, candidates: [...config.candidates].reverse() };
    expect(planKey(buildPlan(swapped, suite, [endpoint], false))).toBe(k);
    expect(planKey(buildPlan({ ...config, repeats: 3 }, suite, [endpoint], false))).not.toBe(k);
    expect(
      planKey(buildPlan({ ...config, stress: { ...config.stress, seed: 4 } }, suite, [endpoint], false)),
    ).not.toBe(k);
  });

  it('reads the key of each endpoint from one environment variable name', () => {
    expect(keyVariable('ep-1')).toBe('QWENFIT_KEY_EP_1');
    expect(keyVariable('dashscope')).toBe('QWENFIT_KEY_DASHSCOPE');
  });

  it('refuses malformed plans with the path and what is wrong, in plain words', () => {
    const errors = (value: unknown) => {
      const c = checkPlan(value);
      return c.ok ? [] : c.errors;
    };
    expect(parsePlan('{"format": ').ok).toBe(false);
    expect((parsePlan('{"format": ') as { errors: string[] }).errors[0]).toMatch(/^not valid JSON/);
    expect(errors([])[0]).toMatch(/not a Qwenfit plan/);
    expect(errors({ format: 'qwenfit-results' })[0]).toMatch(/results file, not a plan/);
    expect(errors({ ...plan, evaluation: { ...config, repeats: 0 } }).join(' ')).toMatch(
      /\/evaluation\/repeats/,
    );
    expect(errors({ ...plan, evaluation: { ...config, repeats: 'two' } }).join(' ')).toMatch(/whole number/);
    expect(errors({ ...plan, endpoints: [] }).join(' ')).toMatch(
      /candidates\/1\/target\/endpointId: names the endpoint "ep-1", which the plan's endpoints do not list/,
    );
    expect(errors({ ...plan, evaluation: { ...config, suiteId: 'else' } }).join(' ')).toMatch(
      /should be the suite's id/,
    );
    const twice = { ...config, candidates: [config.candidates[0], { ...config.candidates[0] }] };
    expect(errors({ ...plan, evaluation: twice }).join(' ')).toMatch(/"c1" is used twice/);
    expect(errors({ ...plan, suite: { ...plan.suite, hash: '00000000' } }).join(' ')).toMatch(
      /tasks were edited after the plan was saved/,
    );
    expect(errors({ ...plan, endpoints: [{ ...plan.endpoints[0], apiKey: 'sk-x' }] }).join(' ')).toMatch(
      /apiKey/,
    );
  });
});

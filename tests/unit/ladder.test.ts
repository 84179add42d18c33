import { describe, expect, it } from 'vitest';
import { ALL_WEBLLM_QWEN } from '../../src/catalog/catalog';
import { QWEN_FAMILY, parseQwen } from '../../src/catalog/qwen-family';
import { aggregate, type GradedSample } from '../../src/core/aggregate';
import { decide, outcomes } from '../../src/core/decide';
import { defaultBaseline, nextSteps, versusBaseline, type Offer, type Rung } from '../../src/core/ladder';
import type { Target } from '../../src/core/target';
import { DEFAULT_WORKLOAD, type CandidateFacts } from '../../src/core/workload';

describe('the Qwen family map', () => {
  it.each([
    ['Qwen2.5-Coder-1.5B-Instruct-q4f16_1-MLC', 'Qwen2.5-Coder', 'code', 1.5],
    ['Qwen3-0.6B-q4f32_1-MLC', 'Qwen3', 'general', 0.6],
    ['onnx-community/Qwen3-0.6B-ONNX', 'Qwen3', 'general', 0.6],
    ['Qwen3.5-9B-q4f16_1-MLC', 'Qwen3.5', 'general', 9],
    ['qwen3-32b', 'Qwen3', 'general', 32],
    ['qwen3-235b-a22b', 'Qwen3', 'general', 235],
    ['qwen/qwen-2.5-72b-instruct', 'Qwen2.5', 'general', 72],
    ['qwen2.5-math-72b-instruct', 'Qwen2.5-Math', 'math', 72],
    ['Qwen2.5-VL-7B-Instruct', 'Qwen2.5-VL', 'vision', 7],
    ['Qwen2-Math-7B-Instruct-q4f16_1-MLC', 'Qwen2-Math', 'math', 7],
    ['qwen-plus', 'Qwen (API)', 'general', 32],
    ['qwen-vl-max', 'Qwen-VL (API)', 'vision', 72],
    ['qwen3-coder-plus', 'Qwen3-Coder', 'code', 480],
  ])('reads %s as %s (%s, %sB)', (id, line, spec, size) => {
    expect(parseQwen(id)).toMatchObject({ line, spec, sizeB: size });
  });

  it('models built on Qwen by others are not Qwen lines', () => {
    expect(parseQwen('DeepSeek-R1-Distill-Qwen-7B-q4f16_1-MLC')).toBeNull();
    expect(parseQwen('llama-3-8b')).toBeNull();
  });

  it('every Qwen record of the installed web-llm reads as a line and size the map lists', () => {
    const qwen = ALL_WEBLLM_QWEN.filter((r) => !r.model_id.startsWith('DeepSeek'));
    expect(qwen.length).toBeGreaterThan(20);
    for (const r of qwen) {
      const m = parseQwen(r.model_id);
      expect(m, r.model_id).not.toBeNull();
      const line = QWEN_FAMILY.find((l) => l.line === m?.line);
      expect(line?.sizes, r.model_id).toContain(m?.sizeB);
    }
  });
});

const remote = (model: string): Target => ({ kind: 'remote', endpointId: 'e', model });
const rung = (id: string, model: string): Rung => ({ id, target: remote(model), model: parseQwen(model) });
const offer = (model: string): Offer => {
  const m = parseQwen(model);
  if (!m) throw new Error(model);
  return { target: remote(model), label: `${model} · e`, model: m };
};
const facts = (id: string): CandidateFacts => ({
  id,
  label: id,
  contextWindow: null,
  takesImages: false,
  fits: { ok: true },
  currency: 'USD',
});
const run = (candidate: string, category: string, passes: number, n = 10, cost = 0.001): GradedSample[] =>
  Array.from({ length: n }, (_, i) => ({
    candidate,
    category,
    item: `${category}-${i}|1`,
    stress: null,
    completed: true,
    grade: { pass: i < passes, failure: i < passes ? null : 'wrong-answer', detail: '' },
    ttftMs: 100,
    e2eMs: 1000,
    decodeTokensPerS: 20,
    cost,
    judgeCost: 0,
  }));

describe('the baseline ladder', () => {
  it('the baseline defaults to a remote mid-size model, else the largest', () => {
    expect(
      defaultBaseline([rung('a', 'qwen3-8b'), rung('b', 'qwen-plus'), rung('c', 'qwen3-235b-a22b')]),
    ).toBe('b');
    const local: Rung = {
      id: 'l',
      target: { kind: 'ondevice', modelKey: 'webllm:Qwen3-4B-q4f32_1-MLC', device: 'webgpu' },
      model: parseQwen('Qwen3-4B-q4f32_1-MLC'),
    };
    expect(defaultBaseline([local, rung('big', 'qwen3-235b-a22b')])).toBe('big');
    expect(defaultBaseline([])).toBeNull();
  });

  const rungs = [rung('c1', 'qwen3-32b'), rung('c2', 'qwen3-14b')];
  const offers = [
    offer('qwen3-32b'),
    offer('qwen3-14b'),
    offer('qwen3-8b'),
    offer('qwen3-235b-a22b'),
    offer('qwen3-coder-plus'),
  ];
  const steps = (samples: GradedSample[]) => {
    const aggs = aggregate(samples);
    const d = decide(DEFAULT_WORKLOAD, [facts('c1'), facts('c2')], aggs, samples);
    const vs = versusBaseline('c1', aggs, outcomes(samples));
    return { vs, steps: nextSteps(d.categories, rungs, offers, 'c1', vs, DEFAULT_WORKLOAD) };
  };

  it('quality held and not separated from the baseline: one size down from the route', () => {
    const { vs, steps: s } = steps([...run('c1', 'qa', 9, 10, 0.004), ...run('c2', 'qa', 9, 10, 0.001)]);
    expect(vs.find((v) => v.category === 'qa')).toMatchObject({
      test: { diff: 0, separated: false },
      costRatio: 0.25,
    });
    expect(s).toEqual([
      expect.objectContaining({ category: 'qa', kind: 'down', from: 'c2', offer: offer('qwen3-8b') }),
    ]);
  });

  it('no candidate clears the floor: one size up from the strongest, or the specialised variant', () => {
    const up = steps([...run('c1', 'tools', 5), ...run('c2', 'tools', 3)]).steps[0];
    expect(up).toMatchObject({ kind: 'up', from: 'c1', offer: offer('qwen3-235b-a22b') });
    const code = steps([...run('c1', 'code', 5), ...run('c2', 'code', 3)]).steps[0];
    expect(code).toMatchObject({ kind: 'specialise', offer: offer('qwen3-coder-plus') });
  });

  it('a route 20 points below the baseline gets no size-down suggestion, separated or not yet', () => {
    // c2 is cheaper and clears the 80% floor at 16/20; c1 passed 20/20. Four disagreements
    // cannot separate them (p = 0.125), but a 20-point drop is not quality holding.
    const s = steps([...run('c1', 'qa', 20, 20, 0.004), ...run('c2', 'qa', 16, 20, 0.001)]).steps;
    expect(s).toEqual([]);
  });
});

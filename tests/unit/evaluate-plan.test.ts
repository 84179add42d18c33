import { describe, expect, it } from 'vitest';
import {
  defaultCandidates,
  evaluationTasks,
  inPlanOrder,
  missingEvaluationTasks,
  parseEvaluateConfig,
  type EvaluateConfig,
} from '../../src/core/evaluate-plan';
import type { Suite } from '../../src/core/suite';
import { evaluateConfig } from '../support/plans';
import { DEFAULT_WORKLOAD } from '../../src/core/workload';

const TINY = 'transformers:tiny';
const suite: Suite = {
  id: 's',
  name: 'S',
  source: 'user',
  updatedAt: '2026-12-03T00:00:00.000Z',
  tasks: ['a', 'b'].map((id) => ({
    id,
    category: id === 'a' ? 'triage' : 'math',
    messages: [{ role: 'user', content: id }],
    grader: { type: 'exact', expected: id },
  })),
};
const config = (over: Partial<EvaluateConfig> = {}): EvaluateConfig =>
  evaluateConfig({
    suiteId: 's',
    candidates: defaultCandidates({ tinyKey: TINY, endpoint: null, webgpu: true }),
    repeats: 2,
    ...over,
  });

describe('evaluation plan', () => {
  it('starts from the tiny model on WASM against the first endpoint, else itself on WebGPU, else alone', () => {
    expect(
      defaultCandidates({ tinyKey: TINY, endpoint: { id: 'e', model: 'qwen-plus' }, webgpu: true }),
    ).toEqual([
      { id: 'c1', target: { kind: 'ondevice', modelKey: TINY, device: 'wasm' } },
      { id: 'c2', target: { kind: 'remote', endpointId: 'e', model: 'qwen-plus' } },
    ]);
    expect(defaultCandidates({ tinyKey: TINY, endpoint: null, webgpu: true })[1]?.target).toEqual({
      kind: 'ondevice',
      modelKey: TINY,
      device: 'webgpu',
    });
    expect(defaultCandidates({ tinyKey: TINY, endpoint: null, webgpu: false })).toHaveLength(1);
  });

  it('asks for every task on every candidate, repeated, and what is missing after an interruption', () => {
    const tasks = evaluationTasks(config(), suite);
    expect(tasks.map((t) => t.taskId)).toEqual([
      'c1|a|1',
      'c1|a|2',
      'c1|b|1',
      'c1|b|2',
      'c2|a|1',
      'c2|a|2',
      'c2|b|1',
      'c2|b|2',
    ]);
    const missing = missingEvaluationTasks(config(), suite, new Set(['c1|a|1', 'c2|b|2']));
    expect(missing).toHaveLength(6);
    expect(missing.map((t) => t.taskId)).not.toContain('c1|a|1');
  });

  it('reads a kept set-up back, and refuses one this version cannot use', () => {
    const kept = JSON.parse(JSON.stringify(config())) as unknown;
    expect(parseEvaluateConfig(kept)).toEqual(config());
    expect(parseEvaluateConfig({ ...config(), version: 2 })).toBeNull();
    // Kept by a version before the quality floor and the baseline: the defaults fill in.
    const { baseline, stress, ...older } = config();
    void [baseline, stress];
    const { qualityFloor, categoryFloors, strictFloor, mustHold, ...olderWorkload } = DEFAULT_WORKLOAD;
    void [qualityFloor, categoryFloors, strictFloor, mustHold];
    expect(parseEvaluateConfig({ ...older, workload: olderWorkload })).toEqual(config());
    expect(
      parseEvaluateConfig({ ...config(), workload: { ...DEFAULT_WORKLOAD, qualityFloor: 3 } })?.workload
        .qualityFloor,
    ).toBe(0.8);
    expect(
      parseEvaluateConfig({ ...config(), candidates: [{ id: 'x', target: { kind: 'gpu' } }] }),
    ).toBeNull();
  });

  it('orders results as the plan lists their tasks, whatever order they completed in; unplanned ones last, oldest first', () => {
    const tasks = evaluationTasks(config(), suite);
    const done = (taskId: string, createdAt: string) => ({ taskId, createdAt });
    // Completion order: the second candidate and later repeats answered first.
    const completed = [...tasks].reverse().map((t, i) => done(t.taskId, `2026-12-03T00:00:0${i}Z`));
    const stray = [done('gone|x|1', '2026-12-03T00:01:00Z'), done('gone|y|1', '2026-12-03T00:00:30Z')];
    const ordered = inPlanOrder(
      [stray[0], ...completed, stray[1]].filter((r) => r !== undefined),
      tasks,
    );
    expect(ordered.map((r) => r.taskId)).toEqual([...tasks.map((t) => t.taskId), 'gone|y|1', 'gone|x|1']);
  });
});

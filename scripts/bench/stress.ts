import { performance } from 'node:perf_hooks';
import * as BUILTIN from '../../src/catalog/suites/tasks';
import { stressTask, type StressSpec } from '../../src/core/stress/stress';
import { median } from './browser';
import { prefillCurve } from './prefill';
import type { Benchmark } from './types';

const SPECS: StressSpec[] = [
  { kind: 'noise', severity: 0.2 },
  { kind: 'long-context', tokens: 1024, position: 'middle' },
  { kind: 'ambiguity' },
  { kind: 'multi-turn', variant: 'chit-chat', turns: 3 },
  { kind: 'multi-turn', variant: 'instruction', turns: 2 },
  { kind: 'multi-turn', variant: 'correction', turns: 2 },
];

/** Every transform over 10,000 tasks (the bundled ones, repeated with their own seeds), as a run prepares them. */
export const stressBench: Benchmark = {
  group: 'stress',
  async run() {
    // The app's own built-in tasks (the public samples load through Vite, which tsx is not).
    const tasks = Object.values(BUILTIN).flat();
    const corpus = tasks.flatMap((t) => t.messages.map((m) => m.content)).filter((c) => c.length > 200);
    const times: number[] = [];
    for (let trial = 0; trial < 4; trial++) {
      const t0 = performance.now();
      for (let i = 0; i < 10_000; i++) {
        const task = tasks[i % tasks.length];
        const spec = SPECS[i % SPECS.length];
        if (task && spec) stressTask(task, spec, i, { corpus });
      }
      times.push(performance.now() - t0);
    }
    const transform = {
      id: 'stress.transform_10k_ms',
      value: Math.round(median(times.slice(1))),
      unit: 'ms',
      better: 'lower' as const,
      note: `10,000 built-in tasks through the six transforms in turn (noise 20%, long context to 1,024 estimated tokens, ambiguity, three multi-turn wrappers), stressTask as Evaluate calls it; median of 3 after one warm-up; target < 1,000`,
    };
    return [transform, ...(await prefillCurve())];
  },
};

import type { GradedSample } from '../core/aggregate';
import type { EvaluateConfig } from '../core/evaluate-plan';
import { robustness, type Robustness } from '../core/stress/robustness';
import { stressTask, type StressRecord } from '../core/stress/stress';
import type { Suite, SuiteTask } from '../core/suite';
import type { SuiteLibrary } from './suite-library.svelte';

/** What the stress view reads of the evaluation (the Evaluate state), live. */
export interface StressInputs {
  readonly config: Pick<EvaluateConfig, 'stress'>;
  readonly suite: Suite | null;
  readonly samples: readonly GradedSample[];
}

export interface StressPreview {
  original: SuiteTask;
  stressed: SuiteTask | null;
  record: StressRecord | null;
  skipped: string | null;
}

/**
 * An evaluation's stress tests: the material long-context distractors come from (every
 * suite's long messages, in a fixed order), the preview of what a stress does to a task
 * before anything is sent, and clean against stressed once results come in.
 */
export class EvaluateStress {
  readonly #inputs: StressInputs;

  constructor(inputs: StressInputs, library: Pick<SuiteLibrary, 'all'>) {
    this.#inputs = inputs;
    this.corpus = $derived(
      library.all
        .flatMap((s) => s.tasks.flatMap((t) => t.messages.map((m) => m.content)))
        .filter((c) => c.length > 200),
    );
    this.robustness = $derived(robustness(inputs.samples));
  }

  readonly corpus: string[];
  readonly robustness: Robustness[];

  /** The first task of the suite under each chosen stress, exactly as it will be sent. */
  preview(index = 0): StressPreview[] {
    const task = this.#inputs.suite?.tasks[index];
    if (!task) return [];
    const plan = this.#inputs.config.stress;
    return plan.specs.map((spec) => {
      const out = stressTask(task, spec, plan.seed, { corpus: this.corpus });
      return 'skipped' in out
        ? { original: task, stressed: null, record: null, skipped: out.skipped }
        : { original: task, stressed: out.task, record: out.record, skipped: null };
    });
  }
}

import type { Playable } from '../catalog/catalog';
import { parseQwen } from '../catalog/qwen-family';
import type { Aggregate, GradedSample } from '../core/aggregate';
import { outcomes, type CategoryDecision } from '../core/decide';
import type { Candidate } from '../core/evaluate-plan';
import {
  defaultBaseline,
  nextSteps,
  versusBaseline,
  type NextStep,
  type Offer,
  type Rung,
  type VersusBaseline,
} from '../core/ladder';
import type { Target } from '../core/target';
import type { WorkloadProfile } from '../core/workload';
import type { Engines } from './engine-hub';
import type { EndpointsState } from './endpoints.svelte';
import type { ModelsState } from './models.svelte';

/** What the ladder reads of the evaluation (the Evaluate state), live. */
export interface LadderInputs {
  readonly config: { candidates: readonly Candidate[]; baseline: string | null; workload: WorkloadProfile };
  readonly aggregates: readonly Aggregate[];
  readonly clean: readonly GradedSample[];
  readonly decisions: { categories: readonly CategoryDecision[] };
}

/** Every Qwen model one click could add: on-device ones this device fits, and each endpoint's. */
export function offersHere(
  models: readonly Playable[],
  endpoints: Pick<EndpointsState, 'list'>['list'],
  hub: Pick<Engines, 'label' | 'webgpu'>,
): Offer[] {
  const offers: Offer[] = [];
  const add = (target: Target, modelId: string) => {
    const model = parseQwen(modelId);
    if (model) offers.push({ target, label: hub.label(target), model });
  };
  for (const p of models) {
    if (!p.fit.ok || p.entry.randomWeights) continue;
    const webgpu = p.entry.devices.includes('webgpu') && hub.webgpu;
    add({ kind: 'ondevice', modelKey: p.entry.key, device: webgpu ? 'webgpu' : 'wasm' }, p.entry.modelId);
  }
  for (const e of endpoints)
    for (const model of e.models) add({ kind: 'remote', endpointId: e.id, model }, model);
  return offers;
}

/**
 * The baseline ladder of an evaluation: which candidate is the baseline, every other one
 * against it per category, and the next step per category with what to add.
 */
export class EvaluateLadder {
  constructor(
    inputs: LadderInputs,
    deps: { hub: Engines; models: Pick<ModelsState, 'all'>; endpoints: Pick<EndpointsState, 'list'> },
  ) {
    this.rungs = $derived(
      inputs.config.candidates.map((c) => ({
        id: c.id,
        target: c.target,
        model: parseQwen(deps.hub.info(c.target).modelId),
      })),
    );
    this.baseline = $derived.by(() => {
      const chosen = inputs.config.baseline;
      return chosen && this.rungs.some((r) => r.id === chosen) ? chosen : defaultBaseline(this.rungs);
    });
    this.offers = $derived(offersHere(deps.models.all, deps.endpoints.list, deps.hub));
    this.versus = $derived(
      this.baseline ? versusBaseline(this.baseline, inputs.aggregates, outcomes(inputs.clean)) : [],
    );
    this.steps = $derived(
      nextSteps(
        inputs.decisions.categories,
        this.rungs,
        this.offers,
        this.baseline,
        this.versus,
        inputs.config.workload,
      ),
    );
  }

  readonly rungs: Rung[];
  /** The chosen baseline, or the default one (a remote mid-size model, else the largest). */
  readonly baseline: string | null;
  readonly offers: Offer[];
  readonly versus: VersusBaseline[];
  readonly steps: NextStep[];
}

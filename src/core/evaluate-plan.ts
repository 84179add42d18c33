import { isRecord, isTarget, type Target } from './target';
import { parseStressSpec, stressApplies, stressId, type StressSpec } from './stress/stress';
import type { Suite } from './suite';
import { DEFAULT_THRESHOLDS, type RegressionThresholds } from './regression';
import { DEFAULT_WORKLOAD, type WorkloadProfile } from './workload';

export const MAX_CANDIDATES = 8;

export interface Candidate {
  id: string;
  target: Target;
}

export interface EvaluateConfig {
  version: 1;
  suiteId: string;
  candidates: Candidate[];
  repeats: number;
  /** Caps every task's token budget (for quick looks); null keeps each task's own. */
  maxTokensCap: number | null;
  /** The model that grades judge tasks; its cost is kept apart. */
  judge: Target | null;
  workload: WorkloadProfile;
  /** The candidate the others are measured against (the ladder's starting rung); null: chosen by default. */
  baseline: string | null;
  /** Stressed variants run beside each clean task, in pairs; none when empty. */
  stress: StressPlan;
  /** When a later run of this set-up counts as regressed against its baseline. */
  thresholds: RegressionThresholds;
}

export interface StressPlan {
  seed: number;
  specs: StressSpec[];
}

export const NO_STRESS: StressPlan = { seed: 1, specs: [] };

/** One generation of an evaluation: a suite task on a candidate, repeat r. */
export interface EvaluationTask {
  taskId: string;
  candidateId: string;
  suiteTaskId: string;
  category: string;
  repeat: number;
  /** The stress this generation runs under (its id), or null for the clean task. */
  stress: StressSpec | null;
}

/**
 * Every generation the evaluation asks for: suite x candidates x repeats, each clean task
 * followed by its stressed variants (where the transform applies to it), so the two run as
 * a pair. Stressed task ids carry the stress id after the clean one's.
 */
export function evaluationTasks(config: EvaluateConfig, suite: Suite): EvaluationTask[] {
  return config.candidates.flatMap((c) =>
    suite.tasks.flatMap((t) =>
      Array.from({ length: config.repeats }, (_, i) => {
        const clean = `${c.id}|${t.id}|${i + 1}`;
        const base = { candidateId: c.id, suiteTaskId: t.id, category: t.category, repeat: i + 1 };
        return [
          { ...base, taskId: clean, stress: null },
          ...config.stress.specs
            .filter((spec) => stressApplies(t, spec))
            .map((spec) => ({ ...base, taskId: `${clean}|${stressId(spec)}`, stress: spec })),
        ];
      }).flat(),
    ),
  );
}

/** What an interrupted evaluation still lacks. */
export function missingEvaluationTasks(
  config: EvaluateConfig,
  suite: Suite,
  stored: Iterable<string>,
): EvaluationTask[] {
  const done = new Set(stored);
  return evaluationTasks(config, suite).filter((t) => !done.has(t.taskId));
}

/**
 * A first visit's candidates: the tiny model on WASM against the first endpoint's model,
 * else against itself on WebGPU, else alone.
 */
export function defaultCandidates(facts: {
  tinyKey: string;
  endpoint: { id: string; model: string } | null;
  webgpu: boolean;
}): Candidate[] {
  const tiny = (device: 'wasm' | 'webgpu'): Target => ({ kind: 'ondevice', modelKey: facts.tinyKey, device });
  const second: Target | null = facts.endpoint
    ? { kind: 'remote', endpointId: facts.endpoint.id, model: facts.endpoint.model }
    : facts.webgpu
      ? tiny('webgpu')
      : null;
  return [{ id: 'c1', target: tiny('wasm') }, ...(second ? [{ id: 'c2', target: second }] : [])];
}

/** A stored evaluation set-up read back, or null when this version cannot use it. */
export function parseEvaluateConfig(v: unknown): EvaluateConfig | null {
  if (!isRecord(v) || v['version'] !== 1 || typeof v['suiteId'] !== 'string') return null;
  const candidates = v['candidates'];
  if (!Array.isArray(candidates) || candidates.length > MAX_CANDIDATES) return null;
  if (!candidates.every((c) => isRecord(c) && typeof c['id'] === 'string' && isTarget(c['target'])))
    return null;
  const repeats = v['repeats'];
  if (typeof repeats !== 'number' || !Number.isInteger(repeats) || repeats < 1 || repeats > 100) return null;
  const cap = v['maxTokensCap'];
  return {
    version: 1,
    suiteId: v['suiteId'],
    candidates: candidates as Candidate[],
    repeats,
    maxTokensCap: typeof cap === 'number' && cap >= 1 ? Math.round(cap) : null,
    judge: isTarget(v['judge']) ? v['judge'] : null,
    workload: parseWorkload(v['workload']),
    baseline: typeof v['baseline'] === 'string' ? v['baseline'] : null,
    stress: parseStressPlan(v['stress']),
    thresholds: parseThresholds(v['thresholds']),
  };
}

const isShare = (x: unknown, max: number): x is number => typeof x === 'number' && x >= 0 && x <= max;

/** Kept thresholds, with the defaults for what is missing or out of range. */
function parseThresholds(v: unknown): RegressionThresholds {
  if (!isRecord(v)) return { ...DEFAULT_THRESHOLDS };
  const growth = (x: unknown, fallback: number | null) =>
    x === null ? null : isShare(x, 100) ? x : fallback;
  return {
    maxPassRateDrop: isShare(v['maxPassRateDrop'], 1)
      ? v['maxPassRateDrop']
      : DEFAULT_THRESHOLDS.maxPassRateDrop,
    maxP95Growth: growth(v['maxP95Growth'], DEFAULT_THRESHOLDS.maxP95Growth),
    maxCostGrowth: growth(v['maxCostGrowth'], DEFAULT_THRESHOLDS.maxCostGrowth),
  };
}

const isRate = (x: unknown): x is number => typeof x === 'number' && x >= 0 && x <= 1;

/** A kept workload, with the defaults for what an older version did not keep (such as the floors). */
function parseWorkload(v: unknown): WorkloadProfile {
  if (!isRecord(v)) return { ...DEFAULT_WORKLOAD };
  const kept = v as Partial<WorkloadProfile>;
  const floors = isRecord(v['categoryFloors']) ? Object.entries(v['categoryFloors']) : [];
  return {
    ...DEFAULT_WORKLOAD,
    ...kept,
    qualityFloor: isRate(kept.qualityFloor) ? kept.qualityFloor : DEFAULT_WORKLOAD.qualityFloor,
    categoryFloors: Object.fromEntries(floors.filter(([, f]) => isRate(f))) as Record<string, number>,
    strictFloor: kept.strictFloor === true,
    mustHold: Array.isArray(kept.mustHold)
      ? kept.mustHold.filter((k) => DEFAULT_WORKLOAD.mustHold.includes(k))
      : [...DEFAULT_WORKLOAD.mustHold],
  };
}

/** A kept stress plan, with what this version cannot run left out. */
function parseStressPlan(v: unknown): StressPlan {
  if (!isRecord(v) || !Array.isArray(v['specs'])) return { ...NO_STRESS };
  const seed = typeof v['seed'] === 'number' && Number.isInteger(v['seed']) ? v['seed'] : NO_STRESS.seed;
  return { seed, specs: v['specs'].flatMap((s) => parseStressSpec(s) ?? []) };
}

/**
 * Results in the order the plan lists their tasks, so a table reads the same while it fills
 * and after a reload (completion order depends on which engine answered first). Results
 * the plan no longer names follow, oldest first.
 */
export function inPlanOrder<R extends { taskId: string; createdAt: string }>(
  results: readonly R[],
  tasks: readonly Pick<EvaluationTask, 'taskId'>[],
): R[] {
  const position = new Map(tasks.map((t, i) => [t.taskId, i]));
  const at = (r: R) => position.get(r.taskId) ?? Number.POSITIVE_INFINITY;
  return [...results].sort((a, b) => at(a) - at(b) || a.createdAt.localeCompare(b.createdAt));
}

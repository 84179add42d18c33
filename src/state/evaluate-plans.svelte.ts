import { BUILTIN_SUITE_IDS } from '../catalog/suites/builtin';
import { ALL, aggregate, sampleOf } from '../core/aggregate';
import type { EvaluateConfig } from '../core/evaluate-plan';
import { buildPlan, endpointFromPlan, keyVariable, planKey, suiteHash, type Plan } from '../core/plan';
import { compareWithBaseline, targetLabel, type RegressionReport } from '../core/regression';
import { runDamage, sortOut } from '../core/record-check';
import type { ResultRecord, Run } from '../core/results';
import type { Suite } from '../core/suite';
import type { EndpointsState } from './endpoints.svelte';
import type { ModelsState } from './models.svelte';
import type { StoreState } from './store.svelte';
import type { SuiteLibrary } from './suite-library.svelte';

/** Where each plan's baseline run is kept: plan key to run id. */
export const BASELINES = 'plan.baselines';

/** What the plans read of the Evaluate screen. */
export interface PlanInputs {
  readonly config: EvaluateConfig;
  readonly suite: Suite | null;
  readonly runId: string | null;
  readonly results: readonly ResultRecord[];
}

export interface PlanDeps {
  store: StoreState;
  library: SuiteLibrary;
  endpoints: Pick<EndpointsState, 'list' | 'byId' | 'save' | 'setKey'>;
  models: Pick<ModelsState, 'find'>;
}

/** One run of the plan, as the trend shows it: pass rate and P95 per candidate. */
export interface TrendPoint {
  runId: string;
  startedAt: string;
  status: Run['status'];
  candidates: { label: string; passRate: number | null; n: number; p95: number | null }[];
}

interface StoredRun {
  run: Run & { plan: Plan };
  results: ResultRecord[];
}

/**
 * An evaluation's plan: built from the set-up, saved and loaded as a file, applied (its
 * suite and endpoints made present here), its baseline run, the current run's verdicts
 * against that baseline and the trend over every run of the plan.
 */
export class EvaluatePlans {
  readonly #inputs: PlanInputs;
  readonly #deps: PlanDeps;
  #baselines = $state.raw<Record<string, string>>({});
  #runs = $state.raw<StoredRun[]>([]);

  constructor(inputs: PlanInputs, deps: PlanDeps) {
    this.#inputs = inputs;
    this.#deps = deps;
    this.current = $derived(
      inputs.suite
        ? buildPlan(
            $state.snapshot(inputs.config) as EvaluateConfig,
            inputs.suite,
            deps.endpoints.list,
            BUILTIN_SUITE_IDS.has(inputs.suite.id),
          )
        : null,
    );
    this.key = $derived(this.current ? planKey(this.current) : null);
    this.regression = $derived.by(() => this.#regression());
    this.trend = $derived(this.#runs.map((r) => trendPoint(r)));
  }

  /** The set-up as a plan; null without a suite. */
  readonly current: Plan | null;
  /** What makes two runs the same plan; null without a suite. */
  readonly key: string | null;
  /** The current run against its plan's baseline run; null when either is missing or they are the same run. */
  readonly regression: RegressionReport | null;
  readonly trend: TrendPoint[];

  /** The baseline run of the set-up's plan, if one was marked. */
  get baselineRunId(): string | null {
    return (this.key && this.#baselines[this.key]) || null;
  }

  get baselineRun(): Run | null {
    return this.#runs.find((r) => r.run.id === this.baselineRunId)?.run ?? null;
  }

  /** The plan the shown run ran, when it is stored. */
  get runPlan(): Plan | null {
    return this.#runs.find((r) => r.run.id === this.#inputs.runId)?.run.plan ?? null;
  }

  get runStartedAt(): string | null {
    return this.#runs.find((r) => r.run.id === this.#inputs.runId)?.run.startedAt ?? null;
  }

  /** Whether a stored run ran the set-up's plan (and so can be its baseline). */
  ofPlan(runId: string): boolean {
    return this.#runs.some((r) => r.run.id === runId);
  }

  /** The plan as the file "Save plan" writes. */
  file(): string {
    return `${JSON.stringify(this.current, null, 2)}\n`;
  }

  /** Reads the baselines and every stored run of the current plan (for the trend and the verdicts). */
  async refresh(): Promise<void> {
    const kept = await this.#deps.store.setting(BASELINES);
    this.#baselines = typeof kept === 'object' && kept !== null ? (kept as Record<string, string>) : {};
    const key = this.key;
    if (!key) return void (this.#runs = []);
    try {
      const runs = await this.#deps.store.runs();
      // Damaged runs are History's to show; the trend reads only sound ones.
      const mine = sortOut<Run>(await runs.allRuns(), runDamage).ok.filter(
        (r): r is Run & { plan: Plan } => r.kind === 'evaluate' && !!r.plan && planKey(r.plan) === key,
      );
      mine.sort((a, b) => a.startedAt.localeCompare(b.startedAt));
      this.#runs = await Promise.all(mine.map(async (run) => ({ run, results: await runs.results(run.id) })));
    } catch {
      this.#runs = [];
    }
  }

  /** Marks a run the baseline its plan's later runs are judged against (one per plan). */
  async markBaseline(runId: string): Promise<void> {
    const key = this.key;
    if (!key) return;
    this.#baselines = { ...this.#baselines, [key]: runId };
    await this.#deps.store.putSetting(BASELINES, this.#baselines);
  }

  /**
   * Makes what a plan needs present here: its suite (stored when the plan carries one this
   * browser lacks or holds in another version) and its endpoints (added without keys; a
   * key given, as the headless runner gives them from the environment, kept for this tab
   * only). Says what the user should know; throws what makes the plan unrunnable.
   */
  async apply(plan: Plan, keys: Readonly<Record<string, string>> = {}): Promise<string[]> {
    const notes: string[] = [];
    const { library, endpoints, models } = this.#deps;
    const here = library.find(plan.suite.id);
    if (plan.suite.content) {
      if (!here || suiteHash(here) !== plan.suite.hash) {
        const kept = await library.keep(plan.suite.content);
        if (!kept.ok) throw new Error(kept.errors.join(' '));
        if (here)
          notes.push(
            `The suite "${here.name}" here differed from the plan's: it now holds the plan's tasks.`,
          );
      }
    } else if (!here) {
      throw new Error(
        `This plan runs the built-in suite "${plan.suite.name}", which this version of Qwenfit does not have.`,
      );
    } else if (suiteHash(here) !== plan.suite.hash) {
      notes.push(
        `The built-in suite "${here.name}" changed since this plan was saved: new runs will not compare with the plan's earlier ones.`,
      );
    }
    for (const e of plan.endpoints) {
      if (!endpoints.byId(e.id)) {
        await endpoints.save(endpointFromPlan(e));
        notes.push(`Added the endpoint "${e.name}" (${e.baseUrl}) from the plan.`);
      }
      const key = keys[e.id];
      if (key) await endpoints.setKey(e.id, key, 'tab');
      else if (!endpoints.byId(e.id))
        notes.push(
          `"${e.name}" has no API key here: add it in Settings (a headless run reads ${keyVariable(e.id)}).`,
        );
    }
    for (const c of plan.evaluation.candidates)
      if (c.target.kind === 'ondevice' && !models.find(c.target.modelKey))
        throw new Error(
          `This plan runs the on-device model ${c.target.modelKey}, which this catalog does not list: add it under Models first.`,
        );
    return notes;
  }

  #regression(): RegressionReport | null {
    const baselineId = this.baselineRunId;
    const current = this.#inputs.runId;
    if (!baselineId || !current || baselineId === current) return null;
    const baseline = this.#runs.find((r) => r.run.id === baselineId);
    const plan = this.#runs.find((r) => r.run.id === current)?.run.plan ?? this.current;
    if (!baseline || !plan) return null;
    return compareWithBaseline(
      { plan: baseline.run.plan, results: baseline.results },
      { plan, results: this.#inputs.results },
      this.#inputs.config.thresholds,
    );
  }
}

function trendPoint({ run, results }: StoredRun): TrendPoint {
  const samples = results.flatMap((r) => sampleOf(r) ?? []).filter((s) => s.stress === null);
  const overall = aggregate(samples).filter((a) => a.category === ALL);
  return {
    runId: run.id,
    startedAt: run.startedAt,
    status: run.status,
    candidates: run.plan.evaluation.candidates.map((c) => {
      const a = overall.find((x) => x.candidate === c.id);
      return {
        label: targetLabel(c.target, run.plan),
        passRate: a && a.n > 0 ? a.passRate : null,
        n: a?.n ?? 0,
        p95: a?.e2e.p95 ?? null,
      };
    }),
  };
}

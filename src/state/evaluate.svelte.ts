import { getContext, setContext } from 'svelte';
import { BUILTIN_SUITE_IDS, BUILTIN_SUITES } from '../catalog/suites/builtin';
import { buildPlan, checkPlan, parsePlan } from '../core/plan';
import { reportHtml } from '../core/report-html';
import { TINY_MODEL } from '../catalog/transformers-models';
import { aggregate, sampleOf, type Aggregate, type GradedSample } from '../core/aggregate';
import {
  NO_STRESS,
  defaultCandidates,
  evaluationTasks,
  missingEvaluationTasks,
  parseEvaluateConfig,
  type EvaluateConfig,
  type EvaluationTask,
} from '../core/evaluate-plan';
import { advance, startProgress, type Progress } from '../core/eta';
import { DEFAULT_THRESHOLDS, type RegressionReport } from '../core/regression';
import { decide, paretoPlaces, type Decisions, type ParetoPlace } from '../core/decide';
import type { ResultRecord, RunStatus } from '../core/results';
import { routingTable, type RouteTarget, type RoutingTable } from '../core/routing';
import { nowIso } from '../core/results';
import type { Suite } from '../core/suite';
import type { Target } from '../core/target';
import { DEFAULT_WORKLOAD, suiteContextNeed, type CandidateFacts } from '../core/workload';
import { candidateFacts, routeTarget } from './candidates';
import type { DeviceState } from './device.svelte';
import type { Engines } from './engine-hub';
import type { EndpointsState } from './endpoints.svelte';
import { EvaluateLadder } from './evaluate-ladder.svelte';
import { EvaluatePlans } from './evaluate-plans.svelte';
import { EvaluateStress } from './evaluate-stress.svelte';
import { EvaluateRunner, evaluateJob } from './evaluate-runner';
import type { ModelsState } from './models.svelte';
import { RunSession } from './run-session.svelte';
import type { StoreState } from './store.svelte';
import type { Stored, SuiteLibrary } from './suite-library.svelte';

/** What the Evaluate screen is given: the app's engines, catalog, endpoints, store and suites. */
export interface EvaluateDeps {
  hub: Engines;
  device: Pick<DeviceState, 'probed'>;
  models: Pick<ModelsState, 'ready' | 'find' | 'all'>;
  endpoints: Pick<EndpointsState, 'ready' | 'list' | 'byId' | 'save' | 'setKey'>;
  store: StoreState;
  library: SuiteLibrary;
}

/**
 * The Evaluate screen: a suite run on several candidates (repeated), graded and stored as
 * each reply completes (evaluate-runner.ts), then aggregates, a Pareto view,
 * recommendations per category under the workload's constraints, and a routing table.
 */
export class EvaluateState {
  readonly #deps: EvaluateDeps;
  readonly #session: RunSession;
  readonly #runner: EvaluateRunner;

  config = $state<EvaluateConfig>({
    version: 1,
    suiteId: BUILTIN_SUITES[0]?.id ?? '',
    candidates: [
      { id: 'c1', target: { kind: 'ondevice', modelKey: TINY_MODEL.key, device: 'wasm' } },
      { id: 'c2', target: { kind: 'ondevice', modelKey: TINY_MODEL.key, device: 'webgpu' } },
    ],
    repeats: 1,
    maxTokensCap: null,
    judge: null,
    workload: { ...DEFAULT_WORKLOAD },
    baseline: null,
    stress: { ...NO_STRESS },
    thresholds: { ...DEFAULT_THRESHOLDS },
  });
  #results = $state.raw<ResultRecord[]>([]);
  #progress = $state.raw<Progress | null>(null);
  #paused = $state(false);
  #ready = $state(false);
  #starting: Promise<void> | null = null;
  #saveError = $state<string | null>(null);
  #abort: AbortController | null = null;

  constructor(deps: EvaluateDeps) {
    this.#deps = deps;
    this.#runner = new EvaluateRunner(deps.hub);
    this.#session = new RunSession(deps.store, {
      kind: 'evaluate',
      settingsKey: 'evaluate.last',
      setup: () => $state.snapshot(this.config),
      missing: (done) => (this.suite ? missingEvaluationTasks(this.config, this.suite, done).length : 0),
    });
    this.suite = $derived(deps.library.find(this.config.suiteId) ?? null);
    this.samples = $derived(this.#results.flatMap((r) => sampleOf(r) ?? []));
    // The figures and the decision come from clean tasks; stressed twins are compared apart.
    this.clean = $derived(this.samples.filter((x) => x.stress === null));
    // In the candidates' order, so tables read the same while a run streams (completion
    // order) and after a reload (storage order).
    this.aggregates = $derived.by(() => {
      const order = this.config.candidates.map((c) => c.id);
      const at = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
      return aggregate(this.clean).sort((a, b) => at(a.candidate) - at(b.candidate));
    });
    this.stress = new EvaluateStress(this, deps.library);
    this.facts = $derived(
      this.config.candidates.map((c) =>
        candidateFacts(c.id, this.label(c.id), c.target, deps.hub, deps.models),
      ),
    );
    this.decisions = $derived(
      decide(this.config.workload, this.facts, this.aggregates, this.clean, this.stress.robustness),
    );
    this.ladder = new EvaluateLadder(this, deps);
    this.plans = new EvaluatePlans(this, deps);
  }

  readonly ladder: EvaluateLadder;
  readonly plans: EvaluatePlans;

  readonly suite: Suite | null;
  readonly samples: GradedSample[];
  readonly clean: GradedSample[];
  readonly stress: EvaluateStress;
  readonly aggregates: Aggregate[];
  readonly facts: CandidateFacts[];
  readonly decisions: Decisions;

  get suites(): Suite[] {
    return this.#deps.library.all;
  }
  get ready(): boolean {
    return this.#ready;
  }
  get running(): boolean {
    return this.#session.running;
  }
  get paused(): boolean {
    return this.#paused;
  }
  get progress(): Progress | null {
    return this.#progress;
  }
  get results(): readonly ResultRecord[] {
    return this.#results;
  }
  get runId(): string | null {
    return this.#session.runId;
  }
  get runStatus(): RunStatus | null {
    return this.#session.runStatus;
  }
  get missing(): number {
    return this.#session.missing;
  }
  /** Why the last result could not be stored, when one could not. */
  get saveError(): string | null {
    return this.#saveError;
  }

  label(candidateId: string): string {
    const i = this.config.candidates.findIndex((x) => x.id === candidateId);
    const c = this.config.candidates[i];
    if (!c) return candidateId;
    const base = this.#deps.hub.label(c.target);
    // The same model on the same runtime twice (to see run-to-run spread) needs telling apart.
    const twins = this.config.candidates.filter((x) => this.#deps.hub.label(x.target) === base).length;
    return twins > 1 ? `${base} (candidate ${i + 1})` : base;
  }

  /** Restores the suites written here and the last evaluation with its results, then keeps the set-up as it changes. */
  init(): Promise<void> {
    // A screen shown again while its first init still runs must not restore twice.
    return (this.#starting ??= this.#start());
  }

  async #start(): Promise<void> {
    const { device, endpoints, models, library } = this.#deps;
    // The default candidates depend on what this device can run and the endpoints stored.
    await Promise.all([device.probed, endpoints.ready, models.ready, library.load()]);
    this.#results = await this.#session.restore((saved) => {
      const config = parseEvaluateConfig(saved);
      const endpoint = this.#deps.endpoints.list.find((e) => e.models.length > 0);
      if (config) return void (this.config = config);
      this.config.candidates = defaultCandidates({
        tinyKey: TINY_MODEL.key,
        endpoint: endpoint ? { id: endpoint.id, model: endpoint.models[0] as string } : null,
        webgpu: this.#deps.hub.webgpu,
      });
      // A first visit needs what the default suite needs, not a 4,096 that flags the defaults red.
      if (this.suite)
        this.config.workload.contextTokens = suiteContextNeed(this.suite, this.config.maxTokensCap);
    });
    this.#ready = true;
    this.#session.watch();
    await this.plans.refresh();
  }

  /**
   * Loads a plan file as the set-up: checked first (nothing changes on a refusal), then its
   * suite and endpoints made present here. `keys` (endpoint id to API key) are kept for this
   * tab only. Gives the refusal's reasons, or what the user should know.
   */
  async loadPlan(
    text: string,
    keys: Readonly<Record<string, string>> = {},
  ): Promise<{ errors: string[]; notes: string[] }> {
    if (this.running) return { errors: ['An evaluation is running: cancel it first.'], notes: [] };
    const checked = parsePlan(text);
    if (!checked.ok) return { errors: checked.errors, notes: [] };
    try {
      const notes = await this.plans.apply(checked.plan, keys);
      this.config = checked.plan.evaluation;
      await this.plans.refresh();
      return { errors: [], notes };
    } catch (e) {
      return { errors: [e instanceof Error ? e.message : String(e)], notes: [] };
    }
  }

  /** Shows a stored evaluation as it ran (its plan as the set-up, its results), ready to run again. */
  async openRun(runId: string): Promise<string | null> {
    await this.init();
    if (this.running) return 'An evaluation is running: cancel it first.';
    const run = await (await this.#deps.store.runs()).get(runId);
    if (!run?.plan) return 'This run was stored before evaluations kept their plan: open it in History.';
    const plan = checkPlan(run.plan);
    if (!plan.ok) return `Its plan cannot be used: ${plan.errors.join('; ')}`;
    try {
      await this.plans.apply(plan.plan);
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
    this.config = plan.plan.evaluation;
    this.#progress = null;
    this.#results = await this.#session.open(run);
    await this.plans.refresh();
    return null;
  }

  /** Picks a suite the library just stored (imported or written here); its errors when it refused it. */
  async pickSuite(stored: Promise<Stored>): Promise<string[] | null> {
    const s = await stored;
    if (s.ok) this.config.suiteId = s.suite.id;
    return s.ok ? null : s.errors;
  }

  async deleteSuite(id: string): Promise<void> {
    await this.#deps.library.delete(id);
    if (this.config.suiteId === id) this.config.suiteId = BUILTIN_SUITES[0]?.id ?? '';
  }

  addCandidate(target: Target): string {
    const used = this.config.candidates.map((c) => c.id);
    let n = 1;
    while (used.includes(`c${n}`)) n++;
    this.config.candidates.push({ id: `c${n}`, target });
    return `c${n}`;
  }

  /** The ladder's step: adds the model and runs only it on the same tasks, into the same stored run. */
  async addAndRun(target: Target): Promise<void> {
    const suite = this.suite;
    if (this.running || !suite) return;
    const id = this.addCandidate(target);
    const mine = evaluationTasks(this.config, suite).filter((t) => t.candidateId === id);
    await this.#execute(suite, mine, this.runId !== null);
  }

  removeCandidate(id: string): void {
    this.config.candidates = this.config.candidates.filter((c) => c.id !== id);
  }

  /** Each candidate over every category: pass rate against P95 end-to-end, only eligible ones comparable. */
  get pareto(): (ParetoPlace & { label: string })[] {
    return paretoPlaces(this.config.workload, this.aggregates).map((p) => ({
      ...p,
      label: this.label(p.id),
    }));
  }

  /**
   * The run shown as one self-contained HTML file (figures, charts as inline SVG, decision,
   * and the verdict against the baseline: this page's, or one the headless runner judged).
   */
  report(regression: RegressionReport | null = this.plans.regression): string | null {
    const plan = this.plans.runPlan ?? this.plans.current;
    if (!plan) return null;
    return reportHtml({
      plan,
      title: `Qwenfit report · ${plan.name}`,
      startedAt: this.plans.runStartedAt ?? nowIso(),
      environment: navigator.userAgent,
      labels: Object.fromEntries(this.config.candidates.map((c) => [c.id, this.label(c.id)])),
      aggregates: this.aggregates,
      decisions: this.decisions,
      pareto: paretoPlaces(this.config.workload, this.aggregates),
      regression,
    });
  }

  routing(): RoutingTable {
    const targets: Record<string, RouteTarget> = {};
    for (const c of this.config.candidates)
      targets[c.id] = routeTarget(c.target, this.#deps.hub, this.#deps.endpoints);
    const workload = $state.snapshot(this.config.workload);
    return routingTable(this.suite?.name ?? '', workload, this.decisions, this.aggregates, targets, nowIso());
  }

  async run(): Promise<void> {
    const suite = this.suite;
    if (this.running || !suite || this.config.candidates.length === 0) return;
    this.#results = [];
    await this.#execute(suite, evaluationTasks(this.config, suite), false);
  }

  /** Runs only the tasks an interrupted evaluation lacks, into the same stored run. */
  async resume(): Promise<void> {
    const suite = this.suite;
    if (this.running || !suite || this.runId === null) return;
    await this.#execute(suite, missingEvaluationTasks(this.config, suite, this.#session.done), true);
  }

  /** The tasks in flight finish; no loop starts another until `continue`. */
  pause(): void {
    if (!this.running) return;
    this.#runner.gate.pause();
    this.#paused = true;
  }

  continue(): void {
    this.#runner.gate.resume();
    this.#paused = false;
  }

  cancel(): void {
    this.#abort?.abort();
    this.continue();
  }

  async #execute(suite: Suite, tasks: EvaluationTask[], resume: boolean): Promise<void> {
    const abort = new AbortController();
    this.#abort = abort;
    this.#saveError = null;
    this.continue();
    const config = $state.snapshot(this.config);
    this.#deps.hub.hold('runs', [
      ...config.candidates.map((c) => c.target),
      ...(config.judge ? [config.judge] : []),
    ]);
    this.#progress = startProgress(tasks, performance.now());
    const job = evaluateJob(config, suite, tasks, this.facts, this.stress.corpus);
    await this.#session.execute(
      {
        title: `Evaluate · ${suite.name}`,
        suiteId: suite.id,
        resume,
        plan: buildPlan(config, suite, this.#deps.endpoints.list, BUILTIN_SUITE_IDS.has(suite.id)),
      },
      async (save) => {
        const complete = await this.#runner.run(job, abort.signal, async (task, draft) => {
          const saved = await save(draft, task.taskId);
          if (saved.error) this.#saveError = saved.error;
          this.#results = [...this.#results, saved.record];
          if (this.#progress) this.#progress = advance(this.#progress, task.candidateId, performance.now());
        });
        return { stopped: !complete, note: 'Cancelled before every task ran.' };
      },
    );
    this.#paused = false;
    this.#abort = null;
    await this.plans.refresh();
  }
}

const KEY = Symbol('evaluate');
/** Made on first use of Evaluate or History (src/ui/workspace.ts), then handed to their screens. */
export const provideEvaluateState = (state: EvaluateState) => setContext(KEY, state);
export const useEvaluateState = () => getContext<EvaluateState>(KEY);

import { getContext, setContext } from 'svelte';
import { BUILTIN_SUITES } from '../catalog/suites/builtin';
import { TINY_MODEL } from '../catalog/transformers-models';
import { aggregate, type Aggregate, type GradedSample } from '../core/aggregate';
import type { Target } from '../core/target';
import { isDeadEngine, toAppError } from '../core/engine-errors';
import type { AppError, ChatRequest, EngineInfo } from '../core/engine-types';
import {
  evaluationTasks,
  missingEvaluationTasks,
  parseEvaluateConfig,
  type Candidate,
  type EvaluateConfig,
  type EvaluationTask,
} from '../core/evaluate-plan';
import { engineFailure, grade } from '../core/grading/grade';
import { judgeMessages, parseJudgeVerdict } from '../core/grading/judge';
import { paretoFront } from '../core/pareto';
import { replyCost, type Cost } from '../core/prices';
import { recommend, type Recommendation } from '../core/recommend';
import { nowIso, type ResultRecord, type RunStatus } from '../core/results';
import { routingTable, type RouteTarget, type RoutingTable } from '../core/routing';
import { DEFAULT_TASK_MAX_TOKENS, type Grade, type Suite } from '../core/suite';
import { checked, parseSuiteFile } from '../core/suite-import';
import { withToolPrompt } from '../core/tool-prompt';
import { takesImages } from '../core/vision';
import { DEFAULT_WORKLOAD, type CandidateFacts } from '../core/workload';
import type { EngineHub } from './engine-hub';
import type { EndpointsState } from './endpoints.svelte';
import type { ModelsState } from './models.svelte';
import { streamReply, type ReplyView } from './reply-stream';
import { replyDraft } from './result-draft.svelte';
import { RunRecorder, type ResultDraft } from './run-recorder';
import type { StoreState } from './store.svelte';

const SETTINGS_KEY = 'evaluate.last';
/** Token budget for a task that names none. */

export interface Progress {
  done: number;
  total: number;
  startedAt: number;
  /** performance.now() when the last task finished, for the ETA. */
  lastAt: number;
}

function blankView(): ReplyView {
  return { content: '', reasoning: '', toolCalls: [], metrics: null, error: null, cost: null };
}

/**
 * The Evaluate screen: a suite, run on several candidates (repeated), graded as each reply
 * completes, stored at once; then aggregates, a Pareto view, recommendations per category
 * under the workload's constraints, and a routing table. Generations go through the same
 * scheduler as Compare (one per on-device worker, an endpoint's "requests at once").
 */
export class EvaluateState {
  readonly #hub: EngineHub;
  readonly #models: ModelsState;
  readonly #endpoints: EndpointsState;
  readonly #store: StoreState;
  readonly #recorder: RunRecorder;

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
  });
  #stored = $state.raw<Suite[]>([]);
  #results = $state.raw<ResultRecord[]>([]);
  #progress = $state.raw<Progress | null>(null);
  #running = $state(false);
  #paused = $state(false);
  #ready = $state(false);
  #runId = $state<string | null>(null);
  #runStatus = $state<RunStatus | null>(null);
  #missing = $state(0);
  #saveError = $state<string | null>(null);
  #abort: AbortController | null = null;
  #resume: (() => void) | null = null;

  constructor(hub: EngineHub, models: ModelsState, endpoints: EndpointsState, store: StoreState) {
    this.#hub = hub;
    this.#models = models;
    this.#endpoints = endpoints;
    this.#store = store;
    this.#recorder = new RunRecorder(store, 'evaluate');
    this.suites = $derived([...BUILTIN_SUITES, ...this.#stored.filter((s) => !s.id.startsWith('builtin-'))]);
    this.suite = $derived(this.suites.find((s) => s.id === this.config.suiteId) ?? null);
    this.samples = $derived(this.#results.flatMap((r) => this.#sample(r)));
    this.aggregates = $derived(aggregate(this.samples));
    this.facts = $derived(this.config.candidates.map((c) => this.#facts(c.id, c.target)));
    this.recommendations = $derived(recommend(this.config.workload, this.facts, this.aggregates));
  }

  readonly suites: Suite[];
  readonly suite: Suite | null;
  readonly samples: GradedSample[];
  readonly aggregates: Aggregate[];
  readonly facts: CandidateFacts[];
  readonly recommendations: Recommendation[];

  get ready(): boolean {
    return this.#ready;
  }
  get running(): boolean {
    return this.#running;
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
    return this.#runId;
  }
  get runStatus(): RunStatus | null {
    return this.#runStatus;
  }
  get missing(): number {
    return this.#missing;
  }
  /** Why the last result could not be stored, when one could not. */
  get saveError(): string | null {
    return this.#saveError;
  }

  label(candidateId: string): string {
    const i = this.config.candidates.findIndex((x) => x.id === candidateId);
    const c = this.config.candidates[i];
    if (!c) return candidateId;
    const base = this.#hub.label(c.target);
    // The same model on the same runtime twice (to see run-to-run spread) needs telling apart.
    const twins = this.config.candidates.filter((x) => this.#hub.label(x.target) === base).length;
    return twins > 1 ? `${base} (candidate ${i + 1})` : base;
  }

  /** Restores the suites written here and the last evaluation with its results. */
  async init(): Promise<void> {
    if (this.#ready) return;
    await Promise.all([this.#endpoints.ready, this.#models.ready]);
    await this.#loadSuites();
    const saved = await this.#store.lastSetup(SETTINGS_KEY);
    const config = parseEvaluateConfig(saved.config);
    if (config) this.config = config;
    else this.config.candidates = this.#defaultCandidates();
    if (saved.runId) await this.#restore(saved.runId).catch(() => undefined);
    this.#ready = true;
  }

  /** The tiny model on WASM against the first endpoint's model, else against itself on WebGPU. */
  #defaultCandidates(): Candidate[] {
    const tinyWasm: Candidate = {
      id: 'c1',
      target: { kind: 'ondevice', modelKey: TINY_MODEL.key, device: 'wasm' },
    };
    const endpoint = this.#endpoints.list.find((e) => e.models.length > 0);
    if (endpoint)
      return [
        tinyWasm,
        {
          id: 'c2',
          target: { kind: 'remote', endpointId: endpoint.id, model: endpoint.models[0] as string },
        },
      ];
    if (this.#hub.webgpu)
      return [
        tinyWasm,
        { id: 'c2', target: { kind: 'ondevice', modelKey: TINY_MODEL.key, device: 'webgpu' } },
      ];
    return [tinyWasm];
  }

  async #loadSuites(): Promise<void> {
    try {
      this.#stored = await (await this.#store.suites()).all();
    } catch {
      this.#stored = [];
    }
  }

  async #restore(runId: string): Promise<void> {
    const runs = await this.#store.runs();
    const run = await runs.get(runId);
    if (!run) return;
    this.#results = await runs.results(runId);
    this.#runId = runId;
    this.#runStatus = run.status;
    this.#missing = this.#missingCount();
  }

  #missingCount(): number {
    return this.suite
      ? missingEvaluationTasks(
          this.config,
          this.suite,
          this.#results.map((r) => r.taskId),
        ).length
      : 0;
  }

  async persist(): Promise<void> {
    await this.#store.keepSetup(SETTINGS_KEY, $state.snapshot(this.config), this.#runId);
  }

  /** Imports a suite file (JSON, JSONL or CSV); returns the errors, or null once stored. */
  async importSuite(file: File): Promise<string[] | null> {
    const result = parseSuiteFile(file.name, await file.text(), nowIso());
    if (!result.ok) return result.errors;
    return this.#saveSuite(result.suite);
  }

  /** Stores a suite written in the app (JSONL, one task per line). */
  async writeSuite(name: string, jsonl: string): Promise<string[] | null> {
    if (!name.trim()) return ['Give the suite a name.'];
    const parsed = parseSuiteFile(`${name.trim()}.jsonl`, jsonl, nowIso());
    if (!parsed.ok) return parsed.errors;
    const suite: Suite = {
      ...parsed.suite,
      name: name.trim(),
      source: 'user',
      id: `user-${crypto.randomUUID()}`,
    };
    const again = checked(suite, name);
    return again.ok ? this.#saveSuite(suite) : again.errors;
  }

  async #saveSuite(suite: Suite): Promise<string[] | null> {
    try {
      await (await this.#store.suites()).put(suite);
    } catch (e) {
      return [`The suite could not be stored in this browser: ${toAppError(e).message}`];
    }
    await this.#loadSuites();
    this.config.suiteId = suite.id;
    return null;
  }

  async deleteSuite(id: string): Promise<void> {
    await (await this.#store.suites()).delete(id);
    await this.#loadSuites();
    if (this.config.suiteId === id) this.config.suiteId = BUILTIN_SUITES[0]?.id ?? '';
  }

  addCandidate(target: Target): void {
    const used = this.config.candidates.map((c) => c.id);
    let n = 1;
    while (used.includes(`c${n}`)) n++;
    this.config.candidates.push({ id: `c${n}`, target });
  }

  removeCandidate(id: string): void {
    this.config.candidates = this.config.candidates.filter((c) => c.id !== id);
  }

  #facts(id: string, target: Target): CandidateFacts {
    const price = this.#hub.price(target);
    if (target.kind === 'remote')
      return {
        id,
        label: this.label(id),
        contextWindow: null,
        takesImages: takesImages(target.model),
        fits: { ok: true },
        currency: price?.currency ?? null,
      };
    const playable = this.#models.find(target.modelKey);
    const fit = playable?.fit;
    return {
      id,
      label: this.label(id),
      contextWindow: playable?.entry.contextWindow ?? null,
      takesImages: false,
      fits: !fit || fit.ok ? { ok: true } : { ok: false, reason: fit.reason ?? 'too large' },
      currency: null,
    };
  }

  #sample(r: ResultRecord): GradedSample[] {
    if (!r.grade || !r.candidate || !r.category) return [];
    const remote = r.runtime === 'remote';
    return [
      {
        candidate: r.candidate,
        category: r.category,
        grade: r.grade,
        ttftMs: r.metrics.ttftMs,
        e2eMs: r.metrics.e2eMs,
        decodeTokensPerS: r.metrics.decodeTokensPerS,
        cost: remote ? (r.cost?.value ?? null) : 0,
        judgeCost: r.judgeCost?.value ?? 0,
      },
    ];
  }

  /** Pareto points per candidate over every category: pass rate against P95 end-to-end. */
  get pareto(): { id: string; label: string; quality: number; latency: number; optimal: boolean }[] {
    const overall = this.aggregates.filter((a) => a.category === 'all' && a.e2e.p95 !== null);
    const points = overall.map((a) => ({
      id: a.candidate,
      quality: a.passRate,
      latency: a.e2e.p95 as number,
    }));
    const front = paretoFront(points);
    return points.map((p) => ({ ...p, label: this.label(p.id), optimal: front.has(p.id) }));
  }

  routing(): RoutingTable {
    const targets: Record<string, RouteTarget> = {};
    for (const c of this.config.candidates) targets[c.id] = this.#routeTarget(c.target);
    return routingTable(
      this.suite?.name ?? '',
      $state.snapshot(this.config.workload),
      this.recommendations,
      this.aggregates,
      targets,
      nowIso(),
    );
  }

  #routeTarget(target: Target): RouteTarget {
    const label = this.#hub.label(target);
    if (target.kind === 'remote')
      return {
        label,
        runtime: 'remote',
        modelId: target.model,
        baseUrl: this.#endpoints.byId(target.endpointId)?.baseUrl ?? '',
      };
    const entry = this.#models.find(target.modelKey)?.entry;
    return {
      label,
      runtime: entry?.runtime ?? 'transformers',
      modelId: entry?.modelId ?? target.modelKey,
      device: target.device,
    };
  }

  async run(): Promise<void> {
    const suite = this.suite;
    if (this.#running || !suite || this.config.candidates.length === 0) return;
    this.#results = [];
    this.#saveError = null;
    this.#recorder.reset();
    await this.#execute(suite, evaluationTasks(this.config, suite));
  }

  async resume(): Promise<void> {
    const suite = this.suite;
    if (this.#running || !suite || this.#runId === null) return;
    const done = (await (await this.#store.runs()).results(this.#runId)).map((r) => r.taskId);
    this.#recorder.adopt(this.#runId);
    await this.#execute(suite, missingEvaluationTasks(this.config, suite, done));
  }

  pause(): void {
    if (this.#running) this.#paused = true;
  }

  continue(): void {
    this.#paused = false;
    this.#resume?.();
    this.#resume = null;
  }

  cancel(): void {
    this.#abort?.abort();
    this.continue();
  }

  async #execute(suite: Suite, tasks: EvaluationTask[]): Promise<void> {
    this.#running = true;
    this.#paused = false;
    const abort = new AbortController();
    this.#abort = abort;
    const runReady = this.#recorder.begin(`Evaluate · ${suite.name}`, suite.id);
    this.#runId = await runReady;
    this.#runStatus = 'running';
    this.#missing = 0;
    await this.persist();
    const now = performance.now();
    this.#progress = { done: 0, total: tasks.length, startedAt: now, lastAt: now };
    this.#hub.keepOnly([
      ...this.config.candidates.map((c) => c.target),
      ...(this.config.judge ? [this.config.judge] : []),
    ]);
    // One queue per candidate, drained by as many loops as its worker or endpoint allows.
    const loops = this.config.candidates.flatMap((c) => {
      const queue = tasks.filter((t) => t.candidateId === c.id);
      const width = Math.min(queue.length, this.#hub.concurrency(c.target));
      return Array.from({ length: width }, () => this.#drain(queue, c.target, suite, runReady, abort.signal));
    });
    await Promise.all(loops);
    const cancelled = abort.signal.aborted;
    await this.#recorder.finish(
      cancelled ? 'interrupted' : 'completed',
      cancelled ? 'Cancelled before every task ran.' : null,
    );
    const run = this.#runId
      ? await (await this.#store.runs()).get(this.#runId).catch(() => undefined)
      : undefined;
    this.#runStatus = run?.status ?? null;
    this.#missing = cancelled ? this.#missingCount() : 0;
    this.#running = false;
    this.#paused = false;
    this.#abort = null;
  }

  async #drain(
    queue: EvaluationTask[],
    target: Target,
    suite: Suite,
    runReady: Promise<string | null>,
    signal: AbortSignal,
  ): Promise<void> {
    for (let task = queue.shift(); task; task = queue.shift()) {
      if (this.#paused) await new Promise<void>((resolve) => (this.#resume = resolve));
      if (signal.aborted) return;
      const current = task;
      // Cancelled while waiting for a free worker: nothing ran, so nothing is recorded.
      const draft = await this.#runTask(current, target, suite, signal).catch((e: unknown) =>
        signal.aborted ? null : this.#failed(current, target, toAppError(e)),
      );
      if (!draft) return;
      const saveError = await this.#recorder.save(runReady, draft, { taskId: task.taskId, complete: false });
      if (saveError) this.#saveError = saveError;
      this.#results = [
        ...this.#results,
        { ...draft, id: task.taskId, runId: this.#runId ?? '', taskId: task.taskId, createdAt: nowIso() },
      ];
      const p = this.#progress;
      if (p) this.#progress = { ...p, done: p.done + 1, lastAt: performance.now() };
    }
  }

  #failed(task: EvaluationTask, target: Target, error: AppError): ResultDraft {
    return this.#graded(
      task,
      infoOf(target),
      { ...blankView(), error },
      { cold: false, prompt: '', usage: null },
      engineFailure(error),
      null,
    );
  }

  /** One task on one candidate: generate, grade, and the draft to store; null when cancelled. */
  async #runTask(task: EvaluationTask, target: Target, suite: Suite, signal: AbortSignal) {
    const spec = suite.tasks.find((t) => t.id === task.suiteTaskId);
    if (!spec) throw new Error(`The suite has no task ${task.suiteTaskId}.`);
    const got = await this.#hub.acquire(target, signal);
    if ('aborted' in got) return null;
    if ('error' in got) return this.#failed(task, target, got.error);
    const engine = got.engine;
    const cold = got.cold;
    const cap = this.config.maxTokensCap;
    const maxTokens = Math.min(spec.maxTokens ?? DEFAULT_TASK_MAX_TOKENS, cap ?? Infinity);
    const remote = target.kind === 'remote';
    const tools = spec.tools ?? [];
    const request: ChatRequest = {
      // On-device engines have no native tool calling: the tools go into the prompt.
      messages: remote ? spec.messages : withToolPrompt(spec.messages, tools),
      max_tokens: maxTokens,
      temperature: 0,
      ...(remote && tools.length ? { tools } : {}),
      ...(spec.json && engine.info.runtime !== 'transformers'
        ? { response_format: { type: 'json_object' as const } }
        : {}),
    };
    const view = blankView();
    const price = this.#hub.price(target);
    const usage = await this.#hub.run(target, signal, () =>
      streamReply(engine, request, signal, view, price),
    );
    // A crashed worker or a lost GPU device stays dead: let the candidate's next task load
    // the model afresh instead of failing on the dead one.
    if (isDeadEngine(view.error)) this.#hub.drop(target);
    if (signal.aborted) return null;
    let verdict: Grade;
    let judgeCost: Cost | null = null;
    if (spec.grader.type === 'judge') {
      const judged = await this.#judge(spec.grader.rubric, spec.messages, view, signal);
      if (!judged) return null;
      verdict = judged.grade;
      judgeCost = judged.cost;
    } else {
      verdict = grade(spec.grader, {
        content: view.content,
        toolCalls: view.toolCalls,
        finishReason: view.metrics?.finishReason ?? null,
        error: view.error,
      });
    }
    const prompt = spec.messages.at(-1)?.content ?? '';
    return this.#graded(task, engine.info, view, { cold, prompt, usage }, verdict, judgeCost);
  }

  async #judge(
    rubric: string,
    messages: Suite['tasks'][number]['messages'],
    view: ReplyView,
    signal: AbortSignal,
  ) {
    // A reply the engine could not finish is not worth a judge's call.
    if (view.error) return { grade: engineFailure(view.error), cost: null };
    const judge = this.config.judge;
    if (!judge)
      return {
        grade: {
          pass: false,
          failure: 'error' as const,
          detail: 'This task needs a judge model: choose one above.',
        },
        cost: null,
      };
    const got = await this.#hub.acquire(judge, signal);
    if ('aborted' in got) return null;
    if ('error' in got)
      return {
        grade: { pass: false, failure: 'error' as const, detail: `judge: ${got.error.message}` },
        cost: null,
      };
    const reply = blankView();
    const price = this.#hub.price(judge);
    const usage = await this.#hub.run(judge, signal, () =>
      streamReply(
        got.engine,
        { messages: judgeMessages(rubric, messages, view.content), max_tokens: 200, temperature: 0 },
        signal,
        reply,
        price,
      ),
    );
    if (signal.aborted) return null;
    const verdict = reply.error
      ? { pass: false, failure: 'error' as const, detail: `judge: ${reply.error.message}` }
      : parseJudgeVerdict(reply.content);
    return { grade: verdict, cost: usage ? replyCost(usage, price) : null };
  }

  /** The stored result of one task: the reply as every screen keeps it, plus its verdict. */
  #graded(
    task: EvaluationTask,
    info: Pick<EngineInfo, 'runtime' | 'modelId' | 'where'>,
    view: ReplyView,
    context: Parameters<typeof replyDraft>[2],
    verdict: Grade,
    judgeCost: Cost | null,
  ): ResultDraft {
    return {
      ...replyDraft(info, view, context),
      category: task.category,
      candidate: task.candidateId,
      grade: verdict,
      judgeCost,
    };
  }
}

/** Who would have answered, for a task whose engine never started. */
function infoOf(target: Target): Pick<EngineInfo, 'runtime' | 'modelId' | 'where'> {
  return target.kind === 'remote'
    ? { runtime: 'remote', modelId: target.model, where: target.endpointId }
    : { runtime: 'transformers', modelId: target.modelKey, where: target.device };
}

const KEY = Symbol('evaluate');
export const createEvaluateState = (
  hub: EngineHub,
  models: ModelsState,
  endpoints: EndpointsState,
  store: StoreState,
) => setContext(KEY, new EvaluateState(hub, models, endpoints, store));
export const useEvaluateState = () => getContext<EvaluateState>(KEY);

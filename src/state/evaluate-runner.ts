import { isDeadEngine, toAppError } from '../core/engine-errors';
import type { AppError, ChatMessage, ChatRequest, EngineInfo } from '../core/engine-types';
import type { Candidate, EvaluateConfig, EvaluationTask } from '../core/evaluate-plan';
import { engineFailure, grade } from '../core/grading/grade';
import { judgeMessages, parseJudgeVerdict } from '../core/grading/judge';
import { PauseGate } from '../core/pause-gate';
import { replyCost, type Cost } from '../core/prices';
import { DEFAULT_TASK_MAX_TOKENS, type Grade, type Suite, type SuiteTask } from '../core/suite';
import type { Target } from '../core/target';
import { stressTask, type StressRecord } from '../core/stress/stress';
import { withToolPrompt } from '../core/tool-prompt';
import { taskContextNeed, type CandidateFacts } from '../core/workload';
import type { RunEngines } from './engine-hub';
import { streamReply, type ReplyView } from './reply-stream';
import { replyDraft } from './result-draft.svelte';
import type { ResultDraft } from './run-recorder';

/** One evaluation to run: which tasks, on which candidates, judged by whom. */
export interface EvaluateJob {
  suite: Suite;
  tasks: EvaluationTask[];
  candidates: readonly Candidate[];
  judge: Target | null;
  maxTokensCap: number | null;
  /** Each candidate's context window where known: longer tasks are skipped, not sent. */
  contextWindows: Readonly<Record<string, number | null>>;
  /** The stress plan's seed, and the material long-context distractors are drawn from. */
  stressSeed: number;
  corpus: readonly string[];
}

/** The job of an evaluation's set-up: its tasks, candidates' context windows, the stress seed and material. */
export function evaluateJob(
  config: EvaluateConfig,
  suite: Suite,
  tasks: EvaluationTask[],
  facts: readonly CandidateFacts[],
  corpus: readonly string[],
): EvaluateJob {
  const { candidates, judge, maxTokensCap } = config;
  const contextWindows = Object.fromEntries(facts.map((f) => [f.id, f.contextWindow]));
  return {
    suite,
    tasks,
    candidates,
    judge,
    maxTokensCap,
    contextWindows,
    stressSeed: config.stress.seed,
    corpus,
  };
}

/** A task as it is sent: the suite's own, or its stressed variant with the record of how. */
interface Resolved {
  spec: SuiteTask;
  stress: StressRecord | null;
}

type Judged = { grade: Grade; cost: Cost | null };

function blankView(): ReplyView {
  return { content: '', reasoning: '', toolCalls: [], metrics: null, error: null, cost: null };
}

/**
 * Runs an evaluation: one queue per candidate, drained by as many loops as its worker or
 * endpoint allows; each reply graded (by a judge model where the task asks for one) the
 * moment it completes and handed on to be stored. Pausing holds every loop before its next
 * task; the tasks in flight finish. It holds no screen state, so it runs under test with
 * fake engines.
 */
export class EvaluateRunner {
  readonly gate = new PauseGate();
  readonly #engines: RunEngines;

  constructor(engines: RunEngines) {
    this.#engines = engines;
  }

  /** Runs the job until every task ran or `signal` aborts; true when every task ran. */
  async run(
    job: EvaluateJob,
    signal: AbortSignal,
    onGraded: (task: EvaluationTask, draft: ResultDraft) => Promise<void>,
  ): Promise<boolean> {
    const loops = job.candidates.flatMap((c) => {
      const queue = job.tasks.filter((t) => t.candidateId === c.id);
      const width = Math.min(queue.length, this.#engines.concurrency(c.target));
      return Array.from({ length: width }, () => this.#drain(queue, c.target, job, signal, onGraded));
    });
    await Promise.all(loops);
    return !signal.aborted;
  }

  async #drain(
    queue: EvaluationTask[],
    target: Target,
    job: EvaluateJob,
    signal: AbortSignal,
    onGraded: (task: EvaluationTask, draft: ResultDraft) => Promise<void>,
  ): Promise<void> {
    for (let task = queue.shift(); task; task = queue.shift()) {
      await this.gate.pass();
      if (signal.aborted) return;
      const current = task;
      const resolved = resolve(current, job);
      const skipped = this.#skipped(current, resolved, target, job);
      if (skipped) {
        await onGraded(current, skipped);
        continue;
      }
      // Cancelled while waiting for a free worker: nothing ran, so nothing is recorded.
      const draft = await this.#runTask(current, resolved, target, job, signal).catch((e: unknown) =>
        signal.aborted ? null : this.#failed(current, resolved, target, toAppError(e)),
      );
      if (!draft) return;
      await onGraded(current, draft);
    }
  }

  /** A task longer than the candidate's context window: recorded as skipped, never sent. */
  #skipped(
    task: EvaluationTask,
    { spec, stress }: Resolved,
    target: Target,
    job: EvaluateJob,
  ): ResultDraft | null {
    const window = job.contextWindows[task.candidateId] ?? null;
    if (window === null) return null;
    const need = taskContextNeed(spec, job.maxTokensCap);
    if (need <= window) return null;
    const detail = `skipped: needs about ${need.toLocaleString('en')} tokens; the context window holds ${window.toLocaleString('en')}`;
    const prompt = spec.messages.at(-1)?.content ?? '';
    const draft = replyDraft(this.#engines.info(target), blankView(), { cold: false, prompt, usage: null });
    return {
      ...draft,
      finishReason: null,
      category: task.category,
      candidate: task.candidateId,
      grade: { pass: false, failure: null, detail },
      judgeCost: null,
      skipped: 'context',
      ...(stress ? { stress } : {}),
    };
  }

  /** A task whose engine never answered, filed under who would have answered. */
  #failed(task: EvaluationTask, { stress }: Resolved, target: Target, error: AppError): ResultDraft {
    const view = { ...blankView(), error };
    const context = { cold: false, prompt: '', usage: null };
    const verdict = { grade: engineFailure(error), cost: null };
    return graded(task, this.#engines.info(target), view, context, verdict, stress);
  }

  /** One task on one candidate: generate, grade, and the draft to store; null when cancelled. */
  async #runTask(
    task: EvaluationTask,
    resolved: Resolved,
    target: Target,
    job: EvaluateJob,
    signal: AbortSignal,
  ): Promise<ResultDraft | null> {
    const { spec, stress } = resolved;
    const got = await this.#engines.acquire(target, signal);
    if ('aborted' in got) return null;
    if ('error' in got) return this.#failed(task, resolved, target, got.error);
    const { engine, cold } = got;
    const view = blankView();
    const request = requestFor(spec, target, engine.info, job.maxTokensCap);
    const price = this.#engines.price(target);
    const usage = await this.#engines.run(target, signal, () =>
      streamReply(engine, request, signal, view, price),
    );
    // A crashed worker or a lost GPU device stays dead: let the candidate's next task load
    // the model afresh instead of failing on the dead one.
    if (isDeadEngine(view.error)) this.#engines.drop(target);
    if (signal.aborted) return null;
    const verdict =
      spec.grader.type === 'judge'
        ? await this.#judge(spec.grader.rubric, spec.messages, view, job.judge, signal)
        : {
            grade: grade(spec.grader, {
              content: view.content,
              toolCalls: view.toolCalls,
              finishReason: view.metrics?.finishReason ?? null,
              error: view.error,
              prompt: spec.messages.map((m) => m.content).join('\n\n'),
            }),
            cost: null,
          };
    if (!verdict) return null;
    const prompt = spec.messages.at(-1)?.content ?? '';
    return graded(task, engine.info, view, { cold, prompt, usage }, verdict, stress);
  }

  async #judge(
    rubric: string,
    messages: ChatMessage[],
    view: ReplyView,
    judge: Target | null,
    signal: AbortSignal,
  ): Promise<Judged | null> {
    // A reply the engine could not finish is not worth a judge's call.
    if (view.error) return { grade: engineFailure(view.error), cost: null };
    const failed = (detail: string): Judged => ({
      grade: { pass: false, failure: 'error', detail },
      cost: null,
    });
    if (!judge) return failed('This task needs a judge model: choose one above.');
    const got = await this.#engines.acquire(judge, signal);
    if ('aborted' in got) return null;
    if ('error' in got) return failed(`judge: ${got.error.message}`);
    const reply = blankView();
    const price = this.#engines.price(judge);
    const request = {
      messages: judgeMessages(rubric, messages, view.content),
      max_tokens: 200,
      temperature: 0,
    };
    const usage = await this.#engines.run(judge, signal, () =>
      streamReply(got.engine, request, signal, reply, price),
    );
    if (signal.aborted) return null;
    if (reply.error) return failed(`judge: ${reply.error.message}`);
    return { grade: parseJudgeVerdict(reply.content), cost: usage ? replyCost(usage, price) : null };
  }
}

/** The request for one task: greedy, capped, tools native for endpoints and prompted on-device. */
function requestFor(spec: SuiteTask, target: Target, info: EngineInfo, cap: number | null): ChatRequest {
  const remote = target.kind === 'remote';
  const tools = spec.tools ?? [];
  return {
    // On-device engines have no native tool calling: the tools go into the prompt.
    messages: remote ? spec.messages : withToolPrompt(spec.messages, tools),
    max_tokens: Math.min(spec.maxTokens ?? DEFAULT_TASK_MAX_TOKENS, cap ?? Infinity),
    temperature: 0,
    ...(remote && tools.length ? { tools } : {}),
    ...(spec.json && info.runtime !== 'transformers'
      ? { response_format: { type: 'json_object' as const } }
      : {}),
  };
}

/** The stored result of one task: the reply as every screen keeps it, plus its verdict. */
function graded(
  task: EvaluationTask,
  info: EngineInfo,
  view: ReplyView,
  context: Parameters<typeof replyDraft>[2],
  verdict: Judged,
  stress: StressRecord | null,
): ResultDraft {
  return {
    ...replyDraft(info, view, context),
    category: task.category,
    candidate: task.candidateId,
    grade: verdict.grade,
    judgeCost: verdict.cost,
    ...(stress ? { stress } : {}),
  };
}

/** The task as it will be sent: the suite's, or its stressed variant (same seed, same prompt). */
function resolve(task: EvaluationTask, job: EvaluateJob): Resolved {
  const spec = job.suite.tasks.find((t) => t.id === task.suiteTaskId);
  if (!spec) throw new Error(`The suite has no task ${task.suiteTaskId}.`);
  if (!task.stress) return { spec, stress: null };
  const stressed = stressTask(spec, task.stress, job.stressSeed, { corpus: job.corpus });
  if ('skipped' in stressed) throw new Error(`${task.taskId}: ${stressed.skipped}`);
  return { spec: stressed.task, stress: stressed.record };
}

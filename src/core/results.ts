import type { AppError, EndpointRef, FinishReason, Runtime, ToolCall, Usage } from './engine-types';
import type { GenerationMetrics } from './metrics';
import type { Plan } from './plan';
import type { Cost } from './prices';
import type { StressRecord } from './stress/stress';
import type { Grade } from './suite';

export type RunStatus = 'running' | 'completed' | 'interrupted' | 'failed';
export type RunKind = 'playground' | 'compare' | 'evaluate';

/** One run: a chat session, a comparison or an evaluation, with its lifecycle. */
export interface Run {
  id: string;
  kind: RunKind;
  title: string;
  status: RunStatus;
  startedAt: string;
  endedAt: string | null;
  /** Why the run stopped early, when it did. */
  note: string | null;
  /** The suite an evaluation ran. */
  suiteId?: string;
  /** An evaluation's whole set-up, to show it again as it ran and to run it again. */
  plan?: Plan;
  /** The device a headless run ran on, when it ran on several (npx qwenfit run --browser). */
  device?: RunDevice;
}

/** A browser the headless runner drove: its name on the command line, and what it reported. */
export interface RunDevice {
  name: string;
  userAgent: string;
  /** The WebGPU adapter, in words; null without WebGPU. */
  adapter: string | null;
}

/** One measured generation, written the moment it completes. */
export interface ResultRecord {
  id: string;
  runId: string;
  /** Task or prompt identifier within the run (turn number in the Playground). */
  taskId: string;
  createdAt: string;
  runtime: Runtime;
  modelId: string;
  where: string;
  /** Remote results: which endpoint answered, by name and base URL (never its key). */
  endpoint?: EndpointRef;
  cold: boolean;
  prompt: string;
  output: string;
  /** The tool calls the reply made (absent when none): a tool task's real answer. */
  toolCalls?: ToolCall[];
  reasoning: string;
  finishReason: FinishReason | null;
  error: AppError | null;
  usage: Usage | null;
  metrics: GenerationMetrics;
  cost: Cost | null;
  /** Evaluations only: the task's category, the candidate, the verdict and the judge's own cost. */
  category?: string;
  candidate?: string;
  grade?: Grade;
  judgeCost?: Cost | null;
  /** Not run, and why: the task is longer than the candidate's context window. Never a pass or a latency sample. */
  skipped?: 'context';
  /** The stress this task ran under: transform, setting, seed and the stressed prompt's hash. */
  stress?: StressRecord;
}

/** What a reply said, as a person reads it: its tool calls as calls, else its text. */
export function replyText(r: Pick<ResultRecord, 'toolCalls' | 'output'>, separator = '\n'): string {
  return r.toolCalls?.length
    ? r.toolCalls.map((c) => `${c.name}(${c.arguments})`).join(separator)
    : r.output || '(empty)';
}

/** Timestamps stored with runs and results: ISO 8601, UTC, sortable as text. */
export const nowIso = (): string => new Date().toISOString();

/** Start or end of a calendar day (YYYY-MM-DD) in the user's time zone, as an ISO instant. */
export function localDayBoundIso(day: string, end: boolean): string {
  return new Date(`${day}T${end ? '23:59:59.999' : '00:00:00'}`).toISOString();
}

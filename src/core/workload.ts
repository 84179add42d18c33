import type { Aggregate } from './aggregate';
import { DEFAULT_FLOOR } from './floor';
import type { StressKind } from './stress/stress';
import { DEFAULT_TASK_MAX_TOKENS, type Suite, type SuiteTask } from './suite';

/** What the team's workload needs; candidates that cannot meet it are flagged, with the reason. */
export interface WorkloadProfile {
  /** light: speed first among near-equals; moderate: cost first; deep: quality first. */
  reasoning: 'light' | 'moderate' | 'deep';
  /** The end-to-end P95 every reply must meet, in ms; null for no target. */
  latencyP95Ms: number | null;
  costCeiling: {
    amount: number;
    currency: string;
    per: 'per-1000-tasks' | 'per-day';
    tasksPerDay: number;
  } | null;
  /** Prompt plus reply tokens the longest task needs. */
  contextTokens: number;
  modality: 'text' | 'text-image';
  /** The least pass rate (0-1) a category's route may have. */
  qualityFloor: number;
  /** Per-category floors that differ from qualityFloor. */
  categoryFloors: Record<string, number>;
  /** Admit only candidates whose Wilson interval clears the floor, not only their rate. */
  strictFloor: boolean;
  /** Stresses a route must hold under: a separated drop below the floor under one of these leaves a candidate out. */
  mustHold: StressKind[];
}

export const DEFAULT_WORKLOAD: WorkloadProfile = {
  reasoning: 'moderate',
  latencyP95Ms: null,
  costCeiling: null,
  contextTokens: 4096,
  modality: 'text',
  qualityFloor: DEFAULT_FLOOR,
  categoryFloors: {},
  strictFloor: false,
  mustHold: ['noise', 'long-context', 'ambiguity', 'multi-turn'],
};

/** What is known of a candidate before and apart from its measurements. */
export interface CandidateFacts {
  id: string;
  label: string;
  contextWindow: number | null;
  takesImages: boolean;
  /** False when the catalog says the model does not fit this device (with why). */
  fits: { ok: true } | { ok: false; reason: string };
  currency: string | null;
}

/** Cost of 1,000 tasks at the measured average cost per attempt; null when unknown. */
export function costPer1000(a: Aggregate): number | null {
  return a.totalCost === null || a.n === 0 ? null : (a.totalCost / a.n) * 1000;
}

/**
 * What could not be checked for want of facts: said beside the candidate so a pass on the
 * workload is never mistaken for a check that did not happen.
 */
export function uncheckedConstraints(w: WorkloadProfile, c: CandidateFacts): string[] {
  return c.contextWindow === null
    ? [
        `context window not known here: check that it holds the ${w.contextTokens.toLocaleString('en')} tokens needed`,
      ]
    : [];
}

/** Every reason this candidate cannot serve the workload; empty when it can. */
export function unmetConstraints(w: WorkloadProfile, c: CandidateFacts, a: Aggregate | null): string[] {
  const reasons: string[] = [];
  if (!c.fits.ok) reasons.push(`does not fit this device: ${c.fits.reason}`);
  if (c.contextWindow !== null && c.contextWindow < w.contextTokens)
    reasons.push(
      `context window ${c.contextWindow.toLocaleString('en')} tokens < ${w.contextTokens.toLocaleString('en')} needed`,
    );
  if (w.modality === 'text-image' && !c.takesImages) reasons.push('takes no images');
  if (a && w.latencyP95Ms !== null && a.e2e.p95 !== null && a.e2e.p95 > w.latencyP95Ms)
    reasons.push(`P95 end-to-end ${Math.round(a.e2e.p95)} ms > target ${w.latencyP95Ms} ms`);
  if (a && w.costCeiling) {
    const per1000 = costPer1000(a);
    const ceiling = w.costCeiling;
    if (per1000 === null) reasons.push('cost unknown: add its price in Settings');
    else if (c.currency !== null && c.currency !== ceiling.currency && per1000 > 0)
      reasons.push(`priced in ${c.currency}, the ceiling is in ${ceiling.currency}`);
    else {
      const spend = ceiling.per === 'per-day' ? (per1000 / 1000) * ceiling.tasksPerDay : per1000;
      if (spend > ceiling.amount)
        reasons.push(
          `costs ${spend.toFixed(4)} ${ceiling.currency} ${ceiling.per === 'per-day' ? 'a day' : 'per 1,000 tasks'} > ceiling ${ceiling.amount}`,
        );
    }
  }
  return reasons;
}

/** CJK, kana and hangul characters: about one token each in Qwen's tokenizer, not a quarter. */
const WIDE = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]/g;

/** A rough token count for text: a quarter of a token per character, one per CJK character. */
export function estimateTokens(text: string): number {
  const wide = text.match(WIDE)?.length ?? 0;
  return wide + Math.ceil((text.length - wide) / 4);
}

/**
 * About how much context one task needs: its messages (and tools, which reach the model as
 * text), a few tokens of chat template per message, plus the new tokens it may take (under
 * the run's cap). An estimate, not a count by the model's tokenizer.
 */
export function taskContextNeed(task: SuiteTask, cap: number | null): number {
  const PER_MESSAGE = 8;
  const prompt =
    task.messages.reduce((n, m) => n + estimateTokens(m.content) + PER_MESSAGE, 0) +
    (task.tools?.length ? estimateTokens(JSON.stringify(task.tools)) + 64 : 0);
  return prompt + Math.min(task.maxTokens ?? DEFAULT_TASK_MAX_TOKENS, cap ?? Infinity);
}

/** About how much context the suite's longest task needs: offered as a default, not a fact. */
export function suiteContextNeed(suite: Suite, cap: number | null): number {
  return suite.tasks.reduce((most, task) => Math.max(most, taskContextNeed(task, cap)), 0);
}

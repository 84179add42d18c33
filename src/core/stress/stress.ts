import { fnv1a } from '../hash';
import type { ChatMessage } from '../engine-types';
import type { SuiteTask } from '../suite';
import { underspecify } from './ambiguity';
import { padContext, type Position } from './long-context';
import { wrapInTurns, type MultiTurnVariant } from './multi-turn';
import { addNoise } from './noise';
import { protectedStrings } from './protect';
import { seedFor, seeded } from './random';

export type StressSpec =
  | { kind: 'noise'; severity: number }
  | { kind: 'long-context'; tokens: number; position: Position }
  | { kind: 'ambiguity' }
  | { kind: 'multi-turn'; variant: MultiTurnVariant; turns: number };

export type StressKind = StressSpec['kind'];

/** Changes kept per stressed task for the preview and the record. */
const MAX_CHANGES = 40;

/** What a stressed result keeps, so the same plan gives the same prompt, byte for byte. */
export interface StressRecord {
  /** The transform and its setting, e.g. `noise@0.2`, `long-context@4096/middle`. */
  id: string;
  kind: StressKind;
  /** Share of words for noise, tokens for long context, turns for multi-turn, 1 for ambiguity. */
  level: number;
  seed: number;
  /** FNV-1a of the stressed messages. */
  hash: string;
  /** What changed, in a few words each (the preview shows them). */
  changes: string[];
}

export function stressId(spec: StressSpec): string {
  switch (spec.kind) {
    case 'noise':
      return `noise@${spec.severity}`;
    case 'long-context':
      return `long-context@${spec.tokens}/${spec.position}`;
    case 'ambiguity':
      return 'ambiguity';
    case 'multi-turn':
      return `multi-turn@${spec.turns}/${spec.variant}`;
  }
}

export function levelOf(spec: StressSpec): number {
  return spec.kind === 'noise'
    ? spec.severity
    : spec.kind === 'long-context'
      ? spec.tokens
      : spec.kind === 'multi-turn'
        ? spec.turns
        : 1;
}

/** FNV-1a of the stressed messages: enough to tell two stressed prompts apart. */
export function hashMessages(messages: readonly ChatMessage[]): string {
  return fnv1a(JSON.stringify(messages));
}

export interface StressContext {
  /** Other tasks' material, for long-context distractors. */
  corpus: readonly string[];
  /** Counts tokens as the candidate does; the estimate when it cannot. */
  count?: (text: string) => number;
}

/**
 * A task under one stress, seeded per task so every task gets its own choices and the
 * same seed gives the same prompt. The grader stays the task's own, except for ambiguity
 * (asking or assuming is the right reply) and the standing instruction of multi-turn.
 * `skipped` says why a transform does not apply to a task.
 */
export function stressTask(
  task: SuiteTask,
  spec: StressSpec,
  seed: number,
  ctx: StressContext,
): { task: SuiteTask; record: StressRecord } | { skipped: string } {
  const id = stressId(spec);
  const rnd = seeded(seedFor(seed, id, task.id));
  let out: SuiteTask | null;
  let changes: string[];
  if (spec.kind === 'noise') {
    const noisy = addNoise(task.messages, spec.severity, rnd, protectedStrings(task));
    out = { ...task, messages: noisy.messages };
    // The first edits say what noise looks like; a long prompt's hundreds would only weigh on the store.
    const shown = noisy.edits.slice(0, MAX_CHANGES).map((e) => `${e.op}: ${e.from} → ${e.to}`);
    const more = noisy.edits.length - shown.length;
    changes = more > 0 ? [...shown, `and ${more} more words`] : shown;
  } else if (spec.kind === 'long-context') {
    const padded = padContext(task.messages, spec.tokens, spec.position, ctx.corpus, rnd, ctx.count);
    out = { ...task, messages: padded.messages };
    changes = [
      `${padded.added} distractor documents; about ${padded.tokens.toLocaleString('en')} tokens, the task ${spec.position === 'start' ? 'first' : spec.position === 'end' ? 'last' : 'in the middle'}`,
    ];
  } else if (spec.kind === 'ambiguity') {
    const vague = underspecify(task);
    if (!vague) return { skipped: 'no ambiguity annotation: what to leave out is not known' };
    out = vague.task;
    changes = [`removed “${vague.removed.trim()}”`];
  } else {
    out = wrapInTurns(task, spec.variant, spec.turns, rnd);
    if (!out)
      return {
        skipped:
          spec.variant === 'correction'
            ? 'no figures to correct'
            : 'its grader would fight a lowercase instruction',
      };
    changes = [`${spec.turns} earlier turns (${spec.variant})`];
  }
  return {
    task: out,
    record: { id, kind: spec.kind, level: levelOf(spec), seed, hash: hashMessages(out.messages), changes },
  };
}

/** Whether a transform can make a variant of this task (ambiguity needs its annotation, multi-turn its figures or a grader the instruction does not fight). */
export function stressApplies(task: SuiteTask, spec: StressSpec): boolean {
  if (spec.kind === 'ambiguity') return underspecify(task) !== null;
  if (spec.kind === 'multi-turn') return wrapInTurns(task, spec.variant, 1, () => 0) !== null;
  return true;
}

const POSITIONS: readonly Position[] = ['start', 'middle', 'end'];
const VARIANTS: readonly MultiTurnVariant[] = ['chit-chat', 'instruction', 'correction'];

/** A stored stress setting read back; null for one this version cannot run. */
export function parseStressSpec(v: unknown): StressSpec | null {
  if (typeof v !== 'object' || v === null) return null;
  const s = v as Record<string, unknown>;
  const n = (k: string) => (typeof s[k] === 'number' && Number.isFinite(s[k]) ? (s[k] as number) : null);
  if (s['kind'] === 'noise') {
    const severity = n('severity');
    return severity !== null && severity > 0 && severity <= 1 ? { kind: 'noise', severity } : null;
  }
  if (s['kind'] === 'long-context') {
    const tokens = n('tokens');
    const position = POSITIONS.find((p) => p === s['position']);
    return tokens !== null && tokens >= 64 && position
      ? { kind: 'long-context', tokens: Math.round(tokens), position }
      : null;
  }
  if (s['kind'] === 'ambiguity') return { kind: 'ambiguity' };
  if (s['kind'] === 'multi-turn') {
    const turns = n('turns');
    const variant = VARIANTS.find((x) => x === s['variant']);
    return turns !== null && turns >= 1 && turns <= 20 && variant
      ? { kind: 'multi-turn', variant, turns: Math.round(turns) }
      : null;
  }
  return null;
}

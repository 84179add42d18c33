import type { ChatMessage } from './engine-types';
import type { ClarifiesSpec } from './grading/clarifies';
import type { GroundedSpec } from './grading/grounded';

/** A function the model may call, in the Chat Completions `tools` shape (parameters: JSON Schema). */
export interface ToolSpec {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

/**
 * An expected tool call, BFCL-style: the function name, and for each argument the values
 * that count as correct (any one of them). `optional` names arguments that may be left
 * out (checked when listed in `arguments` and passed, free when not listed); any other
 * argument is a misuse.
 */
export interface ExpectedCall {
  name: string;
  arguments: Record<string, readonly (string | number | boolean | null)[]>;
  optional?: string[];
}

/**
 * A verifiable instruction, IFEval-style: checked by code, no judge needed. Counts follow
 * IFEval's rules (words are runs of letters, digits and underscores; bullets are lines
 * starting with `* ` or `-`), so bundled IFEval prompts are graded as IFEval grades them.
 */
export type Instruction =
  | { kind: 'max-words'; n: number }
  | { kind: 'min-words'; n: number }
  /** Each word present, as a whole word; anywhere inside words too with `substring` (IFEval's rule). */
  | { kind: 'include-keywords'; words: string[]; substring?: boolean }
  | { kind: 'forbidden-words'; words: string[] }
  | { kind: 'lowercase' }
  | { kind: 'uppercase' }
  | { kind: 'no-commas' }
  | { kind: 'starts-with'; text: string }
  | { kind: 'ends-with'; text: string }
  | { kind: 'bullet-count'; n: number }
  /** Exactly n paragraphs: split on blank lines, or on the markdown divider `***` when given. */
  | { kind: 'paragraph-count'; n: number; divider?: '***' }
  | { kind: 'title' }
  /** The whole reply is JSON; `fenced` lets a ``` fence wrap it (IFEval's rule). */
  | { kind: 'json-format'; fenced?: boolean }
  /** At least n placeholders in square brackets, such as [name]. */
  | { kind: 'placeholders'; n: number }
  /** At least n *highlighted* (or **highlighted**) spans. */
  | { kind: 'highlights'; n: number }
  /** At least n sections, each marked by `text` and a number (SECTION 1, SECTION 2...). */
  | { kind: 'sections'; text: string; n: number }
  /** The reply starts by repeating `text` (case aside). */
  | { kind: 'repeat-prompt'; text: string };

export type GraderSpec =
  | { type: 'exact'; expected: string; caseSensitive?: boolean }
  | { type: 'contains'; expected: string[]; all?: boolean; caseSensitive?: boolean }
  | { type: 'regex'; pattern: string; flags?: string }
  | { type: 'numeric'; expected: number; tolerance?: number; relative?: boolean }
  | { type: 'json'; schema?: Record<string, unknown> }
  | { type: 'tool-call'; expected: ExpectedCall[] | 'none' }
  | { type: 'instructions'; instructions: Instruction[] }
  | GroundedSpec
  | ClarifiesSpec
  /** Every one of these holds (a multi-turn instruction on top of the task's own grader). */
  | { type: 'all'; graders: Exclude<GraderSpec, { type: 'judge' } | { type: 'all' }>[] }
  | { type: 'judge'; rubric: string };

/** New tokens a task may take when it names no limit. */
export const DEFAULT_TASK_MAX_TOKENS = 256;

export interface SuiteTask {
  id: string;
  /** What kind of work it is: recommendations and routing are per category. */
  category: string;
  /** The conversation up to the turn the model answers (system, earlier turns, the user). */
  messages: ChatMessage[];
  tools?: ToolSpec[];
  /** Ask for a JSON object (response_format json_object where the engine supports it). */
  json?: boolean;
  maxTokens?: number;
  grader: GraderSpec;
  /**
   * How to make the task underspecified for the ambiguity stress: the words to remove from
   * the last user message, what they said, and words a clarifying question would use.
   */
  ambiguity?: { remove: string; missing: string; keywords: string[] };
}

/** A suite of representative tasks, kept in the `suites` store and carried in exports. */
export interface Suite {
  id: string;
  name: string;
  description?: string;
  /** built-in (ships with the app), user (written in the app) or imported (from a file). */
  source: 'built-in' | 'user' | 'imported';
  /** Where the tasks come from and under which licence, when not the app's own. */
  attribution?: string;
  updatedAt: string;
  tasks: SuiteTask[];
}

export const FAILURE_CATEGORIES = [
  'wrong-answer',
  'hallucination',
  'format-error',
  'tool-misuse',
  'refusal',
  'truncated',
  'timeout',
  'error',
] as const;
export type FailureCategory = (typeof FAILURE_CATEGORIES)[number];

/** The verdict on one output. */
export interface Grade {
  pass: boolean;
  /** Why it failed; null when it passed. */
  failure: FailureCategory | null;
  /** What the grader saw, in a sentence, for the results table. */
  detail: string;
  /** A judge's score in 0..1, where one was given. */
  score?: number;
}

import type { ChatMessage } from './engine-types';
import type { ExpectedCall, SuiteTask, ToolSpec } from './suite';

/** One line of a BFCL question file (BFCL_v4_*.json), as published. */
export interface BfclQuestion {
  id: string;
  question: { role: ChatMessage['role']; content: string }[][];
  function: { name: string; description: string; parameters: Record<string, unknown> }[];
}

/** One line of a BFCL possible-answer file: per call, each argument's accepted values. */
export interface BfclAnswer {
  id: string;
  ground_truth: Record<string, Record<string, unknown[]>>[];
}

type Scalar = string | number | boolean | null;
const isScalar = (v: unknown): v is Scalar =>
  v === null || ['string', 'number', 'boolean'].includes(typeof v);

/**
 * Chat Completions function names allow letters, digits, `_` and `-` only, so BFCL's
 * dotted names (math.factorial) become math_factorial, as BFCL itself does for such APIs.
 */
export const bfclToolName = (name: string) => name.replace(/\./g, '_');

const BFCL_TYPES: Record<string, string> = { dict: 'object', float: 'number', tuple: 'array' };

/** BFCL's Python-flavoured parameter types (dict, float, tuple, any) as JSON Schema. */
export function bfclSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(bfclSchema);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'type' && typeof value === 'string') {
      if (value !== 'any') out.type = BFCL_TYPES[value] ?? value;
    } else out[key] = bfclSchema(value);
  }
  return out;
}

/**
 * A BFCL call's accepted values as an ExpectedCall: "" among them means the argument may
 * be left out. Refuses what the tool-call grader cannot compare (lists, nested objects).
 */
function expectedCall(call: Record<string, Record<string, unknown[]>>, id: string): ExpectedCall {
  const entries = Object.entries(call);
  if (entries.length !== 1) throw new Error(`${id}: a ground-truth call must name one function`);
  const [name, args] = entries[0] as [string, Record<string, unknown[]>];
  const expected: ExpectedCall = { name: bfclToolName(name), arguments: {} };
  const optional: string[] = [];
  for (const [arg, values] of Object.entries(args)) {
    if (values.includes('')) optional.push(arg);
    const allowed = values.filter((v) => v !== '');
    if (!allowed.every(isScalar)) throw new Error(`${id}: ${name}.${arg} accepts non-scalar values`);
    if (allowed.length) expected.arguments[arg] = allowed;
  }
  if (optional.length) expected.optional = optional;
  return expected;
}

/**
 * A single-turn BFCL item as a suite task: its question, its functions as tools, and a
 * tool-call grader built from the possible answer (none given: no call should be made,
 * as in BFCL's irrelevance category).
 */
export function bfclTask(q: BfclQuestion, answer: BfclAnswer | undefined, category: string): SuiteTask {
  if (q.question.length !== 1) throw new Error(`${q.id}: only single-turn items are supported`);
  if (answer && answer.id !== q.id) throw new Error(`${q.id}: the answer is for ${answer.id}`);
  const tools: ToolSpec[] = q.function.map((f) => ({
    name: bfclToolName(f.name),
    description: f.description,
    parameters: bfclSchema(f.parameters) as Record<string, unknown>,
  }));
  return {
    id: `bfcl-${q.id}`,
    category,
    messages: (q.question[0] ?? []).map((m) => ({ role: m.role, content: m.content })),
    tools,
    maxTokens: 256,
    grader: {
      type: 'tool-call',
      expected: answer ? answer.ground_truth.map((c) => expectedCall(c, q.id)) : 'none',
    },
  };
}

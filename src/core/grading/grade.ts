import { Validator } from '@cfworker/json-schema';
import type { AppError, ErrorCode, FinishReason, ToolCall } from '../engine-types';
import type { Grade, GraderSpec } from '../suite';
import { extractJson, parseTextToolCalls } from './extract';
import { gradeClarifies } from './clarifies';
import { gradeGrounded } from './grounded';
import { checkInstruction } from './instructions';
import { gradeToolCalls } from './tool-calls';

/** What a grader reads of one generation. */
export interface GradeInput {
  content: string;
  toolCalls: readonly ToolCall[];
  finishReason: FinishReason | null;
  error: AppError | null;
  /** The task's prompt as the model saw it (context and question), for grounded grading. */
  prompt?: string;
}

const TIMEOUTS = new Set<ErrorCode>(['timeout', 'stalled']);
const REFUSAL =
  /\b(I can(?:'|’)t (?:help|assist|provide|do that)|I cannot (?:help|assist|provide)|I(?:'|’)m (?:unable|not able) to|I am (?:unable|not able) to|I won(?:'|’)t (?:help|provide)|as an AI\b)/i;

const pass = (detail: string): Grade => ({ pass: true, failure: null, detail });
const wrong = (detail: string): Grade => ({ pass: false, failure: 'wrong-answer', detail });

const norm = (s: string, caseSensitive?: boolean) => {
  const t = s.trim().replace(/\s+/g, ' ');
  return caseSensitive ? t : t.toLowerCase();
};

/**
 * The number a reply gives as its answer: after GSM8K's `####`, else after "answer is",
 * else the last number in the text. Thousands separators, currency and % are ignored.
 */
export function answerNumber(text: string): number | null {
  const num = String.raw`-?\$?\d[\d,]*(?:\.\d+)?`;
  const pick =
    new RegExp(`####\\s*(${num})`).exec(text)?.[1] ??
    new RegExp(`answer(?: is|:)\\s*\\**\\s*(${num})`, 'i').exec(text)?.[1] ??
    [...text.matchAll(new RegExp(num, 'g'))].at(-1)?.[0];
  if (pick === undefined) return null;
  const value = Number(pick.replace(/[$,]/g, ''));
  return Number.isFinite(value) ? value : null;
}

/**
 * A task's own JSON Schema, checked by interpretation (draft-07, as Ajv's default was): no
 * code is compiled at run time, so the page's Content-Security-Policy needs no 'unsafe-eval'.
 */
const validators = new WeakMap<object, Validator>();
function validatorFor(schema: Record<string, unknown>): Validator {
  let v = validators.get(schema);
  if (!v) {
    v = new Validator(schema, '7', false);
    validators.set(schema, v);
  }
  return v;
}

/** The deepest reason a value does not fit: the field that is wrong, not its parents. */
function schemaMiss(errors: readonly { instanceLocation: string; error: string }[]): string {
  const deepest = [...errors].sort((a, b) => b.instanceLocation.length - a.instanceLocation.length)[0];
  if (!deepest) return '';
  const at = deepest.instanceLocation.replace(/^#/, '') || '(root)';
  return `${at} ${deepest.error}`;
}

/** The grader's own verdict on the text, before failure categories are refined. */
function judgeOutput(spec: Exclude<GraderSpec, { type: 'judge' }>, out: GradeInput): Grade {
  const text = out.content;
  switch (spec.type) {
    case 'exact':
      return norm(text, spec.caseSensitive) === norm(spec.expected, spec.caseSensitive)
        ? pass('exact match')
        : wrong(`expected “${spec.expected}”`);
    case 'contains': {
      const hay = norm(text, spec.caseSensitive);
      const found = spec.expected.filter((e) => hay.includes(norm(e, spec.caseSensitive)));
      const ok = spec.all ? found.length === spec.expected.length : found.length > 0;
      return ok
        ? pass(`contains ${found.join(', ')}`)
        : wrong(`expected ${spec.all ? 'all of' : 'one of'} ${spec.expected.join(', ')}`);
    }
    case 'regex':
      return new RegExp(spec.pattern, spec.flags).test(text)
        ? pass(`matches /${spec.pattern}/`)
        : wrong(`no match for /${spec.pattern}/`);
    case 'numeric': {
      const got = answerNumber(text);
      if (got === null) return { pass: false, failure: 'format-error', detail: 'no number in the reply' };
      const tol = spec.tolerance ?? 0;
      const ok = Math.abs(got - spec.expected) <= (spec.relative ? tol * Math.abs(spec.expected) : tol);
      return ok ? pass(`${got}`) : wrong(`${got}, expected ${spec.expected}`);
    }
    case 'json': {
      const parsed = extractJson(text);
      if (!parsed.ok) return { pass: false, failure: 'format-error', detail: 'no JSON in the reply' };
      if (spec.schema) {
        const checked = validatorFor(spec.schema).validate(parsed.value);
        if (!checked.valid)
          return wrong(`JSON does not fit the schema: ${schemaMiss(checked.errors)}`.trim());
      }
      return pass(parsed.clean ? 'valid JSON' : 'valid JSON (wrapped in prose or a fence)');
    }
    case 'tool-call':
      return gradeToolCalls(out.toolCalls.length ? out.toolCalls : parseTextToolCalls(text), spec.expected);
    case 'grounded':
      return gradeGrounded(spec, text, out.prompt ?? '');
    case 'clarifies':
      return gradeClarifies(
        spec,
        text,
        out.toolCalls.length ? out.toolCalls : parseTextToolCalls(text),
        out.prompt ?? '',
      );
    case 'all': {
      const verdicts = spec.graders.map((g) => judgeOutput(g, out));
      return verdicts.find((v) => !v.pass) ?? pass(verdicts.map((v) => v.detail).join('; '));
    }
    case 'instructions': {
      const broken = spec.instructions
        .map((ins) => checkInstruction(text, ins))
        .filter((x): x is string => x !== null);
      return broken.length === 0
        ? pass(`all ${spec.instructions.length} instructions followed`)
        : { pass: false, failure: 'format-error', detail: broken.join('; ') };
    }
  }
}

/** The verdict on a generation the engine could not finish: a timeout or an error. */
export function engineFailure(error: AppError): Grade {
  // The cause travels with the verdict: "the prompt is 2,300 tokens; this model holds 2,048".
  const detail = error.detail ? `${error.message} ${error.detail}`.slice(0, 1000) : error.message;
  return { pass: false, failure: TIMEOUTS.has(error.code) ? 'timeout' : 'error', detail };
}

/**
 * Grades one generation. An engine error is a timeout or an error whatever the grader; a
 * failing reply cut off by the token limit is truncated, one that declines is a refusal.
 * Judge graders need a model call: see judge.ts.
 */
export function grade(spec: Exclude<GraderSpec, { type: 'judge' }>, out: GradeInput): Grade {
  if (out.error) return engineFailure(out.error);
  const verdict = judgeOutput(spec, out);
  // An invented fact stays a hallucination however the reply ended.
  if (verdict.pass || verdict.failure === 'hallucination') return verdict;
  if (out.finishReason === 'length')
    return { ...verdict, failure: 'truncated', detail: `cut off at the token limit; ${verdict.detail}` };
  if (REFUSAL.test(out.content) && out.toolCalls.length === 0) return { ...verdict, failure: 'refusal' };
  return verdict;
}

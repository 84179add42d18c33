import type { ToolCall } from '../engine-types';
import type { ExpectedCall, Grade } from '../suite';

const pass = (detail: string): Grade => ({ pass: true, failure: null, detail });
const fail = (failure: Grade['failure'], detail: string): Grade => ({ pass: false, failure, detail });

type Value = string | number | boolean | null;

/**
 * BFCL's string rule: case, spaces and the marks , . / - _ * ^ do not count, and ' reads
 * as ", so "April 1, 2024" matches "april 1 2024" and "in." matches "in".
 */
const standardize = (s: string) =>
  s
    .replace(/[ ,./\-_*^]/g, '')
    .toLowerCase()
    .replace(/'/g, '"');

function sameValue(actual: unknown, allowed: Value): boolean {
  if (typeof allowed === 'string' && typeof actual === 'string')
    return standardize(actual) === standardize(allowed);
  return actual === allowed;
}

/** Why this call does not match the expected one; null when it does. */
function mismatch(args: Record<string, unknown>, expected: ExpectedCall): Grade | null {
  for (const [name, allowed] of Object.entries(expected.arguments)) {
    if (!(name in args)) {
      if (expected.optional?.includes(name)) continue;
      return fail('tool-misuse', `${expected.name}: missing argument “${name}”`);
    }
    if (!allowed.some((v) => sameValue(args[name], v)))
      return fail(
        'wrong-answer',
        `${expected.name}: ${name} = ${JSON.stringify(args[name])}, expected ${allowed.map((v) => JSON.stringify(v)).join(' or ')}`,
      );
  }
  const extra = Object.keys(args).filter(
    (k) => !(k in expected.arguments) && !expected.optional?.includes(k),
  );
  if (extra.length) return fail('tool-misuse', `${expected.name}: unexpected argument ${extra.join(', ')}`);
  return null;
}

/**
 * BFCL-style tool-call check: every expected call made once (any order) with allowed
 * argument values and no arguments beyond the allowed ones; no other calls; and no call
 * at all where none should be made.
 */
export function gradeToolCalls(calls: readonly ToolCall[], expected: ExpectedCall[] | 'none'): Grade {
  if (expected === 'none')
    return calls.length === 0
      ? pass('no tool call, as wanted')
      : fail(
          'tool-misuse',
          `called ${calls.map((c) => c.name || '?').join(', ')} where no call should be made`,
        );
  if (calls.length === 0)
    return fail('tool-misuse', `no tool call; expected ${expected.map((e) => e.name).join(', ')}`);
  const parsed: { name: string; args: Record<string, unknown> }[] = [];
  for (const call of calls) {
    let args: unknown;
    try {
      args = JSON.parse(call.arguments || '{}');
    } catch {
      return fail('format-error', `${call.name || 'a call'}: arguments are not JSON`);
    }
    if (!call.name || typeof args !== 'object' || args === null || Array.isArray(args))
      return fail('format-error', `${call.name || 'a call'}: not a {name, arguments} object`);
    parsed.push({ name: call.name, args: args as Record<string, unknown> });
  }
  const unused = [...parsed];
  let firstProblem: Grade | null = null;
  for (const want of expected) {
    const candidates = unused.filter((c) => c.name === want.name);
    if (candidates.length === 0) {
      const names = unused.map((c) => c.name).join(', ');
      return fail('tool-misuse', `no call to ${want.name}${names ? `; called ${names}` : ''}`);
    }
    const match = candidates.find((c) => mismatch(c.args, want) === null);
    if (!match) {
      firstProblem ??= mismatch((candidates[0] as (typeof candidates)[number]).args, want);
      unused.splice(unused.indexOf(candidates[0] as (typeof candidates)[number]), 1);
      continue;
    }
    unused.splice(unused.indexOf(match), 1);
  }
  if (firstProblem) return firstProblem;
  if (unused.length) return fail('tool-misuse', `extra call ${unused.map((c) => c.name).join(', ')}`);
  return pass(`${expected.map((e) => e.name).join(', ')} called as expected`);
}

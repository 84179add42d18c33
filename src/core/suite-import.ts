import Papa from 'papaparse';
import { validateSuite } from './generated/validators';
import { idOf, type Damage } from './record-check';
import type { GraderSpec, Instruction, Suite, SuiteTask } from './suite';

export const MAX_SUITE_BYTES = 20 * 1024 * 1024;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_ERRORS = 5;

export type SuiteCheck = { ok: true; suite: Suite } | { ok: false; errors: string[] };

// Compiled ahead of time from docs/suite.schema.json (scripts/generate-validators.ts).

const fail = (...errors: string[]): SuiteCheck => ({ ok: false, errors: errors.slice(0, MAX_ERRORS) });

/** JSON.parse that refuses keys able to pollute prototypes, naming where the first one is. */
function parseStrict(
  text: string,
  where: string,
): { ok: true; value: unknown } | { ok: false; error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `${where}: not valid JSON (${e instanceof Error ? e.message : String(e)})` };
  }
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length) {
    const [v, path] = stack.pop() as [unknown, string];
    if (typeof v !== 'object' || v === null) continue;
    for (const key of Object.keys(v)) {
      if (FORBIDDEN_KEYS.has(key))
        return { ok: false, error: `${where}: the key “${key}” at ${path || '/'} is not allowed` };
      stack.push([(v as Record<string, unknown>)[key], `${path}/${key}`]);
    }
  }
  return { ok: true, value };
}

const INSTRUCTION_PARAMS: Partial<Record<Instruction['kind'], ('n' | 'words' | 'text')[]>> = {
  'max-words': ['n'],
  'min-words': ['n'],
  'bullet-count': ['n'],
  'paragraph-count': ['n'],
  placeholders: ['n'],
  highlights: ['n'],
  sections: ['text', 'n'],
  'include-keywords': ['words'],
  'forbidden-words': ['words'],
  'starts-with': ['text'],
  'ends-with': ['text'],
  'repeat-prompt': ['text'],
};

/** What the schema cannot say: unique ids, compilable patterns, instruction parameters. */
function semanticErrors(suite: Suite): string[] {
  const errors: string[] = [];
  const seen = new Set<string>();
  suite.tasks.forEach((task, i) => {
    const at = `task ${i + 1} (${task.id})`;
    if (seen.has(task.id)) errors.push(`${at}: the id is used twice`);
    seen.add(task.id);
    if (task.messages.at(-1)?.role !== 'user') errors.push(`${at}: the last message must be the user's`);
    const g = task.grader;
    if (g.type === 'regex') {
      try {
        new RegExp(g.pattern, g.flags);
      } catch {
        errors.push(`${at}: the regex ${g.pattern} does not compile`);
      }
    }
    if (g.type === 'instructions')
      for (const ins of g.instructions) {
        for (const param of INSTRUCTION_PARAMS[ins.kind] ?? [])
          if (!(param in ins)) errors.push(`${at}: instruction ${ins.kind} needs “${param}”`);
      }
  });
  return errors;
}

/** Checks a suite against docs/suite.schema.json and the rules the schema cannot state. */
export function checked(candidate: unknown, where: string): SuiteCheck {
  if (!validateSuite(candidate)) {
    const errs = (validateSuite.errors ?? []).map(
      (e) => `${where}${e.instancePath || '/'}: ${e.message ?? 'invalid'}`,
    );
    return fail(...[...new Set(errs)]);
  }
  const semantic = semanticErrors(candidate);
  return semantic.length ? fail(...semantic) : { ok: true, suite: candidate };
}

/** A stored suite the app cannot use, as History and Evaluate list damaged records. */
export function suiteDamage(record: unknown): Damage | null {
  const check = checked(record, 'suite');
  return check.ok ? null : { kind: 'suite', id: idOf(record), why: check.errors[0] ?? 'is not valid' };
}

const baseName = (fileName: string) => fileName.replace(/\.[^.]+$/, '') || 'Imported suite';

/** A CSV row as a task: prompt, optional system, and a grader from its type and expected value. */
function csvTask(row: Record<string, string>, line: number): SuiteTask | string {
  const type = (row.grader ?? '').trim();
  const expected = row.expected ?? '';
  let grader: GraderSpec;
  switch (type) {
    case 'exact':
      grader = { type, expected };
      break;
    case 'contains':
      grader = {
        type,
        expected: expected
          .split('|')
          .map((s) => s.trim())
          .filter(Boolean),
      };
      break;
    case 'regex':
      grader = { type, pattern: expected };
      break;
    case 'numeric': {
      const value = Number(expected);
      const tolerance = row.tolerance ? Number(row.tolerance) : 0;
      if (!Number.isFinite(value) || !Number.isFinite(tolerance))
        return `line ${line}: numeric graders need a number in “expected” (and “tolerance”)`;
      grader = { type, expected: value, tolerance };
      break;
    }
    case 'json':
      grader = { type };
      break;
    case 'judge':
      grader = { type, rubric: expected };
      break;
    default:
      return `line ${line}: grader must be exact, contains, regex, numeric, json or judge (got “${type}”)`;
  }
  const system = row.system?.trim();
  const maxTokens = row.max_tokens ? Number(row.max_tokens) : undefined;
  return {
    id: (row.id ?? '').trim() || `task-${line - 1}`,
    category: (row.category ?? '').trim() || 'general',
    messages: [
      ...(system ? [{ role: 'system' as const, content: system }] : []),
      { role: 'user', content: row.prompt ?? '' },
    ],
    ...(maxTokens !== undefined ? { maxTokens } : {}),
    grader,
  };
}

/**
 * Reads a suite file: a JSON suite (or a JSON array of tasks), JSONL with one task per
 * line, or CSV with columns id, category, prompt, grader, expected (and optionally system,
 * tolerance, max_tokens). Every error names where it is; nothing is kept unless all is well.
 */
export function parseSuiteFile(fileName: string, text: string, now: string): SuiteCheck {
  if (text.length > MAX_SUITE_BYTES)
    return fail(`${fileName} is larger than ${MAX_SUITE_BYTES / 1024 / 1024} MB.`);
  if (text.trim() === '') return fail(`${fileName} is empty.`);
  const ext = /\.([a-z]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  const wrap = (tasks: unknown): unknown => ({
    id: `imported-${now.replace(/\D/g, '')}`,
    name: baseName(fileName),
    source: 'imported',
    updatedAt: now,
    tasks,
  });
  if (ext === 'csv') {
    const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
      header: true,
      skipEmptyLines: true,
    });
    if (parsed.errors.length)
      return fail(...parsed.errors.map((e) => `line ${(e.row ?? 0) + 2}: ${e.message}`));
    const missing = ['prompt', 'grader'].filter((c) => !parsed.meta.fields?.includes(c));
    if (missing.length)
      return fail(
        `${fileName}: the header needs the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
      );
    const tasks = parsed.data.map((row, i) => csvTask(row, i + 2));
    const bad = tasks.filter((t): t is string => typeof t === 'string');
    return bad.length ? fail(...bad) : checked(wrap(tasks), fileName);
  }
  if (ext === 'jsonl' || ext === 'ndjson') {
    const tasks: unknown[] = [];
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      if ((lines[i] ?? '').trim() === '') continue;
      const parsed = parseStrict(lines[i] as string, `line ${i + 1}`);
      if (!parsed.ok) return fail(parsed.error);
      tasks.push(parsed.value);
    }
    const result = checked(wrap(tasks), fileName);
    // Point at the line, not the array index, so the user can find it.
    return result.ok
      ? result
      : fail(
          ...result.errors.map((e) =>
            e.replace(/\/tasks\/(\d+)/, (_, n: string) => ` task ${Number(n) + 1}`),
          ),
        );
  }
  const parsed = parseStrict(text, fileName);
  if (!parsed.ok) return fail(parsed.error);
  const value = parsed.value;
  if (Array.isArray(value)) return checked(wrap(value), fileName);
  if (typeof value === 'object' && value !== null && 'tasks' in value) {
    const v = value as Record<string, unknown>;
    return checked(
      {
        ...v,
        id: typeof v.id === 'string' ? v.id : `imported-${now.replace(/\D/g, '')}`,
        source: 'imported',
        updatedAt: now,
      },
      fileName,
    );
  }
  return fail(
    `${fileName}: expected a suite ({"name", "tasks": [...]}), a JSON array of tasks, JSONL or CSV.`,
  );
}

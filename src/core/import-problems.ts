import type { ErrorObject } from 'ajv';

/** One reason a file cannot be imported as it is: where, and what is wrong, in plain words. */
export interface ImportProblem {
  path: string;
  message: string;
}

export const EXCERPT_CHARS = 120;
/** Problems listed in the dialog; the rest are counted there and written in the report. */
export const SHOWN_PROBLEMS = 8;

/** A value as a short quote: never the whole of a long string or a big object. */
export function excerpt(value: unknown, max = EXCERPT_CHARS): string {
  let text: string;
  if (typeof value === 'string')
    text = JSON.stringify(value.length > max * 2 ? value.slice(0, max * 2) : value);
  else if (typeof value === 'object' && value !== null)
    text = Array.isArray(value)
      ? `a list of ${value.length}`
      : `an object with ${Object.keys(value).length} fields`;
  else text = String(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The value a JSON Pointer names, or undefined. */
export function valueAt(root: unknown, pointer: string): unknown {
  let at: unknown = root;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

const TYPE_WORDS: Record<string, string> = {
  number: 'a number',
  integer: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  null: 'empty (null)',
  object: 'an object',
  array: 'a list',
};

const ISO_PATTERN = String.raw`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$`;
const DAY_PATTERN = String.raw`^\d{4}-\d{2}-\d{2}$`;

/** A validator's finding in the words a user reads: what the field should be, not the schema keyword. */
export function plainSchemaProblem(e: ErrorObject, doc: unknown): ImportProblem {
  const path = e.instancePath || '/';
  const p = e.params as Record<string, unknown>;
  const got = valueAt(doc, e.instancePath);
  const was = got === undefined ? '' : ` (it is ${excerpt(got, 60)})`;
  let message: string;
  switch (e.keyword) {
    case 'type': {
      const types = (Array.isArray(p.type) ? p.type : String(p.type).split(',')).map(
        (t) => TYPE_WORDS[t] ?? t,
      );
      message = `should be ${types.join(' or ')}${was}`;
      break;
    }
    case 'required':
      message = `is missing the field “${String(p.missingProperty)}”`;
      break;
    case 'additionalProperties':
      message = `has a field Qwenfit does not know: “${String(p.additionalProperty)}”`;
      break;
    case 'pattern':
      message =
        p.pattern === ISO_PATTERN
          ? `should be a date and time in UTC like 2026-12-03T10:00:00Z${was}`
          : p.pattern === DAY_PATTERN
            ? `should be a day like 2026-12-03${was}`
            : `is not in the expected form${was}`;
      break;
    case 'enum':
      message = `should be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}${was}`;
      break;
    case 'const':
      message = `should be ${JSON.stringify(p.allowedValue)}${was}`;
      break;
    case 'maxLength':
      message = `is longer than ${String(p.limit)} characters${typeof got === 'string' ? ` (${got.length.toLocaleString('en-US')})` : ''}`;
      break;
    case 'minLength':
      message = p.limit === 1 ? 'should not be empty' : `should be at least ${String(p.limit)} characters`;
      break;
    case 'minimum':
    case 'exclusiveMinimum':
      message = `should be ${String(p.limit)} or more${was}`;
      break;
    case 'maximum':
    case 'exclusiveMaximum':
      message = `should be ${String(p.limit)} or less${was}`;
      break;
    case 'maxItems':
      message = `has more than ${String(p.limit)} entries`;
      break;
    case 'minItems':
      message = `should have at least ${String(p.limit)} ${p.limit === 1 ? 'entry' : 'entries'}`;
      break;
    case 'oneOf':
    case 'anyOf':
      message = `does not match any allowed shape${was}`;
      break;
    default:
      message = `is not valid (${e.message ?? e.keyword})`;
  }
  return { path, message };
}

const line = (p: ImportProblem) => `at ${p.path}: ${p.message}`;

/** What the dialog lists: the first problems, then how many more there are. */
export function summarise(problems: readonly ImportProblem[], shown = SHOWN_PROBLEMS): string[] {
  const lines = problems.slice(0, shown).map(line);
  if (problems.length > shown)
    lines.push(`and ${(problems.length - shown).toLocaleString('en-US')} more (in the report)`);
  return lines;
}

/** Every problem, one a line, for the downloadable report. */
export function problemReport(
  fileName: string,
  problems: readonly ImportProblem[],
  checkedAt: string,
): string {
  return [
    `Qwenfit import report for ${fileName}, ${checkedAt}`,
    `${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was imported.`,
    '',
    ...problems.map(line),
    '',
  ].join('\n');
}

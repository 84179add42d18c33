import type { ExportDocument } from './export-format';
import type { ImportProblem } from './import-problems';
import { excerpt } from './import-problems';
import { findSecrets } from './secret-scan';
import { checkPlan } from './plan';

/** Bounds past which a figure is not a measurement (also stated in docs/result-file.schema.json). */
export const MAX_MS = 86_400_000;
export const MAX_RATE = 10_000_000;
export const MAX_TOKENS = 100_000_000;

/** What a file is checked against beyond itself: what the app and this browser already hold. */
export interface ImportContext {
  /** Suite ids that ship with the app: no file may take one. */
  builtInSuiteIds: ReadonlySet<string>;
  /** Suites this browser already holds (written or imported). */
  storedSuiteIds: Iterable<string>;
  /** Runs this browser already holds: a file's results may add to one of them. */
  storedRunIds: Iterable<string>;
}

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?Z$/;

/** A real calendar instant: 2026-02-30 and 25:61 match the pattern but are not days or times. */
export function isRealInstant(s: string): boolean {
  const m = INSTANT.exec(s);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return false;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day >= 1 && day <= days;
}

/** Zero-width, bidirectional and control characters: an id holding one looks like another. */
const INVISIBLE_RANGES: readonly [number, number][] = [
  [0x0000, 0x001f],
  [0x007f, 0x009f],
  [0x00ad, 0x00ad],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x2064],
  [0xfeff, 0xfeff],
];
const invisible = (c: string) => {
  const cp = c.codePointAt(0) ?? 0;
  return INVISIBLE_RANGES.some(([low, high]) => cp >= low && cp <= high);
};
const hasInvisible = (s: string) => [...s].some(invisible);

/** An id as text a reader can tell apart: invisible characters and combining marks spelled out. */
function visible(id: string): string {
  return [...excerpt(id)]
    .map((c) =>
      invisible(c) || /\p{M}/u.test(c) ? `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}` : c,
    )
    .join('');
}

/** Why an id cannot be stored as it is, or null. */
export function idProblem(id: string): string | null {
  if (hasInvisible(id)) return `the id ${visible(id)} holds an invisible or control character`;
  if (id !== id.normalize('NFC'))
    return `the id ${visible(id)} is not in Unicode normal form (NFC): it would look the same as a different id`;
  if (id.trim() !== id) return `the id ${visible(id)} starts or ends with a space`;
  return null;
}

function figureProblem(value: number | null | undefined, max: number, what: string): string | null {
  if (value === null || value === undefined) return null;
  if (!Number.isFinite(value)) return `${what} is not a finite number`;
  if (value > max)
    return `${what} of ${value.toLocaleString('en-US')} is beyond any real measurement (at most ${max.toLocaleString('en-US')})`;
  return null;
}

/**
 * What the schema cannot say: real instants, runs that end after they start, plausible
 * figures, clean and unique ids, references that resolve, no built-in id taken, no key.
 */
export function semanticProblems(doc: ExportDocument, ctx: ImportContext): ImportProblem[] {
  const out: ImportProblem[] = [];
  const add = (path: string, message: string | null) => {
    if (message) out.push({ path, message });
  };
  const instant = (path: string, value: string | null | undefined) => {
    if (value && !isRealInstant(value)) add(path, `${excerpt(value)} is not a real date and time`);
  };
  const uniqueIds = (kind: string, ids: readonly string[], base: string) => {
    const seen = new Map<string, number>();
    ids.forEach((id, i) => {
      add(`${base}/${i}/id`, idProblem(id));
      const first = seen.get(id.normalize('NFC'));
      if (first !== undefined)
        add(
          `${base}/${i}/id`,
          `the ${kind} id ${excerpt(id)} is used twice in the file (also at ${base}/${first})`,
        );
      else seen.set(id.normalize('NFC'), i);
    });
  };

  instant('/exportedAt', doc.exportedAt);
  uniqueIds(
    'run',
    doc.runs.map((r) => r.id),
    '/runs',
  );
  uniqueIds(
    'result',
    doc.results.map((r) => r.id),
    '/results',
  );
  uniqueIds(
    'suite',
    doc.suites.map((s) => s.id),
    '/suites',
  );

  const suitesHere = new Set([...doc.suites.map((s) => s.id), ...ctx.storedSuiteIds, ...ctx.builtInSuiteIds]);
  const storedRuns = new Set(ctx.storedRunIds);
  doc.suites.forEach((s, i) => {
    instant(`/suites/${i}/updatedAt`, s.updatedAt);
    if (ctx.builtInSuiteIds.has(s.id) && s.source !== 'built-in')
      add(`/suites/${i}/id`, `the suite id ${excerpt(s.id)} belongs to a suite that ships with Qwenfit`);
    if (s.source === 'built-in' && !ctx.builtInSuiteIds.has(s.id))
      add(`/suites/${i}/source`, `says built-in, but this Qwenfit has no built-in suite ${excerpt(s.id)}`);
  });

  const runsHere = new Set(doc.runs.map((r) => r.id));
  doc.runs.forEach((r, i) => {
    instant(`/runs/${i}/startedAt`, r.startedAt);
    instant(`/runs/${i}/endedAt`, r.endedAt);
    if (r.endedAt && isRealInstant(r.endedAt) && isRealInstant(r.startedAt) && r.endedAt < r.startedAt)
      add(`/runs/${i}/endedAt`, `the run ends (${r.endedAt}) before it starts (${r.startedAt})`);
    if (r.suiteId !== undefined && !suitesHere.has(r.suiteId))
      add(`/runs/${i}/suiteId`, `the suite ${excerpt(r.suiteId)} is neither in the file nor in this browser`);
    if (r.plan) {
      const plan = checkPlan(r.plan);
      if (!plan.ok)
        for (const p of plan.problems) add(`/runs/${i}/plan${p.path === '/' ? '' : p.path}`, p.message);
    }
  });

  doc.results.forEach((r, i) => {
    const at = `/results/${i}`;
    instant(`${at}/createdAt`, r.createdAt);
    if (!runsHere.has(r.runId) && !storedRuns.has(r.runId))
      add(`${at}/runId`, `its run ${excerpt(r.runId)} is neither in the file nor in this browser`);
    const m = r.metrics;
    for (const key of ['ttftMs', 'ttfoMs', 'e2eMs'] as const)
      add(`${at}/metrics/${key}`, figureProblem(m[key], MAX_MS, key));
    for (const key of ['decodeTokensPerS', 'prefillTokensPerS'] as const)
      add(`${at}/metrics/${key}`, figureProblem(m[key], MAX_RATE, key));
    add(`${at}/metrics/promptTokens`, figureProblem(m.promptTokens, MAX_TOKENS, 'promptTokens'));
    add(`${at}/metrics/completionTokens`, figureProblem(m.completionTokens, MAX_TOKENS, 'completionTokens'));
    for (const [key, v] of Object.entries(m.engineStats))
      if (!Number.isFinite(v)) add(`${at}/metrics/engineStats/${key}`, `${key} is not a finite number`);
  });

  for (const hit of findSecrets(doc))
    add(
      hit.path,
      `${hit.why}: Qwenfit never stores or exports keys inside results or suites; remove it from the file`,
    );
  return out;
}

import { validateResultFile } from './generated/validators';
import type { Conflict, Resolution, StoredTwins } from './import-conflicts';
import { EXPORT_FORMAT, EXPORT_VERSION, type ExportDocument } from './export-format';
import { excerpt, plainSchemaProblem, summarise, type ImportProblem } from './import-problems';
import { semanticProblems, type ImportContext } from './import-semantics';
import { scanJson } from './json-scan';

export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export type ImportCheck =
  { ok: true; doc: ExportDocument } | { ok: false; problems: ImportProblem[]; errors: string[] };

/** Nesting deeper than this is refused before parsing: no real export comes near it. */
export const MAX_JSON_DEPTH = 64;
/** The longest text value a file may hold: an image in a suite (docs/suite.schema.json). */
export const MAX_STRING_CHARS = 8_000_000;

// Compiled ahead of time from docs/result-file.schema.json (with the suite and plan schemas it refers to).
const validate = validateResultFile;

/** The first key that could pollute prototypes if the data were ever merged into an object. */
function forbiddenKey(value: unknown, path = ''): string | null {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = forbiddenKey(value[i], `${path}/${i}`);
      if (found) return found;
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) return `${path}/${key}`;
      const found = forbiddenKey((value as Record<string, unknown>)[key], `${path}/${key}`);
      if (found) return found;
    }
  }
  return null;
}

function otherTool(parsed: Record<string, unknown>): string | null {
  if ('evalId' in parsed && 'results' in parsed) return 'a promptfoo results file';
  if (Array.isArray(parsed.results) && !('format' in parsed)) return 'a results file of another tool';
  return null;
}

const refuse = (...problems: ImportProblem[]): ImportCheck => ({
  ok: false,
  problems,
  errors: summarise(problems),
});
const whole = (message: string): ImportCheck => refuse({ path: '/', message });

/** A file too big to read, told from its size alone, before a byte of it is read. */
export function sizeProblem(byteLength: number): ImportCheck | null {
  return byteLength > MAX_IMPORT_BYTES
    ? whole(
        `the file is ${Math.round(byteLength / 1048576)} MB; the limit is ${MAX_IMPORT_BYTES / 1048576} MB`,
      )
    : null;
}

/**
 * Checks a file before anything is written: size, nesting and text lengths (before
 * parsing), JSON, format and version, no prototype keys, the published JSON Schema, then
 * what the schema cannot say (semantic checks against what this browser holds). Every
 * problem is kept with its path; the dialog lists the first and counts the rest.
 */
export function checkImport(text: string, byteLength: number, ctx: ImportContext): ImportCheck {
  const tooBig = sizeProblem(byteLength);
  if (tooBig) return tooBig;
  if (text.trim() === '') return whole('the file is empty');
  const scanned = scanJson(text, { maxDepth: MAX_JSON_DEPTH, maxString: MAX_STRING_CHARS });
  if (scanned?.kind === 'depth')
    return refuse({
      path: scanned.path,
      message: `the data is nested more than ${MAX_JSON_DEPTH} levels deep; no Qwenfit export is`,
    });
  if (scanned?.kind === 'string')
    return refuse({
      path: scanned.path,
      message: `a text of ${scanned.length.toLocaleString('en-US')} characters; the longest Qwenfit stores is ${MAX_STRING_CHARS.toLocaleString('en-US')}`,
    });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return whole(`the file is not valid JSON (${excerpt(why)}); it may be truncated or not a Qwenfit export`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    return whole('the file holds JSON but not a Qwenfit results document (expected an object at the top)');
  const top = parsed as Record<string, unknown>;
  const bad = forbiddenKey(parsed);
  if (bad)
    return refuse({
      path: bad,
      message: `the key “${bad.split('/').pop()}” is one Qwenfit refuses to import`,
    });
  if (top.format !== EXPORT_FORMAT) {
    const other = otherTool(top);
    return whole(
      other
        ? `this is ${other}, not a Qwenfit export (format “${EXPORT_FORMAT}”)`
        : `not a Qwenfit export: “format” is ${excerpt(top.format ?? null)}, expected “${EXPORT_FORMAT}”`,
    );
  }
  if (top.version !== EXPORT_VERSION)
    return whole(
      typeof top.version === 'number' && top.version > EXPORT_VERSION
        ? `the file is version ${top.version}; this Qwenfit reads version ${EXPORT_VERSION}. Update Qwenfit to import it`
        : `unsupported version ${excerpt(top.version ?? null)}; expected ${EXPORT_VERSION}`,
    );
  if (!validate(parsed)) {
    const seen = new Set<string>();
    const problems = (validate.errors ?? [])
      .map((e) => plainSchemaProblem(e, parsed))
      .filter((p) => {
        const key = `${p.path}|${p.message}`;
        return seen.has(key) ? false : (seen.add(key), true);
      });
    return refuse(...problems);
  }
  const semantic = semanticProblems(parsed, ctx);
  return semantic.length ? refuse(...semantic) : { ok: true, doc: parsed };
}

export interface ImportPlan {
  newRuns: number;
  newResults: number;
  /** Suites the file brings that this browser does not hold yet. */
  newSuites: number;
  /** Records already in this browser under the same id and with the same content: the file's copy skipped. */
  skippedRuns: number;
  skippedResults: number;
}

/** What an import adds and skips, given the records stored under the file's ids and which of them differ. */
export function planImport(
  doc: ExportDocument,
  twins: StoredTwins,
  conflicts: readonly Conflict[],
): ImportPlan {
  const present = <T extends { id: string }>(list: readonly T[], here: ReadonlyMap<string, unknown>) =>
    list.filter((r) => here.has(r.id)).length;
  const differing = (kind: Conflict['kind']) => conflicts.filter((c) => c.kind === kind).length;
  const runsHere = present(doc.runs, twins.runs);
  const resultsHere = present(doc.results, twins.results);
  return {
    newRuns: doc.runs.length - runsHere,
    newResults: doc.results.length - resultsHere,
    newSuites: doc.suites.filter((s) => s.source !== 'built-in' && !twins.suites.has(s.id)).length,
    skippedRuns: runsHere - differing('run'),
    skippedResults: resultsHere - differing('result'),
  };
}

/** What checking a file gave: a plan to confirm, or every problem (nothing is written either way). */
export type ImportPreview =
  | {
      ok: true;
      plan: ImportPlan;
      /** Records here under the file's ids with other content (the first ones), and how many in all. */
      conflicts: Conflict[];
      conflictCount: number;
    }
  | { ok: false; problems: ImportProblem[]; errors: string[] };

/** Where an import stands, for its progress bar. `fraction` is null while it cannot be told. */
export interface ImportProgress {
  phase: 'reading' | 'checking' | 'writing';
  fraction: number | null;
}

/**
 * The import worker: it reads, checks and writes the file itself (its own IndexedDB
 * connection), so the page never parses or holds a big file and keeps painting. The file
 * checked last is held until it is applied or discarded.
 */
export interface ImportWorkerApi {
  preview(
    file: File,
    builtInSuiteIds: string[],
    onProgress: (p: ImportProgress) => void,
  ): Promise<ImportPreview>;
  apply(
    resolution: Resolution,
    onProgress: (p: ImportProgress) => void,
  ): Promise<{ runs: number; results: number; suites: number }>;
  discard(): void;
}

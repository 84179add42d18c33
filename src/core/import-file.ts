import Ajv from 'ajv';
import schema from '../../docs/result-file.schema.json';
import suiteSchema from '../../docs/suite.schema.json';
import { EXPORT_FORMAT, EXPORT_VERSION, type ExportDocument } from './export-format';

export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export type ImportCheck = { ok: true; doc: ExportDocument } | { ok: false; errors: string[] };

// The results file's suites refer to the suite schema by its $id.
const validate = new Ajv({ allErrors: true, strict: false, schemas: [suiteSchema] }).compile<ExportDocument>(
  schema,
);

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

function duplicates(ids: string[]): string[] {
  const seen = new Set<string>();
  return ids.filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
}

/**
 * Checks a file before anything is written: JSON, format and version, no prototype keys,
 * the published JSON Schema, then references between runs and results. Errors name
 * where the first problems are.
 */
export function checkImport(text: string, byteLength: number): ImportCheck {
  if (byteLength > MAX_IMPORT_BYTES) {
    return {
      ok: false,
      errors: [
        `The file is ${Math.round(byteLength / 1048576)} MB; the limit is ${MAX_IMPORT_BYTES / 1048576} MB.`,
      ],
    };
  }
  if (text.trim() === '') return { ok: false, errors: ['The file is empty.'] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      errors: [`The file is not valid JSON (${why}); it may be truncated or not a Qwenfit export.`],
    };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return {
      ok: false,
      errors: ['The file holds JSON but not a Qwenfit results document (expected an object at the top).'],
    };
  }
  const top = parsed as Record<string, unknown>;
  const bad = forbiddenKey(parsed);
  if (bad)
    return {
      ok: false,
      errors: [
        `The file contains the key “${bad.split('/').pop()}” at ${bad}, which Qwenfit refuses to import.`,
      ],
    };
  if (top.format !== EXPORT_FORMAT) {
    const other = otherTool(top);
    return {
      ok: false,
      errors: [
        other
          ? `This is ${other}, not a Qwenfit export (format “${EXPORT_FORMAT}”).`
          : `Not a Qwenfit export: “format” is ${JSON.stringify(top.format ?? null)}, expected “${EXPORT_FORMAT}”.`,
      ],
    };
  }
  if (top.version !== EXPORT_VERSION) {
    return {
      ok: false,
      errors: [
        typeof top.version === 'number' && top.version > EXPORT_VERSION
          ? `The file is version ${top.version}; this Qwenfit reads version ${EXPORT_VERSION}. Update Qwenfit to import it.`
          : `Unsupported version ${JSON.stringify(top.version ?? null)}; expected ${EXPORT_VERSION}.`,
      ],
    };
  }
  if (!validate(parsed)) {
    const errors = (validate.errors ?? [])
      .slice(0, 5)
      .map(
        (e) =>
          `at ${e.instancePath || '/'}: ${e.message ?? 'invalid'}${e.params && 'additionalProperty' in e.params ? ` (“${String(e.params.additionalProperty)}”)` : ''}`,
      );
    return { ok: false, errors };
  }
  const doc = parsed;
  const dupRuns = duplicates(doc.runs.map((r) => r.id));
  if (dupRuns.length) return { ok: false, errors: [`Run id “${dupRuns[0]}” appears more than once.`] };
  const dupResults = duplicates(doc.results.map((r) => r.id));
  if (dupResults.length)
    return { ok: false, errors: [`Result id “${dupResults[0]}” appears more than once.`] };
  const runIds = new Set(doc.runs.map((r) => r.id));
  const orphan = doc.results.findIndex((r) => !runIds.has(r.runId));
  if (orphan >= 0)
    return {
      ok: false,
      errors: [`at /results/${orphan}: its run “${doc.results[orphan]?.runId}” is not in the file.`],
    };
  return { ok: true, doc };
}

export interface ImportPlan {
  newRuns: number;
  newResults: number;
  /** Runs already in this browser under the same id: kept as they are, the file's copy skipped. */
  skippedRuns: number;
  skippedResults: number;
}

export function planImport(
  doc: ExportDocument,
  existingRunIds: ReadonlySet<string>,
  existingResultIds: ReadonlySet<string>,
): ImportPlan {
  const skippedRuns = doc.runs.filter((r) => existingRunIds.has(r.id)).length;
  const skippedResults = doc.results.filter((r) => existingResultIds.has(r.id)).length;
  return {
    newRuns: doc.runs.length - skippedRuns,
    newResults: doc.results.length - skippedResults,
    skippedRuns,
    skippedResults,
  };
}

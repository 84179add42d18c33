import type { ExportDocument } from '../../src/core/export-format';
import { checkImport } from '../../src/core/import-file';
import { planKey, type Plan } from '../../src/core/plan';
import type { PlannedRun } from '../../src/core/regression';
import type { Run } from '../../src/core/results';
import { targetKey } from '../../src/core/target';
import { CannotRun } from './device-run';

function builtInIdsClaimed(text: string): string[] {
  try {
    const doc = JSON.parse(text) as { suites?: { id?: unknown; source?: unknown }[] };
    return (doc.suites ?? []).flatMap((s) =>
      s.source === 'built-in' && typeof s.id === 'string' ? [s.id] : [],
    );
  } catch {
    return []; // checkImport says what is wrong with the JSON
  }
}

/** A baseline results file, checked as History's import checks one. */
export function readBaseline(path: string, text: string): ExportDocument {
  const check = checkImport(text, Buffer.byteLength(text), {
    // Nothing is stored here, so no id can clash with a browser's: the file's own built-in
    // suites stand (the app's suite catalog is bundled by Vite and is not loaded in Node).
    builtInSuiteIds: new Set(builtInIdsClaimed(text)),
    storedSuiteIds: [],
    storedRunIds: [],
  });
  if (!check.ok)
    throw new CannotRun(
      `the baseline file ${path} is not a usable results file:\n  ${check.errors.join('\n  ')}`,
    );
  return check.doc;
}

const targets = (plan: Plan) => plan.evaluation.candidates.map((c) => targetKey(c.target));

/**
 * The run of a baseline file a device's run is judged against: a run of the same suite
 * whose candidates include this run's, preferring the same device, then the same plan,
 * then the latest. (A second device runs only the on-device candidates, so its plan is a
 * part of the first's.) Null when the file holds none.
 */
export function baselineFor(doc: ExportDocument, plan: Plan, device: string): PlannedRun | null {
  const mine = targets(plan);
  const key = planKey(plan);
  const score = (r: Run & { plan: Plan }) =>
    (r.device?.name === device ? 4 : 0) + (planKey(r.plan) === key ? 2 : 0);
  const fitting = doc.runs
    .filter(
      (r): r is Run & { plan: Plan } =>
        !!r.plan &&
        r.plan.suite.hash === plan.suite.hash &&
        mine.every((t) => targets(r.plan as Plan).includes(t)),
    )
    .sort((a, b) => score(b) - score(a) || b.startedAt.localeCompare(a.startedAt));
  const run = fitting[0];
  return run ? { plan: run.plan, results: doc.results.filter((r) => r.runId === run.id) } : null;
}

import type { ExportDocument } from './export-format';
import { excerpt } from './import-problems';
import type { ResultRecord, Run } from './results';
import type { Suite } from './suite';

/**
 * Identity, not just ids: a record in a file whose id is already in this browser is the
 * same record only when its content is the same. Otherwise it is a conflict the user
 * settles, never merged silently (results of one run added into a different run).
 */
export type RecordKind = 'run' | 'result' | 'suite';

export interface Conflict {
  kind: RecordKind;
  id: string;
  /** Where it is in the file. */
  path: string;
  /** Top-level fields whose values differ. */
  fields: string[];
  mine: string;
  theirs: string;
}

/** keep-mine: the file's differing records (and the results of its differing runs) are left out;
 * take-theirs: they replace mine (a replaced run loses the results the file does not have);
 * copy: they come in under new ids, beside mine. */
export type Resolution = 'keep-mine' | 'take-theirs' | 'copy';

/** The records already stored under ids the file also uses. */
export interface StoredTwins {
  runs: ReadonlyMap<string, Run>;
  results: ReadonlyMap<string, ResultRecord>;
  suites: ReadonlyMap<string, Suite>;
}

/** JSON with object keys sorted, so two records compare by content, not by key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

export const sameRecord = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);

export function differingFields(a: object, b: object): string[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.filter(
    (k) => !sameRecord((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

const DESCRIBE: { [K in RecordKind]: (r: never) => string } = {
  run: (r: Run) => `${r.title} · ${r.kind} · ${r.status} · started ${r.startedAt}`,
  result: (r: ResultRecord) => `${r.modelId} · task ${r.taskId} · ${r.createdAt} · ${excerpt(r.output, 60)}`,
  suite: (s: Suite) => `${s.name} · ${s.tasks.length} tasks · updated ${s.updatedAt}`,
};

const describe = <K extends RecordKind>(kind: K, record: unknown) =>
  excerpt((DESCRIBE[kind] as (r: unknown) => string)(record), 160).replace(/^"|"$/g, '');

/** Every record of the file that differs from the one stored under its id. */
export function findConflicts(doc: ExportDocument, stored: StoredTwins): Conflict[] {
  const out: Conflict[] = [];
  const check = <T extends { id: string }>(
    kind: RecordKind,
    list: readonly T[],
    base: string,
    map: ReadonlyMap<string, T>,
  ) =>
    list.forEach((theirs, i) => {
      const mine = map.get(theirs.id);
      if (!mine || sameRecord(mine, theirs)) return;
      out.push({
        kind,
        id: theirs.id,
        path: `${base}/${i}`,
        fields: differingFields(mine, theirs),
        mine: describe(kind, mine),
        theirs: describe(kind, theirs),
      });
    });
  check('run', doc.runs, '/runs', stored.runs);
  check('result', doc.results, '/results', stored.results);
  check(
    'suite',
    doc.suites.filter((s) => s.source !== 'built-in'),
    '/suites',
    stored.suites,
  );
  return out;
}

/** What to write: new records to add, differing ones to put over mine, and runs whose old results go. */
export interface ImportWrites {
  add: { runs: Run[]; results: ResultRecord[]; suites: Suite[] };
  replace: { runs: Run[]; results: ResultRecord[]; suites: Suite[] };
  /** take-theirs: runs replaced by a different run; their stored results not in the file are deleted. */
  clearResultsOf: string[];
}

/**
 * The writes an import makes under a resolution. Records stored with the same content are
 * left alone; `copyId` gives a conflicting record its new id (copy), and a copied run's
 * results follow it.
 */
export function importWrites(
  doc: ExportDocument,
  stored: StoredTwins,
  resolution: Resolution,
  copyId: (id: string) => string,
): ImportWrites {
  const differs = <T extends { id: string }>(map: ReadonlyMap<string, T>, r: T) => {
    const mine = map.get(r.id);
    return mine !== undefined && !sameRecord(mine, r);
  };
  const isNew = <T extends { id: string }>(map: ReadonlyMap<string, T>, r: T) => !map.has(r.id);
  const suites = doc.suites.filter((s) => s.source !== 'built-in');
  const conflictingRuns = new Set(doc.runs.filter((r) => differs(stored.runs, r)).map((r) => r.id));
  const conflictingSuites = new Set(suites.filter((s) => differs(stored.suites, s)).map((s) => s.id));
  const writes: ImportWrites = {
    add: { runs: [], results: [], suites: [] },
    replace: { runs: [], results: [], suites: [] },
    clearResultsOf: [],
  };

  if (resolution === 'copy') {
    const runIds = new Map([...conflictingRuns].map((id) => [id, copyId(id)]));
    const suiteIds = new Map([...conflictingSuites].map((id) => [id, copyId(id)]));
    for (const s of suites)
      if (suiteIds.has(s.id)) writes.add.suites.push({ ...s, id: suiteIds.get(s.id) ?? s.id });
      else if (isNew(stored.suites, s)) writes.add.suites.push(s);
    for (const r of doc.runs) {
      const suiteId = r.suiteId !== undefined ? (suiteIds.get(r.suiteId) ?? r.suiteId) : undefined;
      const run = suiteId === undefined ? r : { ...r, suiteId };
      if (runIds.has(r.id)) writes.add.runs.push({ ...run, id: runIds.get(r.id) ?? r.id });
      else if (isNew(stored.runs, r)) writes.add.runs.push(run);
    }
    for (const r of doc.results) {
      const runId = runIds.get(r.runId);
      if (runId !== undefined || differs(stored.results, r))
        writes.add.results.push({ ...r, id: copyId(r.id), runId: runId ?? r.runId });
      else if (isNew(stored.results, r)) writes.add.results.push(r);
    }
    return writes;
  }

  const theirs = resolution === 'take-theirs';
  for (const s of suites)
    if (isNew(stored.suites, s)) writes.add.suites.push(s);
    else if (theirs && conflictingSuites.has(s.id)) writes.replace.suites.push(s);
  for (const r of doc.runs)
    if (isNew(stored.runs, r)) writes.add.runs.push(r);
    else if (theirs && conflictingRuns.has(r.id)) writes.replace.runs.push(r);
  for (const r of doc.results) {
    // Results of a run that differs from mine belong to that other run: kept out, or brought with it.
    if (conflictingRuns.has(r.runId) && !theirs) continue;
    if (isNew(stored.results, r)) writes.add.results.push(r);
    else if (theirs && (differs(stored.results, r) || conflictingRuns.has(r.runId)))
      writes.replace.results.push(r);
  }
  if (theirs) writes.clearResultsOf = [...conflictingRuns];
  return writes;
}

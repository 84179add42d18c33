/// <reference lib="webworker" />
// Reads, checks and writes an import off the page's thread: a 100,000-result file is parsed,
// validated and stored here while the page keeps painting (issue 18).
import { expose } from 'comlink';
import { orderedSender } from './delivery';
import type { ExportDocument } from '../src/core/export-format';
import {
  checkImport,
  planImport,
  sizeProblem,
  type ImportPreview,
  type ImportProgress,
  type ImportWorkerApi,
} from '../src/core/import-file';
import { findConflicts, importWrites, type Resolution, type StoredTwins } from '../src/core/import-conflicts';
import { openQwenfitDb, type Db } from '../src/store/db';
import { RunsRepository } from '../src/store/runs';

let held: { doc: ExportDocument; twins: StoredTwins } | null = null;
/** Conflicts listed in the preview; the rest are counted. */
const LISTED = 20;
let db: Db | null = null;
const database = async () => (db ??= await openQwenfitDb());

/** The file's text, reporting the share read as the bytes come in. */
async function readText(file: File, onProgress: (p: ImportProgress) => void): Promise<string> {
  const reader = file.stream().getReader();
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let read = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    read += value.byteLength;
    parts.push(decoder.decode(value, { stream: true }));
    onProgress({ phase: 'reading', fraction: file.size ? read / file.size : 1 });
  }
  parts.push(decoder.decode());
  return parts.join('');
}

const api: ImportWorkerApi = {
  async preview(file, builtInSuiteIds, onProgress): Promise<ImportPreview> {
    const progress = orderedSender(onProgress);
    try {
      return await check(file, builtInSuiteIds, (p) => progress.send(p));
    } finally {
      // Reports travel on their own port: the result must not overtake the last one.
      await progress.settled();
    }
  },

  async apply(resolution, onProgress) {
    const progress = orderedSender(onProgress);
    try {
      return await write(resolution, (p) => progress.send(p));
    } finally {
      await progress.settled();
    }
  },

  discard() {
    held = null;
  },
};

async function check(
  file: File,
  builtInSuiteIds: string[],
  onProgress: (p: ImportProgress) => void,
): Promise<ImportPreview> {
  held = null;
  // Refused from its size alone, before a byte is read.
  const tooBig = sizeProblem(file.size);
  if (tooBig && !tooBig.ok) return tooBig;
  const text = await readText(file, onProgress);
  onProgress({ phase: 'checking', fraction: null });
  const repo = new RunsRepository(await database());
  const keys = await repo.keys();
  const checked = checkImport(text, file.size, {
    builtInSuiteIds: new Set(builtInSuiteIds),
    storedSuiteIds: keys.suites,
    storedRunIds: keys.runs,
  });
  if (!checked.ok) return checked;
  const doc = checked.doc;
  const overlap = <T extends { id: string }>(list: readonly T[], ids: string[]) => {
    const here = new Set(ids);
    return list.filter((r) => here.has(r.id)).map((r) => r.id);
  };
  const twins = await repo.twins({
    runs: overlap(doc.runs, keys.runs),
    results: overlap(doc.results, keys.results),
    suites: overlap(doc.suites, keys.suites),
  });
  const conflicts = findConflicts(doc, twins);
  held = { doc, twins };
  return {
    ok: true,
    plan: planImport(doc, twins, conflicts),
    conflicts: conflicts.slice(0, LISTED),
    conflictCount: conflicts.length,
  };
}

async function write(
  resolution: Resolution,
  onProgress: (p: ImportProgress) => void,
): Promise<{ runs: number; results: number; suites: number }> {
  const checked = held;
  if (!checked) throw new Error('No checked file to import: choose the file again.');
  held = null;
  onProgress({ phase: 'writing', fraction: 0 });
  const runs = new RunsRepository(await database());
  // A copy's id says where it came from and stays unique: the original id and a fresh suffix.
  const copyId = (id: string) => `${id.slice(0, 80)}~copy-${crypto.randomUUID().slice(0, 8)}`;
  return runs.writeImport(importWrites(checked.doc, checked.twins, resolution, copyId), (fraction) =>
    onProgress({ phase: 'writing', fraction }),
  );
}

expose(api);

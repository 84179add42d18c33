import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { buildExport, type ExportDocument } from '../../src/core/export-format';
import { findConflicts, importWrites, sameRecord, type StoredTwins } from '../../src/core/import-conflicts';
import type { ResultRecord, Run } from '../../src/core/results';
import { openQwenfitDb } from '../../src/store/db';
import { RunsRepository } from '../../src/store/runs';
import { RUN, resultFixture } from '../support/result-fixtures';

const doc = (runs: Run[], results: ResultRecord[]): ExportDocument =>
  buildExport(runs, results, { userAgent: 't', device: null }, 't', '2026-12-03T00:00:00.000Z');
const twins = (runs: Run[], results: ResultRecord[]): StoredTwins => ({
  runs: new Map(runs.map((r) => [r.id, r])),
  results: new Map(results.map((r) => [r.id, r])),
  suites: new Map(),
});
const copyId = (id: string) => `${id}~copy`;

// Here: run r1 with results x1, x2. The file: a different run under r1 (another title and
// start) with x1 (other output) and x3, plus run r2 (new) with x4.
const mineRun = RUN;
const theirRun: Run = { ...RUN, title: 'Someone else’s run', startedAt: '2026-11-30T08:00:00.000Z' };
const mine = [resultFixture({ id: 'x1' }), resultFixture({ id: 'x2' })];
const file = doc(
  [theirRun, { ...RUN, id: 'r2' }],
  [
    resultFixture({ id: 'x1', output: 'other' }),
    resultFixture({ id: 'x3' }),
    resultFixture({ id: 'x4', runId: 'r2' }),
  ],
);
const here = twins([mineRun], [mine[0] as ResultRecord]);

describe('identity, not just ids', () => {
  it('compares records by content, whatever the key order', () => {
    expect(sameRecord({ a: 1, b: { c: 2, d: 3 } }, { b: { d: 3, c: 2 }, a: 1 })).toBe(true);
    expect(sameRecord({ a: 1 }, { a: 2 })).toBe(false);
  });

  it('finds each record whose id is here with other content, with both versions and the fields that differ', () => {
    const conflicts = findConflicts(file, here);
    expect(conflicts.map((c) => [c.kind, c.id, c.path, c.fields])).toEqual([
      ['run', 'r1', '/runs/0', ['startedAt', 'title']],
      ['result', 'x1', '/results/0', ['output']],
    ]);
    expect(conflicts[0]?.mine).toContain('Playground · tiny');
    expect(conflicts[0]?.theirs).toContain('Someone else’s run');
    // The same file twice is no conflict.
    expect(findConflicts(doc([RUN], mine), twins([RUN], mine))).toEqual([]);
  });

  it('keep mine: the differing run and everything of it stay out; new runs come in', () => {
    const w = importWrites(file, here, 'keep-mine', copyId);
    expect(w.add.runs.map((r) => r.id)).toEqual(['r2']);
    expect(w.add.results.map((r) => r.id)).toEqual(['x4']);
    expect(w.replace).toEqual({ runs: [], results: [], suites: [] });
    expect(w.clearResultsOf).toEqual([]);
  });

  it('take theirs: the file’s run replaces mine with its results, and my results of the old run go', () => {
    const w = importWrites(file, here, 'take-theirs', copyId);
    expect(w.replace.runs).toEqual([theirRun]);
    expect(w.replace.results.map((r) => [r.id, r.output])).toEqual([['x1', 'other']]);
    expect(w.add.results.map((r) => r.id)).toEqual(['x3', 'x4']);
    expect(w.clearResultsOf).toEqual(['r1']);
  });

  it('copy: the differing run and its results come in under new ids, beside mine', () => {
    const w = importWrites(file, here, 'copy', copyId);
    expect(w.add.runs.map((r) => r.id)).toEqual(['r1~copy', 'r2']);
    expect(w.add.results.map((r) => [r.id, r.runId])).toEqual([
      ['x1~copy', 'r1~copy'],
      ['x3~copy', 'r1~copy'],
      ['x4', 'r2'],
    ]);
    expect(w.replace).toEqual({ runs: [], results: [], suites: [] });
  });

  it('writes each resolution in one transaction, as planned', async () => {
    for (const resolution of ['keep-mine', 'take-theirs', 'copy'] as const) {
      globalThis.indexedDB = new IDBFactory();
      const runs = new RunsRepository(await openQwenfitDb());
      await runs.importAll([mineRun], mine);
      const stored = await runs.twins({ runs: ['r1', 'r2'], results: ['x1', 'x3', 'x4'], suites: [] });
      await runs.writeImport(importWrites(file, stored, resolution, copyId));
      const byRun = async (id: string) => (await runs.results(id)).map((r) => r.id).sort();
      if (resolution === 'keep-mine') {
        expect((await runs.get('r1'))?.title).toBe(RUN.title);
        expect(await byRun('r1')).toEqual(['x1', 'x2']);
      } else if (resolution === 'take-theirs') {
        expect((await runs.get('r1'))?.title).toBe('Someone else’s run');
        expect(await byRun('r1')).toEqual(['x1', 'x3']);
      } else {
        expect(await byRun('r1')).toEqual(['x1', 'x2']);
        expect(await byRun('r1~copy')).toEqual(['x1~copy', 'x3~copy']);
      }
      expect(await byRun('r2')).toEqual(['x4']);
    }
  });
});

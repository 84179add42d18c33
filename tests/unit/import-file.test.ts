import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES, checkImport, planImport } from '../../src/core/import-file';
import { openQwenfitDb } from '../../src/store/db';
import { RunsRepository } from '../../src/store/runs';
import { BUILTIN_SUITE_IDS } from '../../src/catalog/suites/builtin';
import { MALFORMED, SEMANTIC, VALID_FILE } from '../support/malformed-files';
import { RUN, resultFixture } from '../support/result-fixtures';

const ctx = {
  builtInSuiteIds: BUILTIN_SUITE_IDS,
  storedSuiteIds: new Set<string>(),
  storedRunIds: new Set<string>(),
};

describe('import checks', () => {
  it('accepts a valid export', () => {
    const checked = checkImport(VALID_FILE(), VALID_FILE().length, ctx);
    expect(checked.ok).toBe(true);
  });

  it.each([...MALFORMED, ...SEMANTIC].map((m) => [m.name, m.text, m.expect] as const))(
    'refuses %s with a plain message, its path and a short excerpt',
    (_, text, expected) => {
      const checked = checkImport(text, text.length, ctx);
      expect(checked.ok).toBe(false);
      if (checked.ok) return;
      expect(checked.errors.join(' | ')).toMatch(expected);
      // Never the whole of a value: every line stays short, however big the file.
      for (const line of checked.errors) expect(line.length).toBeLessThan(400);
      expect(checked.errors.join(' ')).not.toMatch(/must NOT|must be|must have|instancePath/);
    },
  );

  it('lets results join a run this browser already holds, and an evaluation name a suite it holds', () => {
    const text = JSON.stringify({
      ...JSON.parse(VALID_FILE()),
      runs: [{ ...RUN, id: 'r2', kind: 'evaluate', suiteId: 'mine' }],
      results: [resultFixture({ runId: 'r1' })],
    });
    expect(checkImport(text, text.length, ctx).ok).toBe(false);
    const known = { ...ctx, storedRunIds: new Set(['r1']), storedSuiteIds: new Set(['mine']) };
    expect(checkImport(text, text.length, known).ok).toBe(true);
  });

  it('refuses files over the size limit before reading them', () => {
    const checked = checkImport('{}', MAX_IMPORT_BYTES + 1, ctx);
    expect(checked.ok).toBe(false);
  });

  it('plans new and already-present ids', () => {
    const checked = checkImport(VALID_FILE(), 1, ctx);
    if (!checked.ok) throw new Error('fixture invalid');
    const none = { runs: new Map(), results: new Map(), suites: new Map() };
    expect(planImport(checked.doc, none, [])).toEqual({
      newRuns: 1,
      newResults: 1,
      newSuites: 0,
      skippedRuns: 0,
      skippedResults: 0,
    });
    const same = {
      runs: new Map([['r1', RUN]]),
      results: new Map([['x1', resultFixture()]]),
      suites: new Map(),
    };
    expect(planImport(checked.doc, same, [])).toEqual({
      newRuns: 0,
      newResults: 0,
      newSuites: 0,
      skippedRuns: 1,
      skippedResults: 1,
    });
    // A record here under the same id with other content is a conflict, not skipped as the same.
    const conflict = {
      kind: 'run' as const,
      id: 'r1',
      path: '/runs/0',
      fields: ['title'],
      mine: '',
      theirs: '',
    };
    expect(planImport(checked.doc, same, [conflict])).toMatchObject({
      newRuns: 0,
      skippedRuns: 0,
      skippedResults: 1,
    });
  });
});

describe('import into the store', () => {
  it('merges in one transaction and keeps what is already there', async () => {
    globalThis.indexedDB = new IDBFactory();
    const runs = new RunsRepository(await openQwenfitDb());
    expect(await runs.importAll([RUN], [resultFixture()])).toEqual({ runs: 1, results: 1, suites: 0 });
    expect(
      await runs.importAll([{ ...RUN, title: 'changed' }], [resultFixture(), resultFixture({ id: 'x2' })]),
    ).toEqual({ runs: 0, results: 1, suites: 0 });
    expect((await runs.get('r1'))?.title).toBe(RUN.title);
  });

  it('writes nothing when any record fails', async () => {
    globalThis.indexedDB = new IDBFactory();
    const runs = new RunsRepository(await openQwenfitDb());
    const broken = { ...resultFixture({ id: 'x9' }), id: undefined as unknown as string };
    await expect(runs.importAll([RUN], [resultFixture(), broken])).rejects.toThrow();
    expect(await runs.get('r1')).toBeUndefined();
    expect(await runs.countResults('r1')).toBe(0);
  });
});

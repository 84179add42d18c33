import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { buildExport } from '../../src/core/export-format';
import { MALFORMED, SEMANTIC, VALID_FILE } from '../support/malformed-files';
import { RUN, resultFixture } from '../support/result-fixtures';
import { readDatabase } from '../support/database';

/** The runs and results stores as text, to compare byte for byte. */
const dbSnapshot = async (page: Page) => JSON.stringify(await readDatabase(page));

async function importText(page: Page, name: string, text: string) {
  await page
    .getByLabel('Results file to import')
    .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  return page.getByRole('dialog', { name: 'Import results' });
}

test('imports a valid file after a preview, then refuses every malformed file and changes nothing', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.goto('/#/history');
  let dialog = await importText(page, 'good.json', VALID_FILE());
  await expect(dialog.getByTestId('import-preview')).toContainText(
    '1 new run, 1 new result and 0 new suites',
  );
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Imported 1 run, 1 result and 0 suites' }),
  ).toBeVisible();
  await expect(page.locator('tr[data-run="Playground · tiny"]')).toBeVisible();

  // The same file again: the ids are already here and are kept as they are.
  dialog = await importText(page, 'good.json', VALID_FILE());
  await expect(dialog.getByTestId('import-preview')).toContainText('1 run and 1 result are already here');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  const before = await dbSnapshot(page);
  for (const bad of [...MALFORMED, ...SEMANTIC]) {
    dialog = await importText(page, `${bad.name}.json`, bad.text);
    const errors = dialog.getByTestId('import-errors');
    await expect(errors, bad.name).toContainText('nothing was changed');
    await expect(errors, bad.name).toContainText(bad.expect);
    // A plain message with a path, never a whole value: the dialog stays short whatever the file holds.
    expect((await errors.textContent())?.length ?? 0, bad.name).toBeLessThan(4000);
    await expect(errors, bad.name).toContainText(/at \//);
    await dialog.getByRole('button', { name: 'Close' }).click();
    expect(await dbSnapshot(page), `${bad.name} changed the database`).toBe(before);
  }

  // Every problem is in the downloadable report, not only those listed.
  const many = SEMANTIC.find((f) => f.name === 'three hundred mistyped results');
  dialog = await importText(page, 'many.json', many?.text ?? '');
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: /Download the report \(300 problems\)/ }).click();
  const report = readFileSync(await (await downloading).path(), 'utf8');
  expect(
    report.split('\n').filter((l) => /^at \/results\/\d+\/cold: should be true or false/.test(l)),
  ).toHaveLength(300);
  await dialog.getByRole('button', { name: 'Close' }).click();
});

test('export then import into an empty profile gives equal data', async ({ page, browser }) => {
  await page.goto('/#/history');
  const dialog = await importText(page, 'good.json', VALID_FILE());
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(page.locator('tr[data-run="Playground · tiny"]')).toBeVisible();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export all (JSON)' }).click();
  const exported = readFileSync(await (await downloading).path(), 'utf8');
  const original = await dbSnapshot(page);
  const csvDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export results (CSV)' }).click();
  const csv = readFileSync(await (await csvDownload).path(), 'utf8')
    .trimEnd()
    .split('\r\n');
  expect(csv).toHaveLength(2);
  expect(csv[0]).toMatch(/^run_id,run_title,task_id,/);
  expect(csv[1]).toContain('qwen-plus');

  const fresh = await browser.newContext({ baseURL: new URL(page.url()).origin });
  const other = await fresh.newPage();
  await other.goto('/#/history');
  await expect(other.getByText('Nothing measured yet.')).toBeVisible();
  const otherDialog = await importText(other, 'exported.json', exported);
  await otherDialog.getByRole('button', { name: 'Import' }).click();
  await expect(other.locator('tr[data-run="Playground · tiny"]')).toBeVisible();
  expect(await dbSnapshot(other)).toBe(original);
  await fresh.close();
});

test('two imported runs: compared only as evaluations of one plan, filtered, exported by selection', async ({
  page,
}) => {
  await page.goto('/#/history');
  const later = {
    ...RUN,
    id: 'r2',
    title: 'Week 2',
    startedAt: '2026-12-06T03:00:00.000Z',
    endedAt: '2026-12-06T03:01:00.000Z',
  };
  const m = resultFixture().metrics;
  const week2 = buildExport(
    [later],
    [
      resultFixture({
        id: 'y1',
        runId: 'r2',
        modelId: 'qwen-max',
        output: 'Bonjour',
        metrics: { ...m, ttftMs: 150 },
      }),
    ],
    { userAgent: 'test', device: null },
    '0.1.0',
    '2026-12-06T04:00:00.000Z',
  );
  for (const [name, text] of [
    ['week1.json', VALID_FILE()],
    ['week2.json', JSON.stringify(week2)],
  ] as const) {
    const dialog = await importText(page, name, text);
    await dialog.getByRole('button', { name: 'Import' }).click();
    await expect(dialog).toBeHidden();
  }
  await expect(page.locator('tr[data-run]')).toHaveCount(2);
  const compare = page.getByRole('button', { name: 'Compare the two selected runs' });
  await expect(compare).toBeDisabled();
  await page.getByRole('checkbox', { name: /^Select Week 2/ }).check();
  await page.getByRole('checkbox', { name: /^Select Playground · tiny/ }).check();
  await compare.click();
  // Playground runs keep no plan to pair their tasks by: said, not guessed by position.
  await expect(page.getByTestId('run-comparison')).toContainText('Week 2 (');
  await expect(page.getByTestId('run-comparison')).toContainText('Only evaluations compare');
  await page.getByRole('button', { name: 'Close the comparison' }).click();
  await expect(page.getByTestId('run-comparison')).toHaveCount(0);

  // Filters, and export of a selection.
  await page.getByRole('combobox', { name: 'Model', exact: true }).selectOption('qwen-max');
  await expect(page.locator('tr[data-run]')).toHaveCount(1);
  await expect(page.locator('tr[data-run="Week 2"]')).toBeVisible();
  await page.getByRole('combobox', { name: 'Model', exact: true }).selectOption('');
  await page.getByLabel('From', { exact: true }).fill('2026-12-01');
  await expect(page.locator('tr[data-run]')).toHaveCount(1);
  await page.getByLabel('To', { exact: true }).fill('2026-12-02');
  await expect(page.getByText('No run matches these filters.')).toBeVisible();
  await page.getByLabel('From', { exact: true }).fill('');
  await page.getByLabel('To', { exact: true }).fill('');
  await expect(page.locator('tr[data-run]')).toHaveCount(2);
  await page.getByRole('checkbox', { name: /^Select Playground · tiny/ }).uncheck();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export selected (JSON)' }).click();
  const doc = JSON.parse(readFileSync(await (await downloading).path(), 'utf8')) as {
    runs: { title: string }[];
  };
  expect(doc.runs.map((r) => r.title)).toEqual(['Week 2']);
});

test('a 100,000-result file is read, checked and written off the page: no main-thread task over 200 ms, progress shown', async ({
  page,
}, testInfo) => {
  // Writing 100,000 records takes about 140 s on a 2-core machine, more when it is busy:
  // this test is about the page staying responsive, not about the speed (the bench times it).
  test.setTimeout(480_000);
  const runs = Array.from({ length: 100 }, (_, i) => ({ ...RUN, id: `run-${i}`, title: `Bulk ${i}` }));
  const results = Array.from({ length: 100_000 }, (_, i) =>
    resultFixture({ id: `res-${i}`, runId: `run-${i % 100}`, taskId: String(i) }),
  );
  const path = testInfo.outputPath('bulk.json');
  writeFileSync(
    path,
    JSON.stringify(
      buildExport(runs, results, { userAgent: 'test', device: null }, '0.1.0', '2026-11-29T04:00:00.000Z'),
    ),
  );
  await page.goto('/#/history');
  await page.evaluate(() => {
    const w = window as unknown as { longest: number };
    w.longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longest = Math.max(w.longest, e.duration);
    }).observe({ type: 'longtask' });
  });
  await page.getByLabel('Results file to import').setInputFiles(path);
  const dialog = page.getByRole('dialog', { name: 'Import results' });
  await expect(dialog.getByTestId('import-progress')).toBeVisible();
  await expect(dialog.getByTestId('import-preview')).toContainText('100 new runs, 100,000 new results', {
    timeout: 120_000,
  });
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Imported 100 runs, 100,000 results' }),
  ).toBeVisible({
    timeout: 360_000,
  });
  await expect(page.locator('tr[data-run="Bulk 99"]')).toBeVisible();
  const longest = await page.evaluate(() => (window as unknown as { longest: number }).longest);
  console.log(`longest main-thread task during a 100,000-result import: ${Math.round(longest)} ms`);
  expect(longest).toBeLessThan(200);
});

test('a record whose id is here with other content is a conflict, shown with both versions; keep mine, import as copies, take theirs', async ({
  page,
}) => {
  await page.goto('/#/history');
  let dialog = await importText(page, 'mine.json', VALID_FILE());
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(page.locator('tr[data-run="Playground · tiny"]')).toBeVisible();

  // Another browser's run that happens to share the ids: other title, start and output, one more result.
  const other = JSON.stringify(
    buildExport(
      [{ ...RUN, title: 'Their run', startedAt: '2026-11-29T02:00:00.000Z' }],
      [resultFixture({ output: 'Their output' }), resultFixture({ id: 'x9', taskId: '2' })],
      { userAgent: 'test', device: null },
      '0.1.0',
      '2026-11-30T04:00:00.000Z',
    ),
  );
  const stored = async () => {
    const db = await readDatabase(page);
    return {
      runs: db.runs.map((r) => `${r.id.replace(/~copy-.*/, '~copy')}:${r.title}`).sort(),
      results: db.results
        .map(
          (r) => `${r.runId.replace(/~copy-.*/, '~copy')}/${r.id.replace(/~copy-.*/, '~copy')}:${r.output}`,
        )
        .sort(),
    };
  };
  const choose = async (option: RegExp) => {
    dialog = await importText(page, 'theirs.json', other);
    const conflicts = dialog.getByTestId('import-conflicts');
    await expect(conflicts).toContainText('2 records here have the id of one in the file but other content');
    const run = conflicts.locator('tr[data-conflict="run"]');
    await expect(run).toContainText('differs in startedAt, title');
    await expect(run.locator('td').first()).toContainText('Playground · tiny');
    await expect(run.locator('td').last()).toContainText('Their run');
    await expect(conflicts.locator('tr[data-conflict="result"] td').last()).toContainText('Their output');
    await conflicts.getByRole('radio', { name: option }).check();
    await dialog.getByRole('button', { name: 'Import' }).click();
    await expect(dialog).toBeHidden();
  };

  await choose(/^Keep mine/);
  expect(await stored()).toEqual({ runs: ['r1:Playground · tiny'], results: ['r1/x1:Hello'] });
  await choose(/^Import theirs as copies/);
  expect(await stored()).toEqual({
    runs: ['r1:Playground · tiny', 'r1~copy:Their run'],
    results: ['r1/x1:Hello', 'r1~copy/x1~copy:Their output', 'r1~copy/x9~copy:Hello'],
  });
  await choose(/^Take theirs/);
  expect(await stored()).toEqual({
    runs: ['r1:Their run', 'r1~copy:Their run'],
    results: ['r1/x1:Their output', 'r1/x9:Hello', 'r1~copy/x1~copy:Their output', 'r1~copy/x9~copy:Hello'],
  });
});

test('a store holding damaged records opens every screen without an error and offers to remove them', async ({
  page,
}) => {
  await page.goto('/#/history');
  await expect(page.getByTestId('history-empty')).toBeVisible();
  const valid = { ...RUN, id: 'r-ok', title: 'Fine run' };
  const task = {
    id: 't',
    category: 'c',
    messages: [{ role: 'user', content: 'x' }],
    grader: { type: 'exact', expected: 'x' },
  };
  await page.evaluate(
    async ({ valid, result, broken, task }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('qwenfit');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const tx = db.transaction(['runs', 'results', 'suites'], 'readwrite');
      tx.objectStore('runs').put(valid);
      tx.objectStore('runs').put({
        ...valid,
        id: 'r-weird',
        kind: 'weird',
        startedAt: '2026-11-29T05:00:00.000Z',
      });
      tx.objectStore('runs').put({
        id: 'r-untitled',
        kind: 'compare',
        status: 'completed',
        startedAt: '2026-11-29T06:00:00.000Z',
      });
      tx.objectStore('results').put(result);
      tx.objectStore('results').put(broken);
      const suite = { name: 'Dup', source: 'user', updatedAt: '2026-11-29T00:00:00Z' };
      tx.objectStore('suites').put({ ...suite, id: 'dup-suite', tasks: [task, task] });
      tx.objectStore('suites').put({ ...suite, id: 'builtin-quick', tasks: [task] });
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    {
      valid,
      result: resultFixture({ runId: 'r-ok' }),
      broken: { ...resultFixture({ id: 'x-broken', runId: 'r-ok' }), metrics: undefined },
      task,
    },
  );

  // Every screen opens; the page error listener of the fixture fails the test on any uncaught error.
  for (const hash of ['compare', 'playground', 'evaluate', 'models', 'settings', 'history'])
    await page.goto(`/#/${hash}`).then(() => page.reload());
  await page.goto('/#/evaluate');
  await expect(page.getByTestId('damaged-records')).toContainText(
    'suite dup-suite: task 2 (t): the id is used twice',
  );
  await page.goto('/#/history');
  const notice = page.getByTestId('damaged-records');
  await expect(notice).toContainText('4 damaged records');
  await expect(notice).toContainText(
    'run r-weird: /kind should be one of "playground", "compare", "evaluate"',
  );
  await expect(notice).toContainText('run r-untitled: the record is missing the field “title”');
  await expect(notice).toContainText(
    'suite builtin-quick: it takes the id of a suite that ships with Qwenfit',
  );
  await expect(page.locator('tr[data-run]')).toHaveCount(1);
  await page.locator('tr[data-run="Fine run"]').getByRole('button', { name: 'Open' }).click();
  await expect(notice).toContainText('result x-broken: the record is missing the field “metrics”');

  await notice.getByRole('button', { name: 'Remove all damaged records' }).click();
  await expect(notice).toBeHidden();
  const left = await readDatabase(page);
  expect(left.runs.map((r) => r.id)).toEqual(['r-ok']);
  expect(left.results.map((r) => r.id)).toEqual(['x1']);
  await page.reload();
  await expect(page.locator('tr[data-run="Fine run"]')).toBeVisible();
  await expect(page.getByTestId('damaged-records')).toBeHidden();
});

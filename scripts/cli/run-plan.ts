import { chromium, type Browser, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AutomationProgress } from '../../src/core/automation';
import { etaMs, formatDuration } from '../../src/core/eta';
import type { ExportDocument } from '../../src/core/export-format';
import { checkImport } from '../../src/core/import-file';
import { keyVariable, parsePlan, planKey, type Plan } from '../../src/core/plan';
import { compareWithBaseline, type RegressionReport } from '../../src/core/regression';
import { regressionMarkdown } from '../../src/core/regression-markdown';
import type { ResultRecord, Run } from '../../src/core/results';
import { QUIET_FLAGS, WEBGPU_FLAGS, chromiumPath } from '../../tests/support/chromium';
import { ensureBuilt, startVite } from '../lib/vite-server';
import { junitXml } from './junit';

export interface RunOptions {
  plan: string;
  baseline?: string;
  out?: string;
  junit?: string;
  report?: string;
  headed?: boolean;
}

export interface Io {
  /** Progress and problems: stderr. */
  err(line: string): void;
  /** The markdown summary: stdout. */
  out(text: string): void;
  env: Record<string, string | undefined>;
}

/** Exit codes: the run finished and nothing regressed, something regressed, or it could not run. */
export const EXIT = { ok: 0, regressed: 1, cannotRun: 2 } as const;

/** A reason the plan could not be run at all: exit 2 with this message. */
export class CannotRun extends Error {}

interface PlannedRunOf {
  run: Run & { plan: Plan };
  results: ResultRecord[];
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new CannotRun(`cannot read the ${what} ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

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

/** The latest run of this plan in a results file, checked as History's import checks it. */
export function baselineOf(path: string, plan: Plan): PlannedRunOf {
  const text = readText(path, 'baseline file');
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
  const key = planKey(plan);
  const mine = check.doc.runs
    .filter((r): r is Run & { plan: Plan } => !!r.plan && planKey(r.plan) === key)
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  const run = mine[0];
  if (!run)
    throw new CannotRun(
      `the baseline file ${path} holds no run of this plan (plan key ${key}; it holds ${check.doc.runs.length} run(s) of other set-ups)`,
    );
  return { run, results: check.doc.results.filter((r) => r.runId === run.id) };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

function progressLine(p: AutomationProgress): string {
  const eta = p.done > 0 && p.done < p.total ? etaMs(p.elapsedMs, p.candidates) : null;
  const each = p.candidates.map((c) => `${c.label} ${c.done}/${c.total}`).join(' · ');
  return `${p.done}/${p.total} generations · ${each}${eta === null ? '' : ` · about ${formatDuration(eta)} left`}`;
}

/** Runs the plan in the page through the app's own Evaluate state; the run's results file. */
async function runInPage(
  page: Page,
  planText: string,
  keys: Record<string, string>,
  io: Io,
): Promise<ExportDocument> {
  await page.waitForFunction(() => window.qwenfit !== undefined, undefined, { timeout: 60_000 });
  const loaded = await page.evaluate(([text, k]) => window.qwenfit?.loadPlan(text, k), [
    planText,
    keys,
  ] as const);
  if (!loaded) throw new CannotRun('the app did not answer');
  if (loaded.errors.length) throw new CannotRun(`the app refused the plan:\n  ${loaded.errors.join('\n  ')}`);
  for (const n of loaded.notes) io.err(n);
  const problems = await page.evaluate(
    () => window.qwenfit?.preflight() ?? Promise.resolve(['the app did not answer']),
  );
  if (problems.length) throw new CannotRun(problems.join('\n  '));
  let last = '';
  const ticker = setInterval(() => {
    void page
      .evaluate(() => window.qwenfit?.progress() ?? null)
      .then((p) => {
        const line = p ? progressLine(p) : '';
        if (line && line !== last) io.err((last = line));
      })
      .catch(() => undefined);
  }, 1000);
  let ran: Awaited<ReturnType<NonNullable<Window['qwenfit']>['run']>> | undefined;
  try {
    ran = await page.evaluate(() => window.qwenfit?.run());
  } finally {
    clearInterval(ticker);
  }
  if (!ran?.runId) throw new CannotRun('the run could not be stored in the browser');
  for (const d of ran.downloads) io.err(`downloaded ${d}`);
  const final = await page.evaluate(() => window.qwenfit?.progress() ?? null);
  if (final) io.err(progressLine(final));
  if (ran.status !== 'completed') io.err(`the run ended ${ran.status ?? 'without a status'}`);
  const runId = ran.runId;
  return JSON.parse(
    await page.evaluate((id) => window.qwenfit?.exportRun(id) ?? '', runId),
  ) as ExportDocument;
}

/**
 * `qwenfit run`: checks the plan (and baseline), serves the built app, opens it in Chromium
 * with WebGPU, runs the plan through the app, writes the results file, judges it against
 * the baseline. Returns the exit code.
 */
export async function runPlan(opts: RunOptions, io: Io): Promise<number> {
  const planText = readText(opts.plan, 'plan');
  const checked = parsePlan(planText);
  if (!checked.ok)
    throw new CannotRun(`the plan ${opts.plan} cannot be run:\n  ${checked.errors.join('\n  ')}`);
  const plan = checked.plan;
  const baseline = opts.baseline ? baselineOf(opts.baseline, plan) : null;
  const keys: Record<string, string> = {};
  for (const e of plan.endpoints) {
    const key = io.env[keyVariable(e.id)];
    if (key) keys[e.id] = key;
    else io.err(`no ${keyVariable(e.id)} in the environment: ${e.name} is called without an API key`);
  }

  ensureBuilt(io.err);
  const server = await startVite('preview', await freePort());
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({
      executablePath: chromiumPath(),
      headless: !opts.headed,
      args: [...QUIET_FLAGS, ...WEBGPU_FLAGS],
    });
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on('pageerror', (e) => io.err(`page error: ${e.message}`));
    await page.goto(`${server.url}/#/evaluate`);
    io.err(`running ${plan.name} in ${browser.browserType().name()} ${browser.version()}`);
    const doc = await runInPage(page, planText, keys, io);
    const run = doc.runs[0];
    if (!run?.plan) throw new CannotRun('the app exported no run of the plan');
    if (opts.out) {
      writeFileSync(opts.out, `${JSON.stringify(doc, null, 2)}\n`);
      io.err(`results written to ${opts.out}`);
    }
    const report: RegressionReport | null = baseline
      ? compareWithBaseline(
          { plan: baseline.run.plan, results: baseline.results },
          { plan: run.plan, results: doc.results },
          plan.evaluation.thresholds,
        )
      : null;
    const browserName = `${browser.browserType().name()} ${browser.version()}`;
    io.out(
      regressionMarkdown(run.plan, doc.results, report, { startedAt: run.startedAt, browser: browserName }),
    );
    if (opts.junit) writeFileSync(opts.junit, junitXml(plan, report));
    if (opts.report) {
      // Drawn by the app from the run it holds, with the verdict judged here.
      const html = await page.evaluate((r) => window.qwenfit?.report(r) ?? '', report);
      writeFileSync(opts.report, html);
      io.err(`report written to ${opts.report}`);
    }
    const regressed = report?.rows.filter((r) => r.verdict === 'regressed') ?? [];
    for (const r of regressed)
      io.err(
        `regressed: ${r.label}, ${r.category === 'all' ? 'all categories' : r.category}: ${r.reasons.join('; ')}`,
      );
    return regressed.length ? EXIT.regressed : EXIT.ok;
  } finally {
    await browser?.close().catch(() => undefined);
    server.stop();
  }
}

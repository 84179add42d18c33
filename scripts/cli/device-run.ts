import type { Browser, Page } from '@playwright/test';
import type { AutomationProgress } from '../../src/core/automation';
import { etaMs, formatDuration } from '../../src/core/eta';
import type { ExportDocument } from '../../src/core/export-format';
import type { Plan } from '../../src/core/plan';
import type { ResultRecord, Run, RunDevice } from '../../src/core/results';

/** A browser the runner drives, by the name the report gives it. */
export interface Device {
  name: string;
  browser: Browser;
}

/** What one device ran and brought back, whole or up to the moment it dropped. */
export interface DeviceRun {
  name: string;
  plan: Plan;
  run: Run & { plan: Plan };
  results: ResultRecord[];
  /** The app's own results file of the run; null when the device dropped before it could give it. */
  doc: ExportDocument | null;
  dropped: { why: string; notRun: number } | null;
}

/** A device with the plan loaded and checked, ready to run. */
export interface PreparedDevice {
  name: string;
  page: Page;
  plan: Plan;
  device: RunDevice;
}

export interface Say {
  (line: string): void;
}

/** A reason the plan could not be run at all: exit 2 with this message. */
export class CannotRun extends Error {}

function progressLine(p: AutomationProgress): string {
  const eta = p.done > 0 && p.done < p.total ? etaMs(p.elapsedMs, p.candidates) : null;
  const each = p.candidates.map((c) => `${c.label} ${c.done}/${c.total}`).join(' · ');
  return `${p.done}/${p.total} generations · ${each}${eta === null ? '' : ` · about ${formatDuration(eta)} left`}`;
}

/** Opens the app on a device, loads the plan through the app, and checks endpoints and model fits there. */
export async function prepare(
  device: Device,
  appUrl: string,
  plan: Plan,
  keys: Record<string, string>,
  say: Say,
): Promise<PreparedDevice> {
  // A fresh context each run: the app's service worker would copy 35 MB of runtimes into
  // a cache nobody reuses, on the CPU the run is measured on.
  const context = await device.browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  page.on('pageerror', (e) => say(`page error: ${e.message}`));
  await page.goto(`${appUrl}/#/evaluate`);
  await page.waitForFunction(() => window.qwenfit !== undefined, undefined, { timeout: 60_000 });
  const loaded = await page.evaluate(([text, k]) => window.qwenfit?.loadPlan(text, k), [
    JSON.stringify(plan),
    keys,
  ] as const);
  if (!loaded) throw new CannotRun(`${device.name}: the app did not answer`);
  if (loaded.errors.length)
    throw new CannotRun(`${device.name}: the app refused the plan:\n  ${loaded.errors.join('\n  ')}`);
  for (const n of loaded.notes) say(n);
  const problems = await page.evaluate(
    () => window.qwenfit?.preflight() ?? Promise.resolve(['the app did not answer']),
  );
  if (problems.length) throw new CannotRun(problems.join('\n  '));
  const facts = await page.evaluate(() => window.qwenfit?.device());
  return {
    name: device.name,
    page,
    plan,
    device: { name: device.name, userAgent: facts?.userAgent ?? '', adapter: facts?.adapter ?? null },
  };
}

/**
 * Runs the loaded plan on a prepared device, keeping each result as it completes (polled
 * once a second), so a device that drops mid-run loses only what it had not finished.
 */
export async function runOn(d: PreparedDevice, say: Say): Promise<DeviceRun> {
  const results: ResultRecord[] = [];
  let progress: AutomationProgress | null = null;
  let last = '';
  const startedAt = new Date().toISOString();
  const poll = async () => {
    const [p, more] = await d.page.evaluate(
      (from) => [window.qwenfit?.progress() ?? null, window.qwenfit?.results(from) ?? []] as const,
      results.length,
    );
    results.push(...more);
    progress = p ?? progress;
    const line = p ? progressLine(p) : '';
    if (line && line !== last) say((last = line));
  };
  let polling = false;
  const ticker = setInterval(() => {
    if (polling) return;
    polling = true;
    void poll()
      .catch(() => undefined)
      .finally(() => (polling = false));
  }, 1000);
  try {
    const ran = await d.page.evaluate(() => window.qwenfit?.run());
    clearInterval(ticker);
    if (!ran?.runId) throw new CannotRun(`${d.name}: the run could not be stored in the browser`);
    for (const x of ran.downloads) say(`downloaded ${x}`);
    if (ran.status !== 'completed') say(`the run ended ${ran.status ?? 'without a status'}`);
    const runId = ran.runId;
    const doc = JSON.parse(
      await d.page.evaluate((id) => window.qwenfit?.exportRun(id) ?? '', runId),
    ) as ExportDocument;
    const run = doc.runs.find((r) => r.id === runId);
    if (!run?.plan) throw new CannotRun(`${d.name}: the app exported no run of the plan`);
    const final = await d.page.evaluate(() => window.qwenfit?.progress() ?? null);
    if (final) say(progressLine(final));
    const mine = { ...run, plan: run.plan, device: d.device };
    return {
      name: d.name,
      plan: d.plan,
      run: mine,
      results: doc.results,
      doc: { ...doc, runs: doc.runs.map((r) => (r.id === runId ? mine : r)) },
      dropped: null,
    };
  } catch (e) {
    clearInterval(ticker);
    if (e instanceof CannotRun) throw e;
    // The browser or its page is gone: keep what completed, count what did not.
    const why = (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? 'lost';
    const total = (progress as AutomationProgress | null)?.total ?? results.length;
    say(`${d.name} dropped (${why}); ${results.length} of ${total} generations were finished and are kept`);
    const runId = results[0]?.runId ?? `dropped-${d.name}`;
    return {
      name: d.name,
      plan: d.plan,
      run: {
        id: runId,
        kind: 'evaluate',
        title: d.plan.name,
        status: 'interrupted',
        startedAt,
        endedAt: new Date().toISOString(),
        note: `The device ${d.name} dropped: ${total - results.length} generations not run.`,
        suiteId: d.plan.suite.id,
        plan: d.plan,
        device: d.device,
      },
      results,
      doc: null,
      dropped: { why, notRun: total - results.length },
    };
  }
}

import { chromium } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { buildExport, type ExportDocument } from '../../src/core/export-format';
import { keyVariable, parsePlan, planKey, type Plan } from '../../src/core/plan';
import { compareWithBaseline } from '../../src/core/regression';
import { regressionMarkdown, type DeviceSection } from '../../src/core/regression-markdown';
import { withoutSecrets } from '../../src/core/secret-scan';
import type { Suite } from '../../src/core/suite';
import { QUIET_FLAGS, WEBGPU_FLAGS, chromiumPath } from '../../tests/support/chromium';
import { ensureBuilt, startVite } from '../lib/vite-server';
import { baselineFor, readBaseline } from './baseline';
import { CannotRun, prepare, runOn, type Device, type DeviceRun } from './device-run';
import { junitXml } from './junit';

export { CannotRun } from './device-run';

export interface RunOptions {
  plan: string;
  baseline?: string;
  out?: string;
  junit?: string;
  report?: string;
  headed?: boolean;
  /** Playwright browser servers to run on (`ws://…`, or `NAME=ws://…`); none: a local Chromium. */
  browsers?: string[];
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

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new CannotRun(`cannot read the ${what} ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
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

/** `NAME=ws://host:port/…` or `ws://host:port/…` (named host:port). */
export function browserArg(arg: string): { name: string; ws: string } {
  const at = arg.indexOf('=');
  const [name, ws] =
    at > 0 && !arg.slice(0, at).includes('/') ? [arg.slice(0, at), arg.slice(at + 1)] : ['', arg];
  let url: URL;
  try {
    url = new URL(ws);
  } catch {
    throw new CannotRun(`--browser ${arg}: not a ws:// address of a Playwright browser server`);
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:')
    throw new CannotRun(`--browser ${arg}: not a ws:// address of a Playwright browser server`);
  return { name: name || url.host, ws };
}

async function openDevices(opts: RunOptions): Promise<Device[]> {
  if (!opts.browsers?.length) {
    const browser = await chromium.launch({
      executablePath: chromiumPath(),
      headless: !opts.headed,
      args: [...QUIET_FLAGS, ...WEBGPU_FLAGS],
    });
    return [{ name: 'local', browser }];
  }
  const wanted = opts.browsers.map(browserArg);
  const names = wanted.map((w) => w.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) throw new CannotRun(`two --browser entries are named ${twice}: name them NAME=ws://…`);
  const opened: Device[] = [];
  try {
    for (const w of wanted) {
      // The device loads the app from this machine's loopback server: the browser server
      // routes localhost back here (Playwright's exposeNetwork), a secure context for WebGPU.
      const browser = await chromium
        .connect(w.ws, { exposeNetwork: '<loopback>', timeout: 30_000 })
        .catch((e: unknown) => {
          throw new CannotRun(
            `cannot reach the browser ${w.name} at ${w.ws}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
          );
        });
      opened.push({ name: w.name, browser });
    }
    return opened;
  } catch (e) {
    await Promise.all(opened.map((d) => d.browser.close().catch(() => undefined)));
    throw e;
  }
}

/** The first device runs the whole plan; the others its on-device candidates only (remote ones run once). */
function plansFor(plan: Plan, devices: readonly Device[]): Plan[] {
  const ondevice = plan.evaluation.candidates.filter((c) => c.target.kind === 'ondevice');
  return devices.map((_, i) =>
    i === 0 ? plan : { ...plan, evaluation: { ...plan.evaluation, candidates: ondevice } },
  );
}

function mergedDocument(runs: readonly DeviceRun[]): ExportDocument {
  const base = runs.find((r) => r.doc)?.doc ?? null;
  const suites = new Map<string, Suite>();
  for (const s of runs.flatMap((r) => [
    ...(r.doc?.suites ?? []),
    ...(r.plan.suite.content ? [r.plan.suite.content] : []),
  ]))
    suites.set(s.id, s);
  const doc = buildExport(
    runs.map((r) => r.run),
    runs.flatMap((r) => r.results),
    base?.environment ?? { userAgent: runs[0]?.run.device?.userAgent ?? '', device: null },
    base?.appVersion ?? '0',
    new Date().toISOString(),
    [...suites.values()],
  );
  // Results kept from a device that dropped did not pass the app's export scan: scan all here.
  return withoutSecrets(doc).value;
}

/**
 * `qwenfit run`: checks the plan (and baseline), serves the built app, opens it in Chromium
 * with WebGPU (here, or on each --browser), runs the plan through the app, writes the
 * results file, judges each device's run against the baseline. Returns the exit code.
 */
export async function runPlan(opts: RunOptions, io: Io): Promise<number> {
  const planText = readText(opts.plan, 'plan');
  const checked = parsePlan(planText);
  if (!checked.ok)
    throw new CannotRun(`the plan ${opts.plan} cannot be run:\n  ${checked.errors.join('\n  ')}`);
  const plan = checked.plan;
  const baseline = opts.baseline
    ? readBaseline(opts.baseline, readText(opts.baseline, 'baseline file'))
    : null;
  if (baseline && !baselineFor(baseline, plan, ''))
    throw new CannotRun(
      `the baseline file ${opts.baseline} holds no run of this plan (plan key ${planKey(plan)}; it holds ${baseline.runs.length} run(s) of other set-ups)`,
    );
  const keys: Record<string, string> = {};
  for (const e of plan.endpoints) {
    const key = io.env[keyVariable(e.id)];
    if (key) keys[e.id] = key;
    else io.err(`no ${keyVariable(e.id)} in the environment: ${e.name} is called without an API key`);
  }

  ensureBuilt(io.err);
  const server = await startVite('preview', await freePort());
  let devices: Device[] = [];
  try {
    devices = await openDevices(opts);
    const plans = plansFor(plan, devices);
    const busy = devices.filter((_, i) => (plans[i]?.evaluation.candidates.length ?? 0) > 0);
    if (busy.length < devices.length)
      io.err('the plan has no on-device candidate: only the first browser has work');
    const say = (name: string) => (line: string) => io.err(devices.length > 1 ? `${name}: ${line}` : line);
    for (const d of busy)
      io.err(`running ${plan.name} on ${d.name}: ${d.browser.browserType().name()} ${d.browser.version()}`);
    // Every device is checked before any runs: a dead endpoint or a model that does not fit stops it all.
    const prepared = await Promise.all(
      busy.map((d, i) => prepare(d, server.url, plans[i] as Plan, keys, say(d.name))),
    );
    const runs = await Promise.all(prepared.map((p) => runOn(p, say(p.name))));
    const doc = mergedDocument(runs);
    if (opts.out) {
      writeFileSync(opts.out, `${JSON.stringify(doc, null, 2)}\n`);
      io.err(`results written to ${opts.out}`);
    }
    const sections: DeviceSection[] = runs.map((r) => {
      const base = baseline ? baselineFor(baseline, r.run.plan, r.name) : null;
      return {
        name: r.name,
        plan: r.run.plan,
        results: r.results,
        report: base
          ? compareWithBaseline(base, { plan: r.run.plan, results: r.results }, plan.evaluation.thresholds)
          : baseline
            ? {
                verdict: 'not-comparable',
                notComparable: 'the baseline file holds no run of these candidates',
                rows: [],
                thresholds: plan.evaluation.thresholds,
              }
            : null,
        dropped: r.dropped,
      };
    });
    const first = devices[0] as Device;
    io.out(
      regressionMarkdown(sections, {
        title: plan.name,
        suite: plan.suite,
        repeats: plan.evaluation.repeats,
        startedAt: runs[0]?.run.startedAt ?? '',
        browser: devices
          .map((d) => `${d.name} (${d.browser.browserType().name()} ${d.browser.version()})`)
          .join(', '),
      }),
    );
    if (opts.junit) writeFileSync(opts.junit, junitXml(plan.name, sections));
    const shown = prepared[0];
    if (opts.report && shown) {
      // Drawn by the app from the run the first device holds, with the verdict judged here.
      const html = await shown.page.evaluate(
        (r) => window.qwenfit?.report(r) ?? '',
        sections[0]?.report ?? null,
      );
      writeFileSync(opts.report, html);
      io.err(
        `report written to ${opts.report}${devices.length > 1 ? ` (from ${first.name}; every device is in the results file and the summary)` : ''}`,
      );
    }
    const regressed = sections.flatMap((s) =>
      (s.report?.rows ?? []).filter((r) => r.verdict === 'regressed').map((r) => ({ s, r })),
    );
    for (const { s, r } of regressed)
      io.err(
        `regressed: ${r.label}${devices.length > 1 ? ` on ${s.name}` : ''}, ${r.category === 'all' ? 'all categories' : r.category}: ${r.reasons.join('; ')}`,
      );
    const dropped = runs.filter((r) => r.dropped);
    for (const r of dropped)
      io.err(
        `not run: ${r.dropped?.notRun ?? 0} generation(s) on ${r.name}, which dropped (${r.dropped?.why ?? ''})`,
      );
    // A gate must not pass on a run that did not finish: a dropped device is "could not run".
    return regressed.length ? EXIT.regressed : dropped.length ? EXIT.cannotRun : EXIT.ok;
  } finally {
    await Promise.all(devices.map((d) => d.browser.close().catch(() => undefined)));
    server.stop();
  }
}

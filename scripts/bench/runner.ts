import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { EvaluateConfig } from '../../src/core/evaluate-plan';
import { buildPlan } from '../../src/core/plan';
import { DEFAULT_WORKLOAD } from '../../src/core/workload';
import { QUIET_FLAGS, WEBGPU_FLAGS, chromiumPath } from '../../tests/support/chromium';
import { startOpenAIServer } from '../../tests/support/openai-server';
import { evaluateConfig, greetingsSuite } from '../../tests/support/plans';
import { median, openApp } from './browser';
import type { Benchmark } from './types';

const BIN = resolve(import.meta.dirname, '../cli/qwenfit.mjs');
const TINY = 'transformers:qwenfit-tiny-qwen2';

const suite = greetingsSuite('user-bench-greetings');

function planText(baseUrl: string, candidates: EvaluateConfig['candidates'], repeats: number): string {
  const config = evaluateConfig({
    suiteId: suite.id,
    candidates,
    repeats,
    maxTokensCap: 8,
    workload: { ...DEFAULT_WORKLOAD, contextTokens: 1024 },
  });
  const endpoint = {
    id: 'loopback',
    name: 'Loopback',
    presetId: 'custom',
    baseUrl,
    thinking: 'none' as const,
    useProxy: false,
    connectTimeoutMs: 5000,
    idleTimeoutMs: 10000,
    maxRetries: 0,
    models: ['plain'],
  };
  return JSON.stringify(buildPlan(config, suite, [endpoint], false));
}

/** Wall time of `qwenfit run ARGS`, from spawning it to its exit. */
function timeRunner(args: string[]): Promise<number> {
  const t0 = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, 'run', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) =>
      code === 0 ? done(performance.now() - t0) : fail(new Error(`qwenfit exited ${code}: ${err}`)),
    );
  });
}

/** The same plan as a user runs it: serve, open Chromium, Load a plan, Run the suite, until finished. */
async function timeEvaluateScreen(file: string): Promise<number> {
  const t0 = performance.now();
  const app = await openApp(4396);
  try {
    const { page } = app;
    await page.goto(`${app.baseUrl}/#/evaluate`);
    await page.getByLabel(/^Load a plan/).setInputFiles(file);
    await page.getByTestId('suite-summary').filter({ hasText: '8 tasks' }).waitFor();
    await page.getByRole('button', { name: 'Run the suite' }).click();
    await page.locator('[data-testid="eval-status"][data-status="completed"]').waitFor({ timeout: 300_000 });
    return performance.now() - t0;
  } finally {
    await app.close();
  }
}

/**
 * The headless runner against the Evaluate screen on one fixed plan (the tiny model on
 * WASM and a loopback endpoint, 8 tasks), start-up included on both sides; and the same
 * runner on two local browser servers against one, on an on-device-only plan.
 */
export const runnerBench: Benchmark = {
  group: 'runner',
  async run() {
    const server = await startOpenAIServer();
    const dir = mkdtempSync(join(tmpdir(), 'qwenfit-runner-'));
    try {
      const mixed = join(dir, 'plan.json');
      writeFileSync(
        mixed,
        planText(
          server.url,
          [
            { id: 'c1', target: { kind: 'ondevice', modelKey: TINY, device: 'wasm' } },
            { id: 'c2', target: { kind: 'remote', endpointId: 'loopback', model: 'plain' } },
          ],
          1,
        ),
      );
      // One of each first, unmeasured: disk caches and the first Chromium start warm up.
      await timeRunner([mixed]);
      await timeEvaluateScreen(mixed);
      const cli: number[] = [];
      const ui: number[] = [];
      for (let i = 0; i < 3; i++) {
        cli.push(await timeRunner([mixed]));
        ui.push(await timeEvaluateScreen(mixed));
      }

      const ondevice = join(dir, 'ondevice.json');
      writeFileSync(
        ondevice,
        planText(server.url, [{ id: 'c1', target: { kind: 'ondevice', modelKey: TINY, device: 'wasm' } }], 3),
      );
      const launch = () =>
        chromium.launchServer({
          executablePath: chromiumPath(),
          args: [...QUIET_FLAGS, ...WEBGPU_FLAGS],
          host: '127.0.0.1',
        });
      const [a, b] = await Promise.all([launch(), launch()]);
      let one: number;
      let two: number;
      try {
        one = await timeRunner([ondevice, '--browser', `a=${a.wsEndpoint()}`]);
        two = await timeRunner([
          ondevice,
          '--browser',
          `a=${a.wsEndpoint()}`,
          '--browser',
          `b=${b.wsEndpoint()}`,
        ]);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
      const cores = (await import('node:os')).availableParallelism();
      return [
        {
          id: 'runner.overhead_ratio',
          value: Math.round((median(cli) / median(ui)) * 100) / 100,
          unit: 'ratio',
          better: 'lower',
          note: `median of 3 (after one warm-up each): npx qwenfit run on a fixed plan (8 tasks, tiny model on WASM + a loopback endpoint), from spawning it to its exit (${Math.round(median(cli))} ms) / the same plan from the Evaluate screen: vite preview, Chromium launch, Load a plan, Run the suite, until finished (${Math.round(median(ui))} ms); target <= 1.15`,
        },
        {
          id: 'runner.devices_speedup',
          value: Math.round(((2 * one) / two) * 100) / 100,
          unit: 'ratio',
          better: 'higher',
          note: `generations per second on two local Playwright browser servers / on one, same on-device plan (8 tasks x 3 repeats, tiny model on WASM; each device runs all 24): one ${Math.round(one)} ms, two ${Math.round(two)} ms, on ${cores} cores; 1.6+ expected only with a core or GPU per device`,
        },
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await server.close();
    }
  },
};

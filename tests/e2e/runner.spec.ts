import { readFileSync, writeFileSync } from 'node:fs';
import { chromium, expect, test } from '@playwright/test';
import { canonicalJson, fnv1a } from '../../src/core/hash';
import type { Plan } from '../../src/core/plan';
import { DEFAULT_WORKLOAD } from '../../src/core/workload';
import { QUIET_FLAGS, WEBGPU_FLAGS, chromiumPath } from '../support/chromium';
import { TINY_KEY } from '../support/compare';
import { greetingsSuite } from '../support/plans';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server';
import { TEST_KEY } from '../support/remote';
import { qwenfit } from '../support/runner';

/** Eight greetings the loopback server's plain reply passes and its degraded reply fails. */
const suite = greetingsSuite('user-greetings', 8, 6);

let server: OpenAIServer;
test.beforeAll(async () => {
  server = await startOpenAIServer();
});
test.afterAll(async () => {
  await server.close();
});

/**
 * A plan file as the Evaluate screen saves one, written out by hand as a user scripting
 * plans would, the suite's hash computed as docs/plan.schema.json defines it.
 */
function planFile(path: string, baseUrl: string, repeats = 1): Plan {
  const plan: Plan = {
    format: 'qwenfit-plan',
    version: 1,
    name: 'Evaluate · Greetings',
    suite: {
      id: suite.id,
      name: suite.name,
      hash: fnv1a(canonicalJson({ id: suite.id, tasks: suite.tasks })),
      content: suite,
    },
    evaluation: {
      version: 1,
      suiteId: suite.id,
      candidates: [
        { id: 'c1', target: { kind: 'ondevice', modelKey: TINY_KEY, device: 'wasm' } },
        { id: 'c2', target: { kind: 'remote', endpointId: 'loopback', model: 'plain' } },
        { id: 'c3', target: { kind: 'remote', endpointId: 'loopback', model: 'qwen3-8b' } },
      ],
      repeats,
      maxTokensCap: 8,
      judge: null,
      workload: { ...DEFAULT_WORKLOAD, contextTokens: 1024 },
      baseline: null,
      stress: { seed: 1, specs: [] },
      // Loopback latency is a few jittery milliseconds: these runs judge pass rates and cost.
      thresholds: { maxPassRateDrop: 0.05, maxP95Growth: null, maxCostGrowth: 0.25 },
    },
    endpoints: [
      { id: 'loopback', name: 'Loopback', presetId: 'custom', baseUrl, models: ['plain', 'qwen3-8b'] },
    ],
  };
  writeFileSync(path, JSON.stringify(plan, null, 2));
  return plan;
}

test('the headless runner runs a plan through the app: unchanged twice (exit 0), a degraded model regresses (exit 1), a dead endpoint cannot run (exit 2), and the key is nowhere', async ({
  page,
}) => {
  test.setTimeout(600_000);
  const testInfo = test.info();
  const at = (name: string) => testInfo.outputPath(name);
  planFile(at('plan.json'), server.url);
  const env = { QWENFIT_KEY_LOOPBACK: TEST_KEY };

  const first = await qwenfit(['run', at('plan.json'), '--out', at('week1.json')], env);
  expect(first.code, first.stderr).toBe(0);
  expect(first.stdout).toContain('measured (no baseline given)');
  expect(first.stderr).toMatch(/24\/24 generations/);
  const week1 = JSON.parse(readFileSync(at('week1.json'), 'utf8')) as {
    runs: { plan?: Plan }[];
    results: unknown[];
  };
  expect(week1.results).toHaveLength(24);
  expect(week1.runs[0]?.plan?.suite.hash).toMatch(/^[0-9a-f]{8}$/);
  // The key reached the endpoint, from the environment.
  expect(server.requests.some((r) => r.authorization === `Bearer ${TEST_KEY}`)).toBe(true);

  const again = await qwenfit(
    [
      'run',
      at('plan.json'),
      '--baseline',
      at('week1.json'),
      '--out',
      at('week2.json'),
      '--junit',
      at('junit.xml'),
    ],
    env,
  );
  expect(again.code, again.stderr).toBe(0);
  expect(again.stdout).toMatch(/^## Qwenfit · Evaluate · Greetings: unchanged/);
  expect(again.stdout).toContain('| plain @ Loopback | 100.0% (8/8) |');
  expect(readFileSync(at('junit.xml'), 'utf8')).toContain('failures="0"');

  server.degraded.add('qwen3-8b');
  let worse;
  try {
    worse = await qwenfit(
      [
        'run',
        at('plan.json'),
        '--baseline',
        at('week1.json'),
        '--junit',
        at('junit3.xml'),
        '--report',
        at('report.html'),
      ],
      env,
    );
  } finally {
    server.degraded.delete('qwen3-8b');
  }
  expect(worse.code, worse.stderr).toBe(1);
  expect(worse.stderr).toMatch(/regressed: qwen3-8b @ Loopback, all categories: pass rate -100\.0 points/);
  expect(worse.stderr).toMatch(/regressed: qwen3-8b @ Loopback, greet: /);
  expect(worse.stderr).not.toMatch(/regressed: plain/);
  expect(worse.stdout).toContain('### Passed in the baseline, failed now (8)');
  expect(worse.stdout).toContain(
    '- g1, repeat 1 on qwen3-8b @ Loopback: “Hello from the loopback server.” → “Sorry, I cannot help.”',
  );
  expect(readFileSync(at('junit3.xml'), 'utf8')).toMatch(
    /<testcase [^>]*name="qwen3-8b @ Loopback · all categories"><failure /,
  );

  // The report opens on its own: one file, no script, nothing fetched, everything shown.
  const fetched: string[] = [];
  page.on('request', (r) => fetched.push(r.url()));
  await page.goto(`file://${at('report.html')}`);
  expect(fetched).toEqual([`file://${at('report.html')}`]);
  await expect(page.locator('h2', { hasText: 'Against the baseline run' })).toContainText('regressed');
  await expect(page.locator('svg')).toHaveCount(2);
  await expect(page.locator('script')).toHaveCount(0);
  await expect(page.getByRole('cell', { name: 'Sorry, I cannot help.' }).first()).toBeVisible();

  planFile(at('dead.json'), 'http://127.0.0.1:9/v1');
  const dead = await qwenfit(['run', at('dead.json')], env);
  expect(dead.code).toBe(2);
  expect(dead.stderr).toMatch(
    /could not run: Loopback \(http:\/\/127\.0\.0\.1:9\/v1\) cannot be used: GET \/models failed/,
  );

  const wrongBaseline = await qwenfit(['run', at('dead.json'), '--baseline', at('plan.json')], env);
  expect(wrongBaseline.code).toBe(2);
  expect(wrongBaseline.stderr).toContain('is not a usable results file');

  for (const text of [first, again, worse, dead].flatMap((r) => [r.stdout, r.stderr]))
    expect(text).not.toContain(TEST_KEY);
  for (const file of ['plan.json', 'week1.json', 'week2.json', 'junit.xml', 'junit3.xml', 'report.html'])
    expect(readFileSync(at(file), 'utf8')).not.toContain(TEST_KEY);
});

test('on two browser servers the on-device candidates run on both, the remote ones once, each result labelled by device; a device that drops keeps its finished results and is reported', async () => {
  test.setTimeout(600_000);
  const at = (name: string) => test.info().outputPath(name);
  planFile(at('plan.json'), server.url);
  const env = { QWENFIT_KEY_LOOPBACK: TEST_KEY };
  const launch = () =>
    chromium.launchServer({
      executablePath: chromiumPath(),
      args: [...QUIET_FLAGS, ...WEBGPU_FLAGS],
      host: '127.0.0.1',
    });
  const desk = await launch();
  const laptop = await launch();
  const onBoth = (out: string, plan = 'plan.json') => [
    'run',
    at(plan),
    '--browser',
    `desk=${desk.wsEndpoint()}`,
    '--browser',
    `laptop=${laptop.wsEndpoint()}`,
    '--out',
    at(out),
  ];
  try {
    const both = await qwenfit(onBoth('devices.json'), env);
    expect(both.code, both.stderr).toBe(0);
    expect(both.stdout).toContain('| Candidate | desk | laptop |');
    expect(both.stdout).toMatch(/\| plain @ Loopback \| 100\.0% \(8\/8\), P95 [\d,]+ ms \| not run here \|/);
    expect(both.stderr).toMatch(/laptop: 8\/8 generations/);
    const doc = JSON.parse(readFileSync(at('devices.json'), 'utf8')) as {
      runs: {
        id: string;
        status: string;
        device?: { name: string; userAgent: string; adapter: string | null };
      }[];
      results: { runId: string; modelId: string; runtime: string }[];
    };
    expect(doc.runs.map((r) => r.device?.name)).toEqual(['desk', 'laptop']);
    expect(doc.runs.every((r) => /Chrome/.test(r.device?.userAgent ?? '') && r.device?.adapter)).toBe(true);
    const on = (device: string) => {
      const id = doc.runs.find((r) => r.device?.name === device)?.id;
      return doc.results.filter((r) => r.runId === id);
    };
    expect(
      on('desk')
        .map((r) => r.runtime)
        .sort(),
    ).toEqual(
      [...Array(8).fill('remote'), ...Array(8).fill('remote'), ...Array(8).fill('transformers')].sort(),
    );
    expect(on('laptop').every((r) => r.runtime === 'transformers')).toBe(true);
    expect(on('laptop')).toHaveLength(8);

    // The laptop goes away a few generations in (a longer plan, so the once-a-second progress
    // line surely shows it mid-run): its finished results stay, the rest are said to be not run.
    planFile(at('long.json'), server.url, 4);
    let killed = false;
    const dropped = await qwenfit(onBoth('dropped.json', 'long.json'), env, {
      onErr: (text) => {
        const last = [...text.matchAll(/laptop: (\d+)\/(\d+) generations/g)].at(-1);
        if (!killed && last && Number(last[1]) >= 2 && Number(last[1]) <= Number(last[2]) - 8) {
          killed = true;
          void laptop.kill();
        }
      },
    });
    expect(killed).toBe(true);
    expect(dropped.code, dropped.stderr).toBe(2);
    expect(dropped.stderr).toMatch(/not run: \d+ generation\(s\) on laptop, which dropped/);
    expect(dropped.stdout).toMatch(
      /- laptop dropped \(.+\): \d+ generation\(s\) not run; its finished results are kept\./,
    );
    const after = JSON.parse(readFileSync(at('dropped.json'), 'utf8')) as typeof doc & {
      runs: { status: string; device?: { name: string } }[];
    };
    const lap = after.runs.find((r) => r.device?.name === 'laptop');
    expect(lap?.status).toBe('interrupted');
    const kept = after.results.filter((r) => r.runId === lap?.id).length;
    expect(kept).toBeGreaterThanOrEqual(2);
    expect(kept).toBeLessThan(32);
    expect(
      after.results.filter((r) => r.runId === after.runs.find((x) => x.device?.name === 'desk')?.id),
    ).toHaveLength(96);
  } finally {
    await desk.close();
    await laptop.close().catch(() => undefined);
  }
});

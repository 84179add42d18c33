import { describe, expect, it } from 'vitest';
import { aggregate, sampleOf } from '../../src/core/aggregate';
import { buildPlan } from '../../src/core/plan';
import { reportHtml } from '../../src/core/report-html';
import { compareWithBaseline, DEFAULT_THRESHOLDS } from '../../src/core/regression';
import { regressionMarkdown, type DeviceSection } from '../../src/core/regression-markdown';
import type { ResultRecord } from '../../src/core/results';
import type { Suite } from '../../src/core/suite';
import { junitXml } from '../../scripts/cli/junit';
import { evaluateConfig } from '../support/plans';
import { resultFixture } from '../support/result-fixtures';

const suite: Suite = {
  id: 'user-s',
  name: 'S | pipes',
  source: 'user',
  updatedAt: '2026-12-03T00:00:00.000Z',
  tasks: Array.from({ length: 6 }, (_, i) => ({
    id: `t${i + 1}`,
    category: 'tools',
    messages: [{ role: 'user' as const, content: 'Weather?' }],
    grader: { type: 'contains' as const, expected: ['x'] },
  })),
};
const plan = buildPlan(
  evaluateConfig({
    suiteId: suite.id,
    candidates: [{ id: 'c1', target: { kind: 'ondevice', modelKey: 'tiny', device: 'webgpu' } }],
    thresholds: { ...DEFAULT_THRESHOLDS, maxP95Growth: null },
  }),
  suite,
  [],
  false,
);
const results = (pass: boolean): ResultRecord[] =>
  suite.tasks.map((t) =>
    resultFixture({
      id: `${t.id}-${pass}`,
      taskId: `c1|${t.id}|1`,
      candidate: 'c1',
      category: 'tools',
      runtime: 'transformers',
      output: pass ? 'x' : '',
      ...(pass ? {} : { toolCalls: [{ id: 'a', name: 'get_weather', arguments: '{"city":"Hangzhou"}' }] }),
      grade: { pass, failure: pass ? null : 'tool-misuse', detail: pass ? 'ok' : 'called get_weather' },
    }),
  );

describe('the runner summary and JUnit file', () => {
  const report = compareWithBaseline({ plan, results: results(true) }, { plan, results: results(false) });
  const facts = {
    title: plan.name,
    suite: plan.suite,
    repeats: 1,
    startedAt: '2026-12-03T10:00:00.000Z',
    browser: 'chromium 156',
  };
  const section = (over: Partial<DeviceSection> = {}): DeviceSection => ({
    name: 'local',
    plan,
    results: results(false),
    report,
    dropped: null,
    ...over,
  });
  const md = regressionMarkdown([section()], facts);

  it('says the verdict, the figures per candidate, each regression and each flip with tool calls as calls', () => {
    expect(md.split('\n')[0]).toBe('## Qwenfit · Evaluate · S \\| pipes: ❌ regressed');
    expect(md).toContain('| tiny (WebGPU) | 0.0% (0/6) | 400 | ❌ regressed |');
    expect(md).toMatch(
      /- \*\*tiny \(WebGPU\)\*\*, all categories: pass rate -100\.0 points .* McNemar p = 0\.031/,
    );
    expect(md).toContain('### Passed in the baseline, failed now (6)');
    expect(md).toContain(
      '- t1, repeat 1 on tiny (WebGPU): “x” → “get_weather({"city":"Hangzhou"})” (called get_weather)',
    );
  });

  it('without a baseline says so and lists no verdicts', () => {
    const alone = regressionMarkdown([section({ results: results(true), report: null })], facts);
    expect(alone).toContain('measured (no baseline given)');
    expect(alone).toContain('| tiny (WebGPU) | 100.0% (6/6) | 400 | – |');
    expect(alone).not.toContain('###');
  });

  it('writes one failed test case per regressed candidate and category, escaped', () => {
    const xml = junitXml(plan.name, [section()]);
    expect(xml).toContain('<testsuites name="qwenfit" tests="2" failures="2" skipped="0">');
    expect(xml).toMatch(
      /<testcase classname="Evaluate · S \| pipes" name="tiny \(WebGPU\) · all categories"><failure message="pass rate -100\.0 points/,
    );
    expect(junitXml(plan.name, [section({ report: null })])).toContain('tests="0" failures="0"');
    const two = junitXml(plan.name, [section(), section({ name: 'laptop' })]);
    expect(two).toContain('name="tiny (WebGPU) on laptop · all categories"><failure');
  });

  it('gives one column per device, the regressions and flips by device, and what a dropped device left unrun', () => {
    const two = regressionMarkdown(
      [
        section({ name: 'desk' }),
        section({
          name: 'phone',
          report: null,
          results: results(true).slice(0, 4),
          dropped: { why: 'Target closed', notRun: 2 },
        }),
      ],
      facts,
    );
    expect(two).toContain('| Candidate | desk | phone |');
    expect(two).toContain(
      '| tiny (WebGPU) | 0.0% (0/6), P95 400 ms, ❌ regressed | 100.0% (4/4), P95 400 ms |',
    );
    expect(two).toMatch(/- \*\*tiny \(WebGPU\)\*\* on desk, all categories: pass rate -100\.0 points/);
    expect(two).toContain('- t1, repeat 1 on tiny (WebGPU) on desk: “x”');
    expect(two).toContain(
      '- phone dropped (Target closed): 2 generation(s) not run; its finished results are kept.',
    );
  });
});

describe('the shareable HTML report', () => {
  const report = compareWithBaseline({ plan, results: results(true) }, { plan, results: results(false) });
  const samples = results(false).flatMap((r) => sampleOf(r) ?? []);
  const aggregates = aggregate(samples);
  const html = reportHtml({
    plan,
    title: 'Qwenfit report',
    startedAt: '2026-12-03T10:00:00.000Z',
    environment: 'test',
    labels: { c1: '<img src=x onerror=alert(1)>' },
    aggregates,
    decisions: { categories: [], overall: null },
    pareto: [{ id: 'c1', quality: 0, latency: 400, eligible: false, why: 'below the floor', optimal: false }],
    regression: report,
  });

  it('holds the figures, charts as inline SVG and the verdict, and forbids script and remote loads', () => {
    expect(html).toContain(
      "Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\"",
    );
    expect(html).toContain('Against the baseline run: <span class="regressed">regressed</span>');
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html).toContain('0/6 · 0.0% [0.0%–39.0%]');
    expect(html).toContain('get_weather({&quot;city&quot;:&quot;Hangzhou&quot;})');
  });

  it('escapes every text it is given: a hostile label stays text', () => {
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/<script|https?:\/\//);
  });
});

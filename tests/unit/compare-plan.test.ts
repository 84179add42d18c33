import { describe, expect, it } from 'vitest';
import {
  compareTasks,
  firstRunPlan,
  missingTasks,
  nextPaneId,
  paneSampling,
  parseCompareConfig,
  parseTaskId,
  type FirstRunFacts,
} from '../../src/core/compare-plan';
import { schedulerKey } from '../../src/core/target';
import { paneStats } from '../../src/core/compare-stats';
import { splitBlocks, splitLongRuns } from '../../src/core/text-layout';
import type { GenerationMetrics } from '../../src/core/metrics';
import { DEFAULT_SAMPLING, chatRequest } from '../../src/core/sampling';

const TINY = 'transformers:tiny';
const facts = (over: Partial<FirstRunFacts> = {}): FirstRunFacts => ({
  webgpu: true,
  online: true,
  smallestFitting: { modelKey: 'webllm:Qwen2.5-0.5B', device: 'webgpu' },
  endpoint: { id: 'e1', model: 'qwen-plus' },
  tinyKey: TINY,
  ...over,
});

describe('firstRunPlan', () => {
  it('puts the smallest fitting Qwen against the first endpoint', () => {
    const plan = firstRunPlan(facts());
    expect(plan.panes.map((p) => p.target)).toEqual([
      { kind: 'ondevice', modelKey: 'webllm:Qwen2.5-0.5B', device: 'webgpu' },
      { kind: 'remote', endpointId: 'e1', model: 'qwen-plus' },
    ]);
    expect(plan.user).not.toBe('');
  });

  it('with nothing configured, runs the tiny model on WebGPU against itself on WASM', () => {
    const plan = firstRunPlan(facts({ endpoint: null }));
    expect(plan.panes.map((p) => p.target)).toEqual([
      { kind: 'ondevice', modelKey: TINY, device: 'webgpu' },
      { kind: 'ondevice', modelKey: TINY, device: 'wasm' },
    ]);
  });

  it('offline, uses the tiny model (nothing to download) against the endpoint', () => {
    const plan = firstRunPlan(facts({ online: false }));
    expect(plan.panes[0]?.target).toEqual({ kind: 'ondevice', modelKey: TINY, device: 'webgpu' });
    expect(plan.panes[1]?.target.kind).toBe('remote');
  });

  it('without WebGPU, runs everything on WASM', () => {
    const plan = firstRunPlan(facts({ webgpu: false, smallestFitting: null, endpoint: null }));
    expect(plan.panes.every((p) => p.target.kind === 'ondevice' && p.target.device === 'wasm')).toBe(true);
  });
});

describe('tasks, resume and scheduling keys', () => {
  const plan = { ...firstRunPlan(facts()), repeats: 3, warmup: true };

  it('lists a warm-up (cold, repeat 0) and the measured repeats per pane', () => {
    const tasks = compareTasks(plan);
    expect(tasks.map((t) => t.taskId)).toEqual(['a#0', 'a#1', 'a#2', 'a#3', 'b#0', 'b#1', 'b#2', 'b#3']);
    expect(tasks.filter((t) => t.cold).map((t) => t.taskId)).toEqual(['a#0', 'b#0']);
    expect(compareTasks({ ...plan, warmup: false })).toHaveLength(6);
  });

  it('resumes only what has no stored result', () => {
    expect(missingTasks(plan, ['a#0', 'a#1', 'b#0']).map((t) => t.taskId)).toEqual([
      'a#2',
      'a#3',
      'b#1',
      'b#2',
      'b#3',
    ]);
    expect(
      missingTasks(
        plan,
        compareTasks(plan).map((t) => t.taskId),
      ),
    ).toEqual([]);
  });

  it('parses task ids back', () => {
    expect(parseTaskId('b#12')).toEqual({ paneId: 'b', repeat: 12 });
    expect(parseTaskId('3')).toBeNull();
  });

  it('one key per on-device worker (model and device), one per endpoint', () => {
    expect(schedulerKey({ kind: 'ondevice', modelKey: TINY, device: 'webgpu' })).not.toBe(
      schedulerKey({ kind: 'ondevice', modelKey: TINY, device: 'wasm' }),
    );
    expect(schedulerKey({ kind: 'remote', endpointId: 'e1', model: 'a' })).toBe(
      schedulerKey({ kind: 'remote', endpointId: 'e1', model: 'b' }),
    );
  });

  it('names new panes after the ones in use', () => {
    expect(nextPaneId(plan.panes)).toBe('c');
  });
});

describe('sampling', () => {
  it('pane overrides replace the shared settings; emptied ones fall back to them', () => {
    const shared = { ...DEFAULT_SAMPLING, temperature: 0.7, max_tokens: 64 };
    expect(paneSampling(shared, { temperature: 0, max_tokens: undefined })).toMatchObject({
      temperature: 0,
      max_tokens: 64,
    });
  });

  it('builds the request: system first, seed and stop strings parsed, thinking only when set', () => {
    const req = chatRequest({ ...DEFAULT_SAMPLING, system: ' Be brief ', seed: '42', stop: 'END\\n\n\nx' }, [
      { role: 'user', content: 'Hi' },
    ]);
    expect(req.messages[0]).toEqual({ role: 'system', content: 'Be brief' });
    expect(req.seed).toBe(42);
    expect(req.stop).toEqual(['END\n', 'x']);
    expect('thinking' in req).toBe(false);
    expect(chatRequest({ ...DEFAULT_SAMPLING, thinking: 'off' }, []).thinking).toBe(false);
  });
});

describe('parseCompareConfig', () => {
  it('restores what it stored and refuses what it cannot run', () => {
    const plan = firstRunPlan(facts());
    expect(parseCompareConfig(JSON.parse(JSON.stringify(plan)))).toEqual(plan);
    expect(parseCompareConfig({ ...plan, version: 2 })).toBeNull();
    expect(parseCompareConfig({ ...plan, panes: plan.panes.slice(0, 1) })).toBeNull();
    expect(parseCompareConfig({ ...plan, repeats: 0 })).toBeNull();
    expect(
      parseCompareConfig({ ...plan, panes: [{ id: 'a', target: { kind: 'x' } }, plan.panes[1]] }),
    ).toBeNull();
    expect(parseCompareConfig('nope')).toBeNull();
  });
});

const metrics = (ttft: number, e2e: number): GenerationMetrics => ({
  ttftMs: ttft,
  ttfoMs: ttft,
  e2eMs: e2e,
  decodeTokensPerS: 10,
  prefillTokensPerS: null,
  promptTokens: 5,
  completionTokens: 8,
  tokensEstimated: false,
  finishReason: 'stop',
  engineStats: {},
});
const cost = (value: number) => ({ value, currency: 'USD', asOf: '2026-11-29', estimated: false });

describe('paneStats', () => {
  const samples = [
    { cold: true, error: null, metrics: metrics(900, 2000), cost: cost(0.003) },
    { cold: false, error: null, metrics: metrics(100, 1000), cost: cost(0.001) },
    { cold: false, error: null, metrics: metrics(300, 1200), cost: cost(0.002) },
    { cold: false, error: null, metrics: metrics(200, 1100), cost: cost(0.003) },
    { cold: false, error: { code: 'server-error' }, metrics: metrics(5, 6), cost: null },
  ];

  it('leaves out cold and failed runs by default', () => {
    const s = paneStats(samples, false);
    expect(s.used).toBe(3);
    expect(s.leftOut).toEqual({ cold: 1, failed: 1 });
    expect(s.summaries.ttftMs).toEqual({ n: 3, p50: 200, p95: 290, provisional: true });
    expect(s.meanCost?.value).toBeCloseTo(0.002, 12);
  });

  it('includes the cold run when asked', () => {
    const s = paneStats(samples, true);
    expect(s.used).toBe(4);
    expect(s.summaries.ttftMs.p50).toBe(250);
  });

  it('gives no mean cost when some counted runs have no price', () => {
    expect(
      paneStats([{ ...samples[1], cost: null }, samples[2]] as typeof samples, false).meanCost,
    ).toBeNull();
  });
});

describe('splitLongRuns', () => {
  it('leaves ordinary text whole and cuts long unbroken runs without losing a character', () => {
    expect(splitLongRuns('short words only')).toEqual(['short words only']);
    const long = `start ${'A'.repeat(1000)} end`;
    const pieces = splitLongRuns(long);
    expect(pieces.join('')).toBe(long);
    expect(
      Math.max(...pieces.map((p) => (p.match(/\S+/g) ?? []).reduce((m, w) => Math.max(m, w.length), 0))),
    ).toBeLessThanOrEqual(160);
  });
});

describe('splitBlocks', () => {
  it('splits at blank lines, keeping fenced code whole even with blank lines inside', () => {
    const text = '# Title\n\nPara one\nstill one\n\n\n```py\nx = 1\n\ny = 2\n```\n\n- a\n- b';
    expect(splitBlocks(text)).toEqual([
      '# Title',
      'Para one\nstill one',
      '```py\nx = 1\n\ny = 2\n```',
      '- a\n- b',
    ]);
  });

  it('keeps an unclosed fence open to the end (a reply still streaming)', () => {
    expect(splitBlocks('Intro\n\n~~~\ncode\n\nmore')).toEqual(['Intro', '~~~\ncode\n\nmore']);
  });

  it('a shorter or different fence does not close a longer one', () => {
    expect(splitBlocks('````\n```\n\n```\n````\n\nafter')).toEqual(['````\n```\n\n```\n````', 'after']);
  });
});

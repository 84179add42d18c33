import { describe, expect, it } from 'vitest';
import type { ChatEvent } from '../../src/core/engine-types';
import { MetricsTracker, computeMetrics, decodeRate } from '../../src/core/metrics';

const t0 = 1000;

describe('generation metrics', () => {
  it('follows the exported definitions on a worked example', () => {
    const events: ChatEvent[] = [
      { type: 'reasoning', text: 'hm', t: 1200 },
      { type: 'reasoning', text: 'm', t: 1250 },
      { type: 'content', text: 'Paris', t: 1300 },
      { type: 'content', text: '.', t: 1400 },
      { type: 'usage', usage: { prompt_tokens: 50, completion_tokens: 11, total_tokens: 61 }, t: 2200 },
      { type: 'done', finishReason: 'stop', t: 2200 },
    ];
    const m = computeMetrics(t0, events);
    expect(m.ttftMs).toBe(200);
    expect(m.ttfoMs).toBe(300);
    expect(m.e2eMs).toBe(1200);
    // (11 - 1) tokens over (1200 - 200) ms
    expect(m.decodeTokensPerS).toBeCloseTo(10, 10);
    // 50 prompt tokens over 200 ms
    expect(m.prefillTokensPerS).toBeCloseTo(250, 10);
    expect(m.tokensEstimated).toBe(false);
    expect(m.finishReason).toBe('stop');
  });

  it('an idle wait before a timeout is not decoding; a retried request is timed from the attempt that answered', () => {
    const stalled = computeMetrics(t0, [
      { type: 'content', text: 'a', t: 1100 },
      { type: 'content', text: 'b', t: 1200 },
      { type: 'content', text: 'c', t: 1300 },
      { type: 'error', error: { code: 'stalled', message: 'm', action: 'a' }, t: 31_300 },
    ]);
    expect(stalled.e2eMs).toBe(30_300);
    // 2 tokens in 200 ms: 10 a second, not 2 in 30.2 s.
    expect(stalled.decodeTokensPerS).toBeCloseTo(10, 10);
    const retried = computeMetrics(t0, [
      { type: 'retry', attempt: 2, t: 2000 },
      { type: 'content', text: 'x', t: 2150 },
      { type: 'done', finishReason: 'stop', t: 2200 },
    ]);
    expect(retried.ttftMs).toBe(150);
    expect(retried.e2eMs).toBe(200);
    expect(retried.engineStats).toEqual({ http_retries: 1, retry_wait_ms: 1000 });
  });

  it('counts streamed pieces, marked estimated, when usage never arrives', () => {
    const m = computeMetrics(t0, [
      { type: 'content', text: 'a', t: 1100 },
      { type: 'content', text: 'b', t: 1200 },
      { type: 'content', text: 'c', t: 1300 },
      { type: 'error', error: { code: 'engine-error', message: 'x', action: 'y' }, t: 1300 },
    ]);
    expect(m.completionTokens).toBe(3);
    expect(m.tokensEstimated).toBe(true);
    expect(m.decodeTokensPerS).toBeCloseTo(10, 10);
    expect(m.promptTokens).toBeNull();
    expect(m.finishReason).toBe('error');
  });

  it('takes TTFO from a tool call when no content comes first', () => {
    const m = computeMetrics(t0, [
      { type: 'tool_call', call: { id: '1', name: 'f', arguments: '{}' }, t: 1500 },
      { type: 'done', finishReason: 'tool_calls', t: 1600 },
    ]);
    expect(m.ttftMs).toBeNull();
    expect(m.ttfoMs).toBe(500);
  });

  it('uses "now" as the end while streaming', () => {
    const tracker = new MetricsTracker(t0);
    tracker.push({ type: 'content', text: 'a', t: 1100 });
    tracker.push({ type: 'content', text: 'b', t: 1150 });
    expect(tracker.snapshot(1600).e2eMs).toBe(600);
    expect(tracker.snapshot().e2eMs).toBe(150);
  });

  it('has no decode rate for a single token or a zero span', () => {
    expect(decodeRate(1, 100, 200)).toBeNull();
    expect(decodeRate(5, 100, 100)).toBeNull();
    expect(decodeRate(5, null, 100)).toBeNull();
  });

  it('ignores empty text pieces for TTFT', () => {
    const m = computeMetrics(t0, [
      { type: 'content', text: '', t: 1050 },
      { type: 'content', text: 'x', t: 1100 },
    ]);
    expect(m.ttftMs).toBe(100);
  });
});

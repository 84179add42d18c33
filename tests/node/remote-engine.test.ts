import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ChatEvent } from '../../src/core/engine-types';
import { computeMetrics } from '../../src/core/metrics';
import { replyCost } from '../../src/core/prices';
import type { RemoteEndpoint } from '../../src/core/endpoint';
import { RemoteEngine } from '../../src/engines/remote-engine';
import { PLAIN_TEXT, startOpenAIServer, type OpenAIServer } from '../support/openai-server';

/** The remote client in Node against the loopback server, one fault path at a time. */
const KEY = 'sk-node-test-0123456789';
let server: OpenAIServer;
beforeAll(async () => {
  server = await startOpenAIServer();
  // Node 20 has no navigator; the client asks it whether the browser is online.
  if (!('navigator' in globalThis)) vi.stubGlobal('navigator', { onLine: true });
});
afterAll(() => server.close());

function endpoint(over: Partial<RemoteEndpoint> = {}): RemoteEndpoint {
  return {
    id: 'e1',
    name: 'Loopback',
    presetId: 'custom',
    baseUrl: server.url,
    thinking: 'none',
    useProxy: false,
    connectTimeoutMs: 5_000,
    idleTimeoutMs: 5_000,
    maxRetries: 2,
    models: [],
    concurrency: 4,
    ...over,
  };
}

async function collect(
  model: string,
  over: Partial<RemoteEndpoint> = {},
  signal = new AbortController().signal,
) {
  const engine = new RemoteEngine(endpoint(over), model, KEY);
  const events: ChatEvent[] = [];
  for await (const e of engine.chat({ messages: [{ role: 'user', content: 'Hi' }] }, signal)) events.push(e);
  const text = events.flatMap((e) => (e.type === 'content' ? [e.text] : [])).join('');
  const error = events.find((e) => e.type === 'error');
  const done = events.find((e) => e.type === 'done');
  const usage = events.find((e) => e.type === 'usage');
  return {
    events,
    text,
    error: error?.type === 'error' ? error.error : null,
    finish: done?.type === 'done' ? done.finishReason : null,
    usage: usage?.type === 'usage' ? usage : null,
  };
}

describe('remote engine over real HTTP', () => {
  it('streams content, then usage, then done, each stamped in order', async () => {
    const r = await collect('plain');
    expect(r.text).toBe(PLAIN_TEXT.join(''));
    expect(r.usage?.usage).toEqual({
      prompt_tokens: 12,
      completion_tokens: PLAIN_TEXT.length,
      total_tokens: 18,
    });
    expect(r.finish).toBe('stop');
    expect(r.events.at(-1)?.type).toBe('done');
    const times = r.events.map((e) => e.t);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(server.requests.at(-1)?.authorization).toBe(`Bearer ${KEY}`);
    expect(server.requests.at(-1)?.body?.stream_options).toEqual({ include_usage: true });
  });

  it('keeps reasoning apart and merges tool-call fragments, even on a reused index', async () => {
    const reasoning = await collect('reasoning');
    expect(
      reasoning.events
        .filter((e) => e.type === 'reasoning')
        .map((e) => (e.type === 'reasoning' ? e.text : '')),
    ).toEqual(['Let me', ' think.']);
    expect(reasoning.usage?.engineStats).toMatchObject({ reasoning_tokens: 5 });
    const tools = await collect('tools');
    const calls = tools.events.flatMap((e) => (e.type === 'tool_call' ? [e.call] : []));
    expect(calls).toEqual([
      { id: 'call_a', name: 'get_weather', arguments: '{"city": "Hangzhou"}' },
      { id: 'call_b', name: 'get_time', arguments: '{"tz": "Asia/Shanghai"}' },
    ]);
    expect(tools.finish).toBe('tool_calls');
    const reused = await collect('tools-reused-index');
    expect(reused.events.filter((e) => e.type === 'tool_call')).toHaveLength(2);
  });

  it("keeps the provider's billed cost and prefers it to the price table, which stays beside it", async () => {
    const r = await collect('billed');
    expect(r.usage?.usage).toMatchObject({ completion_tokens: 6, cost: 0.000123 });
    const price = {
      provider: 'openrouter',
      model: 'billed',
      currency: 'USD' as const,
      inputPerM: 1,
      cachedInputPerM: null,
      outputPerM: 2,
      asOf: '2026-12-01',
      source: 't',
    };
    const cost = replyCost(
      r.usage?.usage ?? { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
      price,
      '2026-12-03',
    );
    // The table: 12 x 1 + 6 x 2 per million = 0.000024.
    expect(cost).toEqual({
      value: 0.000123,
      currency: 'USD',
      asOf: '2026-12-03',
      estimated: false,
      source: 'provider',
      tableValue: 0.000024,
    });
  });

  it('marks usage estimated when the endpoint sends none', async () => {
    const r = await collect('no-usage');
    expect(r.usage?.usage).toMatchObject({ completion_tokens: PLAIN_TEXT.length, estimated: true });
  });

  it.each([
    ['unauthorized', 'auth'],
    ['forbidden', 'forbidden'],
    ['no-such-model', 'remote-model-not-found'],
    ['bad-request', 'bad-request'],
  ])('%s: fails at once as %s, without retrying, the key redacted', async (model, code) => {
    const before = server.requests.length;
    const r = await collect(model);
    expect(r.error?.code).toBe(code);
    expect(server.requests.length - before).toBe(1);
    expect(JSON.stringify(r.events)).not.toContain(KEY);
  });

  it('a 401 that repeats the key says so without the key', async () => {
    const r = await collect('unauthorized');
    expect(r.error?.detail).toContain('Incorrect API key provided: Bearer •••');
  });

  it('retries a 429 after its Retry-After; time is measured from the attempt that answered, the wait kept apart', async () => {
    const started = performance.now();
    const r = await collect('rate-limited');
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(r.text).toBe(PLAIN_TEXT.join(''));
    expect(r.events.filter((e) => e.type === 'retry')).toEqual([
      { type: 'retry', attempt: 2, t: expect.any(Number) },
    ]);
    const m = computeMetrics(started, r.events);
    // The server answers its second attempt at once: TTFT is the answering request's, not the second's wait.
    expect(m.ttftMs).toBeLessThan(500);
    expect(m.engineStats.http_retries).toBe(1);
    expect(m.engineStats.retry_wait_ms).toBeGreaterThanOrEqual(950);
  });

  it('a stall does not count as decoding: the rate covers the span tokens arrived in', async () => {
    const started = performance.now();
    const r = await collect('stall', { idleTimeoutMs: 600 });
    const m = computeMetrics(started, r.events);
    expect(m.e2eMs).toBeGreaterThanOrEqual(590);
    // Two pieces 5 ms apart: about 200 a second, not 1 / 0.6 s.
    expect(m.decodeTokensPerS).toBeGreaterThan(20);
  });

  it("a 200 with a JSON error body is the provider's error, in its words; a whole JSON completion is read as one", async () => {
    const failed = await collect('json-error-200');
    expect(failed.error).toMatchObject({ code: 'provider-error' });
    expect(failed.error?.message).toContain('Input data may contain inappropriate content.');
    const whole = await collect('json-complete');
    expect(whole.text).toBe(PLAIN_TEXT.join(''));
    expect(whole.usage?.usage.completion_tokens).toBe(PLAIN_TEXT.length);
    expect(whole.finish).toBe('stop');
  });

  it('gives up on a 5xx after the configured retries', async () => {
    const before = server.requests.length;
    const r = await collect('always-500', { maxRetries: 1 });
    expect(r.error).toMatchObject({ code: 'server-error', message: 'The endpoint failed (503).' });
    expect(server.requests.length - before).toBe(2);
  });

  it('a stream that stalls past the idle timeout keeps its output and says it stalled', async () => {
    const r = await collect('stall', { idleTimeoutMs: 400 });
    expect(r.text).toBe(PLAIN_TEXT.slice(0, 2).join(''));
    expect(r.error).toMatchObject({ code: 'stalled' });
    expect(r.error?.message).toContain('nothing arrived for 0.4 s');
  });

  it("keeps the request's network split: the server's wait before its headers apart from the set-up", async () => {
    const slow = await collect('slow-first-token');
    const stats = slow.usage?.engineStats ?? {};
    expect(stats.net_timing_allowed).toBe(1);
    // The server holds its headers 1.5 s: that is server time, not set-up.
    expect(stats.net_server_ms).toBeGreaterThanOrEqual(1_450);
    expect(stats.net_setup_ms).toBeGreaterThanOrEqual(0);
    expect(stats.net_setup_ms).toBeLessThan(500);
    const quick = await collect('plain');
    expect(quick.usage?.engineStats?.net_server_ms).toBeLessThan(500);
  });

  it('a response that does not start within the connect timeout is a timeout', async () => {
    const r = await collect('slow-first-token', { connectTimeoutMs: 300 });
    expect(r.error?.code).toBe('timeout');
    expect(r.text).toBe('');
  });

  it('a dropped connection and a body that ends early keep the partial output', async () => {
    const cut = await collect('disconnect');
    expect(cut.text).toBe(PLAIN_TEXT.slice(0, 3).join(''));
    expect(cut.error?.code).toBe('stream-interrupted');
    expect(cut.error?.detail).toContain('connection dropped');
    const early = await collect('early-end');
    expect(early.text).toBe(PLAIN_TEXT.slice(0, 3).join(''));
    expect(early.error?.code).toBe('stream-interrupted');
    expect(early.error?.detail).toContain('no finish reason');
  });

  it('a bad chunk and an in-stream error end the reply after the output so far', async () => {
    const bad = await collect('malformed');
    expect(bad.text).toBe(PLAIN_TEXT.slice(0, 2).join(''));
    expect(bad.error?.code).toBe('malformed-stream');
    const failed = await collect('in-stream-error');
    expect(failed.text).toBe(PLAIN_TEXT.slice(0, 2).join(''));
    expect(failed.error?.message).toContain('The model overloaded mid-generation.');
  });

  it('an abort mid-stream ends as stopped with the usage counted so far, not as an error', async () => {
    const abort = new AbortController();
    const engine = new RemoteEngine(endpoint(), 'stall', KEY);
    const events: ChatEvent[] = [];
    for await (const e of engine.chat({ messages: [{ role: 'user', content: 'Hi' }] }, abort.signal)) {
      events.push(e);
      if (e.type === 'content' && events.length === 2) abort.abort();
    }
    expect(events.map((e) => e.type)).toEqual(['content', 'content', 'usage', 'done']);
    expect(events.at(-1)).toMatchObject({ finishReason: 'abort' });
    expect(events[2]).toMatchObject({ usage: { completion_tokens: 2, estimated: true } });
  });

  it('an abort while waiting to retry stops at once', async () => {
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 200);
    const started = performance.now();
    const r = await collect('always-500', { maxRetries: 5 }, abort.signal);
    expect(r.finish).toBe('abort');
    expect(r.error).toBeNull();
    expect(performance.now() - started).toBeLessThan(900);
  });

  it('a dead endpoint is a network error, not a hang', async () => {
    const r = await collect('plain', { baseUrl: 'http://127.0.0.1:9/v1' });
    expect(r.error?.code).toBe('network');
  });

  it('lists the models, and says why when it cannot', async () => {
    const ok = await new RemoteEngine(endpoint(), '', KEY).listModels();
    expect(ok.ok && ok.models).toContain('plain');
    const dead = await new RemoteEngine(endpoint({ baseUrl: 'http://127.0.0.1:9/v1' }), '', KEY).listModels();
    expect(dead).toMatchObject({ ok: false });
    expect(!dead.ok && dead.message).toContain('could not be reached');
  });
});

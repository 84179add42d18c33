import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { RemoteEndpoint } from '../../src/core/endpoint';
import { RemoteEngine } from '../../src/engines/remote-engine';
import { createParser } from 'eventsource-parser';
import OpenAI from 'openai';
import { VERSION as OPENAI_VERSION } from 'openai/version';
import { median } from './browser';
import type { BenchResult, Benchmark } from './types';

/** A recorded-style stream: realistic chunk JSON, one token each, then usage and [DONE]. */
function recordedStream(tokens: number): string {
  const parts: string[] = [];
  for (let i = 0; i < tokens; i++) {
    const chunk = {
      id: 'chatcmpl-bench',
      object: 'chat.completion.chunk',
      created: 1764374400,
      model: 'qwen-plus',
      choices: [{ index: 0, delta: { content: ` token${i % 100}` }, finish_reason: null }],
    };
    parts.push(`data: ${JSON.stringify(chunk)}\n\n`);
  }
  parts.push(`data: ${JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`);
  parts.push(
    `data: ${JSON.stringify({ choices: [], usage: { prompt_tokens: 10, completion_tokens: tokens, total_tokens: tokens + 10 } })}\n\n`,
  );
  parts.push('data: [DONE]\n\n');
  return parts.join('');
}

interface Served {
  url: string;
  firstByteAt: number[];
  server: Server;
}

async function serve(body: string, pieceBytes: number, gapMs: number): Promise<Served> {
  const firstByteAt: number[] = [];
  const server = createServer(async (req, res) => {
    for await (const _ of req) void _;
    res.writeHead(200, { 'Content-Type': 'text/event-stream' });
    for (let i = 0; i < body.length; i += pieceBytes) {
      if (i === 0) firstByteAt.push(performance.now());
      res.write(body.slice(i, i + pieceBytes));
      if (gapMs > 0) await new Promise((r) => setTimeout(r, gapMs));
    }
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, firstByteAt, server };
}

const endpoint = (baseUrl: string): RemoteEndpoint => ({
  id: 'bench',
  name: 'bench',
  presetId: 'custom',
  baseUrl,
  thinking: 'none',
  useProxy: false,
  connectTimeoutMs: 30_000,
  idleTimeoutMs: 30_000,
  maxRetries: 0,
  models: ['qwen-plus'],
});

async function clientRun(url: string): Promise<{ ms: number; firstTokenAt: number | null }> {
  const engine = new RemoteEngine(endpoint(url), 'qwen-plus', null);
  const start = performance.now();
  let firstTokenAt: number | null = null;
  for await (const e of engine.chat(
    { messages: [{ role: 'user', content: 'x' }] },
    new AbortController().signal,
  )) {
    if (e.type === 'content') firstTokenAt ??= e.t;
    if (e.type === 'error') throw new Error(e.error.message);
  }
  return { ms: performance.now() - start, firstTokenAt };
}

/**
 * The floor any SSE client pays on the same bytes: fetch, decode, frame the events with
 * eventsource-parser and JSON.parse each one, nothing else (no deltas merged, no events).
 */
async function floorRun(url: string): Promise<number> {
  const start = performance.now();
  const res = await fetch(`${url}/chat/completions`, { method: 'POST', body: '{}' });
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let parsed = 0;
  const parser = createParser({
    onEvent: (e) => {
      if (e.data !== '[DONE]') parsed += (JSON.parse(e.data) as { choices: unknown[] }).choices.length;
    },
  });
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parser.feed(decoder.decode(value, { stream: true }));
  }
  if (parsed === 0) throw new Error('the floor parsed nothing');
  return performance.now() - start;
}

/** The official openai SDK streaming the same bytes: what a user would otherwise pick. */
async function sdkRun(url: string): Promise<number> {
  const client = new OpenAI({ baseURL: url, apiKey: 'bench', maxRetries: 0 });
  const start = performance.now();
  const stream = await client.chat.completions.create({
    model: 'qwen-plus',
    messages: [{ role: 'user', content: 'x' }],
    stream: true,
  });
  let text = 0;
  for await (const chunk of stream) text += chunk.choices[0]?.delta?.content?.length ?? 0;
  if (text === 0) throw new Error('the SDK read no text');
  return performance.now() - start;
}

async function rawRun(url: string): Promise<number> {
  const start = performance.now();
  const res = await fetch(`${url}/chat/completions`, { method: 'POST', body: '{}' });
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    decoder.decode(value, { stream: true });
  }
  return performance.now() - start;
}

/** The remote client's stream handling, run in Node 20 (the same code the page runs). */
export const sse: Benchmark = {
  group: 'sse',
  async run() {
    const body = recordedStream(100_000);
    const bytes = Buffer.byteLength(body);
    const bulk = await serve(body, 64 * 1024, 0);
    const parse: number[] = [];
    const ratio: number[] = [];
    const vsFloor: number[] = [];
    const vsSdk: number[] = [];
    const times = { raw: [] as number[], floor: [] as number[], client: [] as number[], sdk: [] as number[] };
    const rounds = 12;
    const variants = [
      () => rawRun(bulk.url),
      () => floorRun(bulk.url),
      async () => (await clientRun(bulk.url)).ms,
      () => sdkRun(bulk.url),
    ];
    for (let i = 0; i <= rounds; i++) {
      // Interleaved, so a slow moment of the machine falls on all four alike, and rotated,
      // so each one runs in every position as often (one runs in the garbage of the last).
      const ms: number[] = [0, 0, 0, 0];
      for (let k = 0; k < variants.length; k++) {
        const v = (i + k) % variants.length;
        ms[v] = await (variants[v] as () => Promise<number>)();
      }
      if (i === 0) continue; // warm-up
      const [raw, floor, client, sdk] = ms as [number, number, number, number];
      parse.push(bytes / 1e6 / (client / 1000));
      ratio.push(client / raw);
      vsFloor.push(client / floor);
      vsSdk.push(client / sdk);
      times.raw.push(raw);
      times.floor.push(floor);
      times.client.push(client);
      times.sdk.push(sdk);
    }
    bulk.server.close();
    const t = (xs: number[]) => `${Math.round(median(xs)).toLocaleString('en-US')} ms`;

    // Token-paced stream on loopback: TTFT seen by the client minus the server's first byte.
    const paced = await serve(recordedStream(50), 300, 2);
    const overhead: number[] = [];
    for (let i = 0; i < 11; i++) {
      const { firstTokenAt } = await clientRun(paced.url);
      const firstByte = paced.firstByteAt.at(-1);
      if (i > 0 && firstTokenAt !== null && firstByte !== undefined) overhead.push(firstTokenAt - firstByte);
    }
    paced.server.close();
    const mb = (bytes / 1e6).toFixed(1);
    return [
      {
        id: 'sse.parse_mb_s',
        value: Math.round(median(parse) * 10) / 10,
        unit: 'MB/s',
        better: 'higher',
        note: `RemoteEngine consuming a ${mb} MB stream of 100k chunks over loopback, median of ${rounds}`,
      },
      {
        id: 'sse.raw_read_ratio',
        value: Math.round(median(ratio) * 1000) / 1000,
        unit: 'ratio',
        better: 'lower',
        note: `client time / a raw fetch + TextDecoder read of the same ${mb} MB stream (no framing, no JSON: not a bound any client can reach; for reference), median of ${rounds}`,
      },
      {
        id: 'sse.client_vs_floor',
        value: Math.round(median(vsFloor) * 1000) / 1000,
        unit: 'ratio',
        better: 'lower',
        note: `RemoteEngine.chat from request to its last event (${t(times.client)}) / fetch + eventsource-parser framing + JSON.parse of every event (${t(times.floor)}), same ${mb} MB stream over loopback, interleaved in rotating order, median of ${rounds}; target <= 1.15`,
      },
      {
        id: 'sse.client_vs_openai_sdk',
        value: Math.round(median(vsSdk) * 1000) / 1000,
        unit: 'ratio',
        better: 'lower',
        note: `RemoteEngine.chat (${t(times.client)}) / the openai SDK ${OPENAI_VERSION} chat.completions.create({ stream: true }) iterated to its end (${t(times.sdk)}), same stream, interleaved in rotating order, median of ${rounds}; target <= 0.9`,
      },
      {
        id: 'sse.ttft_overhead_node_ms',
        value: Math.round(median(overhead) * 100) / 100,
        unit: 'ms',
        better: 'lower',
        note: 'in Node, not a browser (remote.* is the browser): RemoteEngine first-token time minus the server first-byte time, loopback, same process clock, median of 10',
      },
    ] satisfies BenchResult[];
  },
};

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { TextStreamer, type Message } from '@huggingface/transformers';
import { chatInputs, loadTinyNode } from './tiny-node';
import type { AddressInfo } from 'node:net';

/**
 * A loopback OpenAI-compatible server that speaks the real protocol (SSE chunks, usage,
 * tool-call deltas, error bodies) so the browser client is tested over real HTTP. The
 * model name picks the scenario; `tiny` generates with the tiny model in Node.
 */
export const SCENARIOS = [
  'plain',
  'reasoning',
  'tools',
  'tools-reused-index',
  'no-usage',
  'unauthorized',
  'forbidden',
  'bad-request',
  'rate-limited',
  'error-then-ok',
  'always-500',
  'slow-first-token',
  'stall',
  'disconnect',
  'early-end',
  'malformed',
  'in-stream-error',
  'tiny',
  'hostile',
  'paced',
  'qwen-vl-echo',
  'judge-pass',
  'inventor',
  'fragile',
  'asker',
  'json-error-200',
  'billed',
  'json-complete',
  // Qwen names the family map can read (as an endpoint would list them); they answer as plain does.
  'qwen3-32b',
  'qwen3-14b',
  'qwen3-8b',
] as const;
export type Scenario = (typeof SCENARIOS)[number];

export const PLAIN_TEXT = ['Hello', ' from', ' the', ' loopback', ' server', '.'];
export const DEGRADED_TEXT = ['Sorry', ',', ' I', ' cannot', ' help', '.'];

/** The prompts `fragile` understands, as written: one typo and it is lost. */
export const FRAGILE_PROMPTS = [
  'Please greet the loopback server politely today.',
  'Kindly send a short greeting to our loopback server.',
  'Write one friendly hello for the loopback server.',
  'Say a warm hello to the loopback server right away.',
  'Could you greet the loopback server with kind words?',
  'Offer the loopback server a cheerful greeting please.',
  'Give the loopback server a brief and polite hello.',
  'Send greetings to the loopback server from all of us.',
];

/** Where the hostile output's images and frames point: a request here means one loaded. */
export const TRACKER_PATH = '/tracker.png';
export const LONG_LINE_CHARS = 200_000;

/** Model output that tries everything markdown rendering must neutralise. */
export function hostileOutput(origin: string): string[] {
  const tracker = `${origin}${TRACKER_PATH}`;
  return [
    '# Hostile report\n\n',
    '<script>window.__pwned = "script"</script>\n\n',
    '[click me](javascript:window.__pwned="md-link")\n\n',
    '<a href="javascript:window.__pwned=\'html-link\'">html link</a>\n\n',
    `<img src="${tracker}?img" onerror="window.__pwned='onerror'">\n\n`,
    `![tracker](${tracker}?markdown)\n\n`,
    `<div onmouseover="window.__pwned='hover'" style="background:url(${tracker}?css)">hover me</div>\n\n`,
    `<iframe src="${tracker}?frame"></iframe>\n\n`,
    `<svg onload="window.__pwned='svg'"><circle r="4"/></svg>\n\n`,
    `<form action="${tracker}?form"><button formaction="${tracker}?button">Send</button></form>\n\n`,
    '```js\nconsole.log("code stays text")\n```\n\n',
    ...Array.from({ length: LONG_LINE_CHARS / 2000 }, () => 'A'.repeat(2000)),
    '\n\nEnd of report.',
  ];
}

/** Tokens per second of the `paced` scenario: the UI benchmark's streaming rate. */
export const PACED_TOKENS_PER_S = 200;

export interface OpenAIServer {
  url: string;
  /** Base URL of the same server with CORS answered as a browser-blocking provider would. */
  noCorsUrl: string;
  /** Base URL of the same server with CORS allowed but no Timing-Allow-Origin (most providers). */
  noTimingUrl: string;
  requests: {
    path: string;
    authorization: string | undefined;
    body: Record<string, unknown> | null;
    /** Date.now() when the request arrived. */
    at: number;
    /** From the request's headers arriving to the first content written, in this process's clock. */
    firstTokenAfterMs?: number;
  }[];
  /** Models answering as a worse release would: a polite non-answer, whatever the prompt (a regression to catch). */
  degraded: Set<string>;
  close(): Promise<void>;
}

type Chunk = Record<string, unknown>;
const chunk = (delta: Record<string, unknown>, finish: string | null = null): Chunk => ({
  id: 'chatcmpl-test',
  object: 'chat.completion.chunk',
  created: 1764374400,
  model: 'test',
  choices: [{ index: 0, delta, finish_reason: finish }],
});
const usageChunk = (prompt: number, completion: number): Chunk => ({
  id: 'chatcmpl-test',
  object: 'chat.completion.chunk',
  choices: [],
  usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function cors(res: ServerResponse, allow: boolean, timing: boolean): void {
  if (!allow) return;
  // As a provider may: lets the page read the request's network split (Resource Timing).
  if (timing) res.setHeader('Timing-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Headers', 'authorization, content-type');
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
  res.setHeader('Access-Control-Expose-Headers', 'retry-after');
}

function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  code: string,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(
    JSON.stringify({
      error: { code, param: null, message, type: 'invalid_request_error' },
      id: 'chatcmpl-err',
      request_id: 'req-test',
    }),
  );
}

async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const p of req) parts.push(p as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

async function streamTiny(write: (c: Chunk) => void, body: Record<string, unknown>) {
  const { tokenizer, model } = await loadTinyNode();
  const { inputs, promptTokens } = chatInputs(tokenizer, body.messages as Message[]);
  const ids: number[] = [];
  let sent = '';
  const maxNew = typeof body.max_tokens === 'number' ? body.max_tokens : 64;
  await model.generate({
    ...inputs,
    max_new_tokens: maxNew,
    do_sample: false,
    streamer: new TextStreamer(tokenizer, {
      skip_prompt: true,
      callback_function: () => {},
      token_callback_function: (t: bigint[]) => {
        ids.push(...t.map(Number));
        const text = tokenizer.decode(ids, { skip_special_tokens: true });
        if (text.endsWith('\uFFFD') || text.length <= sent.length) return;
        write(chunk({ content: text.slice(sent.length) }));
        sent = text;
      },
    }),
  });
  write(chunk({}, ids.length >= maxNew ? 'length' : 'stop'));
  write(usageChunk(promptTokens, ids.length));
}

export async function startOpenAIServer(): Promise<OpenAIServer> {
  const requests: OpenAIServer['requests'] = [];
  const attempts = new Map<string, number>();
  const degraded = new Set<string>();
  const server = createServer(async (req, res) => {
    const arrived = performance.now();
    const url = new URL(req.url ?? '/', 'http://x');
    const allowCors = !url.pathname.startsWith('/nocors/');
    const path = url.pathname.replace(/^\/(nocors|notiming)/, '');
    cors(res, allowCors, !url.pathname.startsWith('/notiming/'));
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    const raw = req.method === 'POST' ? await readBody(req) : '';
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : null;
    const entry: OpenAIServer['requests'][number] = {
      path,
      authorization: req.headers.authorization,
      body,
      at: Date.now(),
    };
    requests.push(entry);
    if (path === '/v1/models' && req.method === 'GET') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          object: 'list',
          data: SCENARIOS.map((id) => ({ id, object: 'model', owned_by: 'qwenfit-test' })),
        }),
      );
      return;
    }
    if (path !== '/v1/chat/completions' || req.method !== 'POST' || !body) {
      sendError(res, 404, `No route ${req.method} ${path}`, 'not_found');
      return;
    }
    const scenario = String(body.model) as Scenario;
    const n = (attempts.get(scenario) ?? 0) + 1;
    attempts.set(scenario, n);
    if (!SCENARIOS.includes(scenario))
      return sendError(res, 404, `The model \`${scenario}\` does not exist`, 'model_not_found');
    if (scenario === 'unauthorized')
      // As some providers do, the refusal repeats the key it was sent: the client must redact it.
      return sendError(
        res,
        401,
        `Incorrect API key provided: ${req.headers.authorization ?? 'none'}.`,
        'invalid_api_key',
      );
    if (scenario === 'forbidden') return sendError(res, 403, 'Access denied.', 'AccessDenied');
    if (scenario === 'bad-request')
      return sendError(
        res,
        400,
        'parameter.enable_thinking must be set to false for non-streaming calls',
        'invalid_parameter_error',
      );
    if (scenario === 'rate-limited' && n % 2 === 1)
      return sendError(res, 429, 'Requests rate limit exceeded.', 'Throttling.RateQuota', {
        'Retry-After': '1',
      });
    if (scenario === 'error-then-ok' && n % 2 === 1)
      return sendError(res, 500, 'Internal error.', 'internal_error');
    if (scenario === 'always-500') return sendError(res, 503, 'Service unavailable.', 'overloaded');
    if (scenario === 'json-error-200') {
      // As DashScope does for some request errors: HTTP 200, a JSON error body, no stream.
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          code: 'DataInspectionFailed',
          message: 'Input data may contain inappropriate content.',
          request_id: 'r1',
        }),
      );
      return;
    }
    if (scenario === 'json-complete') {
      // A server that ignores stream: true and answers with the whole completion.
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          id: 'chatcmpl-json',
          object: 'chat.completion',
          choices: [
            { index: 0, message: { role: 'assistant', content: PLAIN_TEXT.join('') }, finish_reason: 'stop' },
          ],
          usage: {
            prompt_tokens: 12,
            completion_tokens: PLAIN_TEXT.length,
            total_tokens: 12 + PLAIN_TEXT.length,
          },
        }),
      );
      return;
    }

    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache',
      Connection: 'keep-alive',
    });
    const write = (c: Chunk | string) => {
      const data = typeof c === 'string' ? c : JSON.stringify(c);
      res.write(`data: ${data}\n\n`);
      if (entry.firstTokenAfterMs === undefined && data.includes('"content"'))
        entry.firstTokenAfterMs = performance.now() - arrived;
    };
    const text = async (pieces: string[], gapMs = 5) => {
      for (const p of pieces) {
        write(chunk({ content: p }));
        await sleep(gapMs);
      }
    };
    if (degraded.has(scenario)) {
      await text(DEGRADED_TEXT);
      write(chunk({}, 'stop'));
      write(usageChunk(12, DEGRADED_TEXT.length));
      write('[DONE]');
      res.end();
      return;
    }
    switch (scenario) {
      case 'plain':
      case 'qwen3-32b':
      case 'qwen3-14b':
      case 'qwen3-8b':
      case 'rate-limited':
      case 'error-then-ok':
        await text(PLAIN_TEXT);
        write(chunk({}, 'stop'));
        write(usageChunk(12, PLAIN_TEXT.length));
        break;
      case 'billed':
        // OpenRouter reports what it billed inside usage.
        await text(PLAIN_TEXT);
        write(chunk({}, 'stop'));
        write({
          ...usageChunk(12, PLAIN_TEXT.length),
          usage: { prompt_tokens: 12, completion_tokens: 6, total_tokens: 18, cost: 0.000123 },
        });
        break;
      case 'no-usage':
        await text(PLAIN_TEXT);
        write(chunk({}, 'stop'));
        break;
      case 'slow-first-token':
        await sleep(1500);
        await text(PLAIN_TEXT);
        write(chunk({}, 'stop'));
        write(usageChunk(12, PLAIN_TEXT.length));
        break;
      case 'reasoning':
        for (const r of ['Let me', ' think.']) write(chunk({ reasoning_content: r }));
        await text(['The answer', ' is 4.']);
        write(chunk({}, 'stop'));
        write({
          ...usageChunk(20, 9),
          usage: {
            prompt_tokens: 20,
            completion_tokens: 9,
            total_tokens: 29,
            completion_tokens_details: { reasoning_tokens: 5 },
          },
        });
        break;
      case 'tools':
        write(
          chunk({
            tool_calls: [
              { index: 0, id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '' } },
            ],
          }),
        );
        write(chunk({ tool_calls: [{ index: 0, function: { arguments: '{"city": "Hang' } }] }));
        write(
          chunk({
            tool_calls: [
              {
                index: 1,
                id: 'call_b',
                type: 'function',
                function: { name: 'get_time', arguments: '{"tz":' },
              },
            ],
          }),
        );
        write(chunk({ tool_calls: [{ index: 0, function: { arguments: 'zhou"}' } }] }));
        write(chunk({ tool_calls: [{ index: 1, function: { arguments: ' "Asia/Shanghai"}' } }] }));
        write(chunk({}, 'tool_calls'));
        write(usageChunk(40, 30));
        break;
      case 'tools-reused-index':
        write(
          chunk({
            tool_calls: [
              {
                index: 0,
                id: 'call_1',
                type: 'function',
                function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
              },
            ],
          }),
        );
        write(
          chunk({
            tool_calls: [
              {
                index: 0,
                id: 'call_2',
                type: 'function',
                function: { name: 'get_weather', arguments: '{"city":"Rome"}' },
              },
            ],
          }),
        );
        write(chunk({}, 'tool_calls'));
        write(usageChunk(40, 20));
        break;
      case 'stall':
        await text(PLAIN_TEXT.slice(0, 2));
        await sleep(60_000);
        break;
      case 'disconnect':
        await text(PLAIN_TEXT.slice(0, 3));
        // Hand everything written to the OS before dropping the connection, or the last
        // chunk may be discarded with the socket and the test would see less than was sent.
        await new Promise<void>((resolve) => res.write(': flush\n\n', () => resolve()));
        await sleep(50);
        req.socket.destroy();
        return;
      case 'early-end':
        // The body closes cleanly with neither a finish reason nor [DONE].
        await text(PLAIN_TEXT.slice(0, 3));
        res.end();
        return;
      case 'malformed':
        await text(PLAIN_TEXT.slice(0, 2));
        write('{"choices": [ this is not json');
        break;
      case 'in-stream-error':
        await text(PLAIN_TEXT.slice(0, 2));
        write({ error: { message: 'The model overloaded mid-generation.', code: 'overloaded' } });
        break;
      case 'tiny':
        await streamTiny(write, body);
        break;
      case 'hostile': {
        const pieces = hostileOutput(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
        await text(pieces, 1);
        write(chunk({}, 'stop'));
        write(usageChunk(30, pieces.length));
        break;
      }
      case 'fragile': {
        // Answers only a prompt it knows letter for letter: clean passes, noisy fails.
        const messages = body.messages as { role: string; content: string }[];
        const last = messages.filter((m) => m.role === 'user').at(-1)?.content ?? '';
        await text(FRAGILE_PROMPTS.includes(last) ? PLAIN_TEXT : ['Sorry, I did not understand that.']);
        write(chunk({}, 'stop'));
        write(usageChunk(20, 6));
        break;
      }
      case 'asker':
        // Asks before it acts, naming what a request might have left out.
        await text(['Before I go on: which city, date, price, rate, time or duration do you mean?']);
        write(chunk({}, 'stop'));
        write(usageChunk(30, 16));
        break;
      case 'inventor':
        // Sounds sure and invents its figures: what the grounded grader must call a hallucination.
        await text(['You have 37 days', ' to return it, per the', ' 2019 Acme Returns Charter.']);
        write(chunk({}, 'stop'));
        write(usageChunk(80, 12));
        break;
      case 'judge-pass':
        // A judge model's verdict, as the judge prompt asks for it.
        await text(['{"score": 9, ', '"pass": true, ', '"reason": "meets the rubric"}']);
        write(chunk({}, 'stop'));
        write(usageChunk(200, 20));
        break;
      case 'qwen-vl-echo': {
        // Says what arrived, so a test sees the image parts the browser sent.
        const messages = body.messages as {
          content: string | { type: string; image_url?: { url: string } }[];
        }[];
        const parts = messages.flatMap((m) => (typeof m.content === 'string' ? [] : m.content));
        const images = parts.filter((p) => p.type === 'image_url').map((p) => p.image_url?.url.slice(0, 22));
        await text([`Received ${images.length} image(s)`, ...images.map((u) => ` ${u}`)]);
        write(chunk({}, 'stop'));
        write(usageChunk(100, 3));
        break;
      }
      case 'paced': {
        // Tokens on a fixed schedule from the start, so timer jitter does not add up.
        const count = typeof body.max_tokens === 'number' ? body.max_tokens : 400;
        const start = performance.now();
        for (let i = 0; i < count; i++) {
          await sleep(start + (i * 1000) / PACED_TOKENS_PER_S - performance.now());
          write(chunk({ content: i % 40 === 39 ? ` t${i}.\n\n` : ` t${i}` }));
        }
        write(chunk({}, 'length'));
        write(usageChunk(12, count));
        break;
      }
    }
    write('[DONE]');
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    noCorsUrl: `http://127.0.0.1:${port}/nocors/v1`,
    noTimingUrl: `http://127.0.0.1:${port}/notiming/v1`,
    requests,
    degraded,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

if (process.argv[1]?.endsWith('openai-server.ts')) {
  const s = await startOpenAIServer();
  console.log(
    `loopback OpenAI-compatible server at ${s.url} (CORS off at ${s.noCorsUrl}); models: ${SCENARIOS.join(', ')}`,
  );
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { Plugin } from 'vite';
import { PROXY_PATH, PROXY_TARGET_HEADER } from '../src/core/endpoint.ts';

type Next = (err?: unknown) => void;

/** Only these request headers travel on: the key goes to the one target named in the request. */
const FORWARDED = ['authorization', 'content-type', 'accept'];

function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  // Browsers send Origin on POST and on cross-origin GET; a page of another site cannot pass this.
  return origin === undefined || new URL(origin).host === req.headers.host;
}

async function relay(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const target = req.headers[PROXY_TARGET_HEADER];
  if (typeof target !== 'string' || !/^https?:\/\//.test(target)) {
    res.writeHead(400, { 'Content-Type': 'application/json' });
    res.end(
      JSON.stringify({
        error: { message: `The proxy needs an ${PROXY_TARGET_HEADER} header with the endpoint's base URL.` },
      }),
    );
    return;
  }
  if (!sameOrigin(req)) {
    res.writeHead(403, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ error: { message: 'The Qwenfit proxy serves this app only.' } }));
    return;
  }
  const url = `${target.replace(/\/+$/, '')}${(req.url ?? '').slice(PROXY_PATH.length)}`;
  const headers: Record<string, string> = {};
  for (const h of FORWARDED) {
    const v = req.headers[h];
    if (typeof v === 'string') headers[h] = v;
  }
  const body =
    req.method === 'GET' || req.method === 'HEAD'
      ? undefined
      : (Readable.toWeb(req) as ReadableStream<Uint8Array>);
  const abort = new AbortController();
  res.on('close', () => abort.abort());
  try {
    const upstream = await fetch(url, {
      method: req.method ?? 'GET',
      headers,
      body,
      signal: abort.signal,
      duplex: 'half',
    } as RequestInit);
    const out: Record<string, string> = {};
    for (const h of ['content-type', 'retry-after', 'cache-control']) {
      const v = upstream.headers.get(h);
      if (v) out[h] = v;
    }
    res.writeHead(upstream.status, out);
    if (upstream.body)
      for await (const part of upstream.body as unknown as AsyncIterable<Uint8Array>) res.write(part);
    res.end();
  } catch (e) {
    if (abort.signal.aborted) return;
    if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'application/json' });
    res.end(
      JSON.stringify({ error: { message: `The proxy could not reach ${new URL(url).host}: ${String(e)}` } }),
    );
  }
}

/** The same-origin relay of `npm run dev` and `npm start`, for providers that block browser CORS. */
export function qwenfitProxy(): Plugin {
  const middleware = (req: IncomingMessage, res: ServerResponse, next: Next) => {
    if (!req.url?.startsWith(`${PROXY_PATH}/`)) return next();
    void relay(req, res);
  };
  return {
    name: 'qwenfit-proxy',
    configureServer: (server) => void server.middlewares.use(middleware),
    configurePreviewServer: (server) => void server.middlewares.use(middleware),
  };
}

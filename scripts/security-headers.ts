import type { Plugin } from 'vite';

/**
 * The Content-Security-Policy of the built app: no script but the app's own files (no
 * inline script, none from elsewhere), nothing framed, no plugin, base or form tricks, no
 * image from a remote host. Model output is sanitised by DOMPurify as well; this is the
 * second wall.
 *
 * No 'unsafe-eval': the JSON Schemas are compiled ahead of time (scripts/generate-validators.ts)
 * and the json-schema grader interprets a task's schema (@cfworker/json-schema), so nothing
 * compiles code from text. 'wasm-unsafe-eval' lets the runtimes compile WebAssembly; blob:
 * lets transformers.js import onnxruntime-web's glue module, which it fetches and imports as
 * a blob (only script of this origin can make a blob: URL).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' blob: 'wasm-unsafe-eval'",
  "worker-src 'self'",
  // Svelte sets style attributes (widths, colours of chart keys); no stylesheet comes from elsewhere.
  "style-src 'self' 'unsafe-inline'",
  // Images are the app's own, or those a user picks for a vision model (read as data: or blob:); never a remote host.
  "img-src 'self' data: blob:",
  "font-src 'self'",
  // Endpoints are whatever OpenAI-compatible URL a user adds (a cloud over https, vLLM or
  // Ollama on http://localhost or a LAN address) and models download from their hubs:
  // fetch must reach any http(s) origin. Nothing else may.
  "connect-src 'self' https: http: data: blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers the preview server sends with every response (`npm start`); set the same on a static host. */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
};

/**
 * The policy also as a <meta> in the built index.html, for hosts that cannot set headers
 * (a <meta> policy cannot say frame-ancestors, which browsers ignore there, so it is left out).
 * Not in `npm run dev`: Vite's dev server injects what a strict policy would refuse.
 */
export function securityMeta(): Plugin {
  return {
    name: 'qwenfit-security-meta',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: {
          'http-equiv': 'Content-Security-Policy',
          content: CONTENT_SECURITY_POLICY.split('; ')
            .filter((d) => !d.startsWith('frame-ancestors'))
            .join('; '),
        },
        injectTo: 'head-prepend',
      },
      { tag: 'meta', attrs: { name: 'referrer', content: 'no-referrer' }, injectTo: 'head-prepend' },
    ],
  };
}

import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';
import { readFileSync } from 'node:fs';
import { qwenfitProxy } from './scripts/proxy-plugin.ts';
import { SECURITY_HEADERS, securityMeta } from './scripts/security-headers.ts';
import { qwenRecords, type WebLlmRecord } from './src/catalog/webllm-qwen.ts';

/**
 * Reads web-llm's Qwen records from the installed package at build time, so the page
 * gets the real list without parsing web-llm's 6.8 MB bundle on the main thread.
 */
function webLlmQwenRecords(): Plugin {
  const id = 'virtual:webllm-qwen';
  return {
    name: 'qwenfit-webllm-qwen',
    resolveId: (source) => (source === id ? `\0${id}` : undefined),
    load: {
      // Only the virtual module: not a call for each of the build's modules.
      filter: { id: new RegExp(`^\\0${id.replace(':', '\\:')}$`) },
      async handler() {
        const webllm = await import('@mlc-ai/web-llm');
        const records = qwenRecords(webllm.prebuiltAppConfig.model_list as WebLlmRecord[]);
        return `export const records = ${JSON.stringify(records)};\nexport const modelVersion = ${JSON.stringify(webllm.modelVersion)};\n`;
      },
    },
  };
}

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};

/**
 * A service worker that precaches the app shell, the runtimes' workers and wasm, and the
 * tiny model, so a reload with no network opens the app and runs it. A new version waits
 * until the user says to update (registerType 'prompt'; the page asks). Real models are
 * kept by their runtimes' own caches, not here. Off in `npm run dev`.
 */
function offlineShell() {
  return VitePWA({
    registerType: 'prompt',
    injectRegister: false,
    manifest: {
      name: 'Qwenfit',
      short_name: 'Qwenfit',
      description:
        'Pick the right Qwen model for each task: on your device and remote, measured side by side.',
      theme_color: '#5b4bdb',
      background_color: '#ffffff',
      display: 'standalone',
      start_url: '.',
      icons: [
        { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
        { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
        { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      ],
    },
    workbox: {
      globPatterns: ['**/*.{js,mjs,css,html,svg,wasm,json,onnx,txt}'],
      // ONNX Runtime's wasm is 26 MB and web-llm's worker 6 MB: both are needed offline.
      maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
      navigateFallback: 'index.html',
      cleanupOutdatedCaches: true,
    },
  });
}

export default defineConfig({
  plugins: [svelte(), webLlmQwenRecords(), qwenfitProxy(), securityMeta(), offlineShell()],
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 8000,
    // The timings report is a profile, not a fault: most of it is web-llm's 6.8 MB bundle
    // read once for its Qwen records and the worker bundles; `node --cpu-prof` profiles it.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  server: { port: 5173, strictPort: false },
  // The port the README names: taken means a clear error, not a silent move to another.
  preview: { port: 4173, strictPort: true, headers: SECURITY_HEADERS },
  test: {
    testTimeout: 30_000,
    projects: [
      // Pure logic (src/core) and the tiny model, in Node.
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      // State and engines in Node with fakes and loopback servers; state classes need
      // Svelte's client runtime for $derived and $effect.
      {
        extends: true,
        test: {
          name: 'node',
          include: ['tests/node/**/*.test.ts'],
          environment: './tests/support/svelte-client-environment.ts',
          // Through Vite, so `svelte` resolves to the same client runtime the compiled classes use.
          server: { deps: { inline: ['svelte'] } },
        },
      },
    ],
  },
});

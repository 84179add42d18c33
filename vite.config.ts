import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { Plugin } from 'vite';
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

export default defineConfig({
  plugins: [svelte(), webLlmQwenRecords(), qwenfitProxy(), securityMeta()],
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

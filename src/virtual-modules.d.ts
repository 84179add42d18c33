/// <reference types="vite-plugin-pwa/vanillajs" />
declare module 'virtual:webllm-qwen' {
  import type { WebLlmRecord } from './catalog/webllm-qwen';
  /** The Qwen-family records of the installed web-llm's prebuiltAppConfig, read at build time. */
  export const records: WebLlmRecord[];
  /** web-llm's model library version, e.g. 'v0_2_86'. */
  export const modelVersion: string;
}

/** package.json's version, set by vite.config.ts. */
declare const __APP_VERSION__: string;

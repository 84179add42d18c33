/** How a provider wants Qwen3's hybrid thinking switched. */
export type ThinkingStyle = 'dashscope' | 'chat-template-kwargs' | 'none';

/** One configured OpenAI-compatible endpoint. Its API key is stored apart, never with this. */
export interface RemoteEndpoint {
  id: string;
  name: string;
  presetId: string;
  baseUrl: string;
  thinking: ThinkingStyle;
  /** Send through the app's own same-origin relay, for providers that block browser CORS. */
  useProxy: boolean;
  connectTimeoutMs: number;
  idleTimeoutMs: number;
  maxRetries: number;
  /** Requests in flight at once from the Compare and Evaluate screens; unset means the default. */
  concurrency?: number;
  /** Models to offer: from GET /models or typed by the user. */
  models: string[];
}

/** Requests in flight per endpoint when it sets no limit: enough to overlap, few enough for free tiers. */
export const DEFAULT_ENDPOINT_CONCURRENCY = 4;
export const MAX_ENDPOINT_CONCURRENCY = 16;

export const PROXY_PATH = '/__qwenfit_proxy';
export const PROXY_TARGET_HEADER = 'x-qwenfit-target';

/** The URL the browser calls for one API path, direct or through the relay. */
export function endpointUrl(e: Pick<RemoteEndpoint, 'baseUrl' | 'useProxy'>, path: string): string {
  const base = e.baseUrl.replace(/\/+$/, '');
  return e.useProxy ? `${PROXY_PATH}${path}` : `${base}${path}`;
}

export function normaliseBaseUrl(raw: string): { ok: true; value: string } | { ok: false; error: string } {
  try {
    const url = new URL(raw.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      return { ok: false, error: 'The base URL must start with http:// or https://.' };
    if (url.username || url.password)
      return { ok: false, error: 'Put credentials in the API key field, not in the URL.' };
    return { ok: true, value: url.href.replace(/\/+$/, '') };
  } catch {
    return {
      ok: false,
      error:
        'The base URL is not a valid URL (for example https://dashscope-intl.aliyuncs.com/compatible-mode/v1).',
    };
  }
}

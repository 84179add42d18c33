import type { AppError } from './engine-types';

/** The provider's own words from an error body: OpenAI, DashScope and most servers use {error:{message}}. */
export function providerMessage(body: string): string | null {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const p = parsed as { error?: unknown; message?: unknown; detail?: unknown };
    if (typeof p.error === 'string') return p.error;
    if (typeof p.error === 'object' && p.error !== null) {
      const e = p.error as { message?: unknown; code?: unknown };
      if (typeof e.message === 'string')
        return typeof e.code === 'string' ? `${e.message} (${e.code})` : e.message;
    }
    if (typeof p.message === 'string') return p.message;
    if (typeof p.detail === 'string') return p.detail;
  } catch {
    // not JSON: fall through to the raw text
  }
  const text = body.trim();
  return text ? text.slice(0, 300) : null;
}

export interface HttpContext {
  model: string;
  /** A hint the provider's users need on auth failures (e.g. DashScope regions). */
  authHint?: string;
}

/** One HTTP failure, categorised, in words, with the way forward. */
export function httpError(status: number, body: string, ctx: HttpContext): AppError {
  const said = providerMessage(body);
  const detail = `HTTP ${status}${said ? `: ${said}` : ''}`;
  if (status === 401) {
    return {
      code: 'auth',
      message: 'The endpoint rejected the API key (401).',
      action: `Check the key in Settings.${ctx.authHint ? ` ${ctx.authHint}` : ''}`,
      detail,
    };
  }
  if (status === 403) {
    return {
      code: 'forbidden',
      message:
        'The endpoint refused access (403): the key lacks permission, the account is in arrears, or the region is not allowed.',
      action: `Check the account and the key's permissions.${ctx.authHint ? ` ${ctx.authHint}` : ''}`,
      detail,
    };
  }
  if (status === 404) {
    return {
      code: 'model-not-found',
      message: `The endpoint does not know the model “${ctx.model}”, or the base URL is wrong (404).`,
      action:
        'Pick a model the endpoint lists (Test connection shows them) and check the base URL ends in /v1.',
      detail,
    };
  }
  if (status === 429) {
    return {
      code: 'rate-limited',
      message: 'The endpoint is rate-limiting these requests (429).',
      action: 'Lower the concurrency or wait; quota errors need a higher plan or a top-up.',
      detail,
    };
  }
  if (status >= 500) {
    return {
      code: 'server-error',
      message: `The endpoint failed (${status}).`,
      action: 'Retry later; the provider may be overloaded.',
      detail,
    };
  }
  return {
    code: 'bad-request',
    message: `The endpoint refused the request (${status})${said ? `: ${said}` : '.'}`,
    action: 'Check the model name and the parameters (for example thinking, which some models do not take).',
    detail,
  };
}

export const isRetryable = (status: number) => status === 429 || status >= 500;

/** Replaces every occurrence of a secret so it cannot leak into messages, logs or exports. */
export function redact(text: string, secret: string | null): string {
  return secret && secret.length >= 4 ? text.split(secret).join('•••') : text;
}

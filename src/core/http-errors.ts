import type { AppError, ErrorCode } from './engine-types';
import { appError } from './error-catalog';

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

/** One HTTP failure, categorised, in the catalog's words, with the provider's own in the detail. */
export function httpError(status: number, body: string, ctx: HttpContext): AppError {
  const said = providerMessage(body);
  const detail = `HTTP ${status}${said ? `: ${said}` : ''}`;
  const facts = { model: ctx.model, status, said, ...(ctx.authHint ? { authHint: ctx.authHint } : {}) };
  return appError(codeOf(status), facts, detail);
}

function codeOf(status: number): ErrorCode {
  if (status === 401) return 'auth';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'remote-model-not-found';
  if (status === 429) return 'rate-limited';
  return status >= 500 ? 'server-error' : 'bad-request';
}

export const isRetryable = (status: number) => status === 429 || status >= 500;

/** Replaces every occurrence of a secret so it cannot leak into messages, logs or exports. */
export function redact(text: string, secret: string | null): string {
  return secret && secret.length >= 4 ? text.split(secret).join('•••') : text;
}

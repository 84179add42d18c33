import { describe, expect, it } from 'vitest';
import { endpointUrl, normaliseBaseUrl } from '../../src/core/endpoint';
import { httpError, isRetryable, providerMessage, redact } from '../../src/core/http-errors';
import { backoffMs, chatBody, retryAfterMs } from '../../src/core/remote-request';
import { takesImages } from '../../src/core/vision';

const dashscopeBody = JSON.stringify({
  error: {
    code: 'invalid_parameter_error',
    param: null,
    message: 'parameter.enable_thinking must be set to false for non-streaming calls',
    type: 'invalid_request_error',
  },
  id: 'chatcmpl-1',
  request_id: 'r',
});

describe('HTTP failures', () => {
  it("reads the provider's own message from common error bodies", () => {
    expect(providerMessage(dashscopeBody)).toBe(
      'parameter.enable_thinking must be set to false for non-streaming calls (invalid_parameter_error)',
    );
    expect(providerMessage('{"message":"nope"}')).toBe('nope');
    expect(providerMessage('{"error":"plain"}')).toBe('plain');
    expect(providerMessage('<html>Bad Gateway</html>')).toBe('<html>Bad Gateway</html>');
    expect(providerMessage('')).toBeNull();
  });

  it.each([
    [401, 'auth'],
    [403, 'forbidden'],
    [404, 'remote-model-not-found'],
    [429, 'rate-limited'],
    [500, 'server-error'],
    [503, 'server-error'],
    [400, 'bad-request'],
    [422, 'bad-request'],
  ])('maps %i to %s', (status, code) => {
    expect(httpError(status, dashscopeBody, { model: 'm' }).code).toBe(code);
  });

  it('adds the region hint to auth failures and keeps the provider text in the detail', () => {
    const e = httpError(401, '{"error":{"message":"Invalid API-key provided.","code":"InvalidApiKey"}}', {
      model: 'qwen-plus',
      authHint: 'Keys belong to one region.',
    });
    expect(e.action).toContain('Keys belong to one region.');
    expect(e.detail).toBe('HTTP 401: Invalid API-key provided. (InvalidApiKey)');
  });

  it('retries only 429 and 5xx', () => {
    expect([429, 500, 502, 503].every(isRetryable)).toBe(true);
    expect([400, 401, 403, 404].some(isRetryable)).toBe(false);
  });

  it('redacts a key wherever it appears', () => {
    expect(redact('Bearer sk-abcdef failed for sk-abcdef', 'sk-abcdef')).toBe('Bearer ••• failed for •••');
    expect(redact('text', null)).toBe('text');
  });
});

describe('request building', () => {
  const req = {
    messages: [{ role: 'user' as const, content: 'Hi' }],
    max_tokens: 10,
    temperature: 0.7,
    thinking: false,
  };

  it('switches Qwen3 thinking the way each provider wants it', () => {
    expect(chatBody(req, 'qwen3-8b', 'dashscope')).toMatchObject({
      enable_thinking: false,
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(chatBody(req, 'Qwen/Qwen3-8B', 'chat-template-kwargs')).toMatchObject({
      chat_template_kwargs: { enable_thinking: false },
    });
    const none = chatBody(req, 'm', 'none');
    expect(none).not.toHaveProperty('enable_thinking');
    expect(none).not.toHaveProperty('chat_template_kwargs');
    expect(chatBody({ messages: req.messages }, 'm', 'dashscope')).not.toHaveProperty('enable_thinking');
  });

  it('sends images as image_url parts after the text, and plain messages as strings', () => {
    const body = chatBody(
      {
        messages: [
          { role: 'system', content: 'Be brief' },
          { role: 'user', content: 'What is this?', images: ['data:image/png;base64,AAAA'] },
        ],
      },
      'qwen-vl-max',
      'none',
    );
    expect(body.messages).toEqual([
      { role: 'system', content: 'Be brief' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is this?' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
        ],
      },
    ]);
  });

  it('tells vision models by their names', () => {
    for (const m of [
      'qwen-vl-max',
      'Qwen/Qwen2.5-VL-7B-Instruct',
      'qwen3-vl-plus',
      'qvq-max',
      'qwen-omni-turbo',
    ])
      expect(takesImages(m), m).toBe(true);
    for (const m of ['qwen-plus', 'qwen3-8b', 'Qwen2.5-7B-Instruct', 'qwen-devl', 'evolve'])
      expect(takesImages(m), m).toBe(false);
  });

  it('reads Retry-After as seconds or an HTTP date, and backs off exponentially with a cap', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs('Sun, 29 Nov 2026 00:00:10 GMT', Date.parse('Sun, 29 Nov 2026 00:00:00 GMT'))).toBe(
      10_000,
    );
    expect(retryAfterMs('soon')).toBeNull();
    expect(retryAfterMs(null)).toBeNull();
    expect([0, 1, 2, 3, 10].map((a) => backoffMs(a))).toEqual([1000, 2000, 4000, 8000, 16_000]);
  });

  it('builds direct and proxied URLs and validates base URLs', () => {
    expect(endpointUrl({ baseUrl: 'https://h/v1/', useProxy: false }, '/chat/completions')).toBe(
      'https://h/v1/chat/completions',
    );
    expect(endpointUrl({ baseUrl: 'https://h/v1', useProxy: true }, '/models')).toBe(
      '/__qwenfit_proxy/models',
    );
    expect(normaliseBaseUrl('https://h/v1/')).toEqual({ ok: true, value: 'https://h/v1' });
    expect(normaliseBaseUrl('h/v1').ok).toBe(false);
    expect(normaliseBaseUrl('https://user:pw@h/v1').ok).toBe(false);
  });
});

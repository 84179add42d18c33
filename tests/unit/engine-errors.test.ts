import { describe, expect, it } from 'vitest';
import { EngineError, isAppError, toAppError } from '../../src/core/engine-errors';
import { ERROR_CATALOG, appError } from '../../src/core/error-catalog';

describe('engine error mapping', () => {
  it.each([
    ['WebGPUNotAvailableError: WebGPU is not supported in your current environment', 'webgpu-unavailable'],
    [
      "Error: Unable to find a compatible GPU. This issue might be because your computer doesn't support WebGPU",
      'webgpu-unavailable',
    ],
    ['ShaderF16SupportError: This model requires WebGPU extension shader-f16', 'shader-f16-missing'],
    ['DeviceLostError: The WebGPU device was lost while loading the model.', 'device-lost'],
    ['QuotaExceededError: The quota has been exceeded.', 'quota-exceeded'],
    ['RangeError: Array buffer allocation failed', 'model-too-large'],
    ['Error: Could not locate file: "http://localhost/models/x/onnx/model.onnx".', 'model-not-found'],
    [
      'Error: Cannot fetch https://mirror/x/resolve/main/mlc-chat-config.json: 404 Not Found',
      'model-not-found',
    ],
    ['TypeError: Failed to fetch', 'download-failed'],
    ['NetworkError when attempting to fetch resource.', 'download-failed'],
    ['AbortError: The operation was aborted.', 'aborted'],
  ])('maps %j to %s', (raw, code) => {
    const e = toAppError(raw);
    expect(e.code).toBe(code);
    expect(e.detail).toBe(raw);
    expect(e.action.length).toBeGreaterThan(10);
  });

  it('reads name and message from Error objects', () => {
    const err = new Error('The GPU device was lost');
    err.name = 'DeviceLostError';
    expect(toAppError(err)).toMatchObject({
      code: 'device-lost',
      detail: 'DeviceLostError: The GPU device was lost',
    });
  });

  it('falls back to a generic engine error that keeps the original text', () => {
    expect(toAppError('something odd')).toMatchObject({ code: 'engine-error', detail: 'something odd' });
    expect(toAppError({ weird: true }).detail).toBe('{"weird":true}');
  });

  it('passes AppErrors through and carries them inside EngineError', () => {
    const app = { code: 'offline', message: 'm', action: 'a' } as const;
    expect(toAppError(app)).toBe(app);
    expect(isAppError(new EngineError(app).app)).toBe(true);
    expect(new EngineError(app).name).toBe('EngineError');
    // Thrown across a load or a call, it maps back to the error it carries.
    expect(toAppError(new EngineError(app))).toBe(app);
  });
});

describe('the error catalog', () => {
  it('gives the same words as the mapping for a code the app detects itself', () => {
    expect(appError('webgpu-unavailable', {}, 'check')).toEqual({
      ...toAppError('WebGPUNotAvailableError: x'),
      detail: 'check',
    });
  });

  it('has words and a way forward for every code, each its own', () => {
    const entries = Object.entries(ERROR_CATALOG);
    const rendered = entries.map(([code]) => appError(code as keyof typeof ERROR_CATALOG));
    for (const e of rendered) {
      expect(e.message.length, e.code).toBeGreaterThan(10);
      expect(e.action.length, e.code).toBeGreaterThan(10);
    }
    expect(new Set(rendered.map((e) => e.message)).size).toBe(entries.length);
  });

  it('names what it knows: the model, the status, the wait and the region hint', () => {
    expect(appError('remote-model-not-found', { model: 'qwen-max' }).message).toContain('“qwen-max”');
    expect(appError('server-error', { status: 503 }).message).toBe('The endpoint failed (503).');
    expect(appError('stalled', { seconds: 2 }).message).toContain('nothing arrived for 2 s');
    expect(appError('auth', { authHint: 'Keys belong to one region.' }).action).toContain('one region');
    expect(appError('bad-request', { status: 422, said: 'no thinking' }).message).toBe(
      'The endpoint refused the request (422): no thinking',
    );
  });

  it('says a removed endpoint or model plainly instead of "The engine failed"', () => {
    expect(appError('endpoint-removed').message).toBe('This endpoint was removed in Settings.');
    expect(appError('not-in-catalog').message).toContain('no longer in the catalog');
    expect(toAppError('Error: The model is not loaded').code).toBe('unloaded');
    expect(
      toAppError("ContextWindowSizeExceeded: the prompt is 3000 tokens; this model's context window is 2048.")
        .code,
    ).toBe('context-exceeded');
  });
});

import { describe, expect, it } from 'vitest';
import { EngineError, appErrorFor, isAppError, toAppError } from '../../src/core/engine-errors';

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

describe('appErrorFor', () => {
  it('gives the same words as the mapping for a code the app detects itself', () => {
    expect(appErrorFor('webgpu-unavailable', 'check')).toEqual({
      ...toAppError('WebGPUNotAvailableError: x'),
      detail: 'check',
    });
  });
});

import { describe, expect, it } from 'vitest';
import {
  adapterName,
  deviceBadge,
  explainUnavailable,
  isLowResourceDevice,
  limitShortfalls,
  type AdapterFacts,
  type DeviceReport,
} from '../../src/core/device';
import { SWIFTSHADER } from '../support/adapters';

const MiB = 1024 * 1024;
const swiftshader: AdapterFacts = { ...SWIFTSHADER, isFallbackAdapter: false };

const report = (webgpu: DeviceReport['webgpu']): DeviceReport => ({
  webgpu,
  storage: { usageBytes: 0, quotaBytes: 1, persisted: false },
  crossOriginIsolated: false,
  hardwareConcurrency: 2,
  deviceMemoryGb: null,
  userAgent: 'test',
  probedAt: '2026-11-29T00:00:00.000Z',
});

describe('device facts', () => {
  it('names an adapter by description, else vendor and architecture', () => {
    expect(adapterName(swiftshader)).toBe('google swiftshader');
    expect(adapterName({ ...swiftshader, description: 'Apple M3 Max' })).toBe('Apple M3 Max');
    expect(adapterName({ ...swiftshader, vendor: '', architecture: '' })).toBe('unknown GPU');
  });

  it('badges WebGPU with architecture and f16 support', () => {
    expect(deviceBadge(report({ available: true, adapter: swiftshader }))).toEqual({
      text: 'WebGPU · swiftshader · no f16',
      tone: 'ok',
    });
    const f16 = { ...swiftshader, shaderF16: true, architecture: 'metal-3' };
    expect(deviceBadge(report({ available: true, adapter: f16 })).text).toBe('WebGPU · metal-3 · f16');
  });

  it('badges a missing WebGPU as WASM only', () => {
    expect(deviceBadge(report({ available: false, reason: 'no-adapter', detail: '' }))).toEqual({
      text: 'No WebGPU · WASM only',
      tone: 'none',
    });
  });

  it('flags limits below what web-llm requires', () => {
    expect(limitShortfalls(swiftshader.limits)).toEqual([]);
    const android = {
      ...swiftshader.limits,
      maxStorageBufferBindingSize: 64 * MiB,
      maxBufferSize: 128 * MiB,
    };
    expect(limitShortfalls(android).map((r) => r.key)).toEqual([
      'maxStorageBufferBindingSize',
      'maxBufferSize',
    ]);
    expect(deviceBadge(report({ available: true, adapter: { ...swiftshader, limits: android } })).tone).toBe(
      'limited',
    );
  });

  it('treats a binding size under 1 GiB as low-resource', () => {
    expect(isLowResourceDevice(swiftshader.limits)).toBe(false);
    expect(isLowResourceDevice({ ...swiftshader.limits, maxStorageBufferBindingSize: 128 * MiB })).toBe(true);
  });

  it.each(['insecure-context', 'no-navigator-gpu', 'no-adapter', 'adapter-error', 'device-error'] as const)(
    'explains %s with a reason and a way forward that names WASM',
    (reason) => {
      const text = explainUnavailable(reason, 'OperationError: boom');
      expect(text.title).toMatch(/^WebGPU is unavailable/);
      expect(text.why.length).toBeGreaterThan(10);
      expect(text.fix).toMatch(/WASM/);
    },
  );

  it('passes the browser error text through for failed requests', () => {
    expect(explainUnavailable('device-error', 'OperationError: boom').why).toBe('OperationError: boom');
  });
});

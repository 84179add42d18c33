import type { AdapterFacts } from '../../src/core/device';

const MiB = 1024 * 1024;

/** The adapter Chromium's SwiftShader reports: no shader-f16, 1 GiB bindings. */
export const SWIFTSHADER: AdapterFacts = {
  vendor: 'google',
  architecture: 'swiftshader',
  device: '',
  description: '',
  isFallbackAdapter: true,
  features: [],
  shaderF16: false,
  limits: {
    maxStorageBufferBindingSize: 1024 * MiB,
    maxBufferSize: 1024 * MiB,
    maxComputeWorkgroupStorageSize: 32 * 1024,
    maxStorageBuffersPerShaderStage: 10,
  },
};

export const adapterWith = (over: Partial<AdapterFacts> = {}): AdapterFacts => ({ ...SWIFTSHADER, ...over });

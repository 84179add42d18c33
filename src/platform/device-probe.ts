import type { AdapterFacts, DeviceReport, StorageFacts, WebGpuStatus } from '../core/device';

function errorText(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

async function probeWebGpu(): Promise<WebGpuStatus> {
  if (!globalThis.isSecureContext) {
    return { available: false, reason: 'insecure-context', detail: location.origin };
  }
  if (!('gpu' in navigator) || !navigator.gpu) {
    return { available: false, reason: 'no-navigator-gpu', detail: '' };
  }
  let adapter: GPUAdapter | null;
  try {
    // Same preference as web-llm, so the panel describes the adapter models will run on.
    adapter = await navigator.gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (e) {
    return { available: false, reason: 'adapter-error', detail: errorText(e) };
  }
  if (!adapter) return { available: false, reason: 'no-adapter', detail: '' };
  try {
    // A device that cannot be created is as good as none; release it at once.
    const device = await adapter.requestDevice();
    device.destroy();
  } catch (e) {
    return { available: false, reason: 'device-error', detail: errorText(e) };
  }
  const info = adapter.info;
  const facts: AdapterFacts = {
    vendor: info.vendor,
    architecture: info.architecture,
    device: info.device,
    description: info.description,
    isFallbackAdapter: info.isFallbackAdapter ?? false,
    features: [...adapter.features].sort(),
    shaderF16: adapter.features.has('shader-f16'),
    limits: {
      maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
      maxBufferSize: adapter.limits.maxBufferSize,
      maxComputeWorkgroupStorageSize: adapter.limits.maxComputeWorkgroupStorageSize,
      maxStorageBuffersPerShaderStage: adapter.limits.maxStorageBuffersPerShaderStage,
    },
  };
  return { available: true, adapter: facts };
}

export async function probeStorage(): Promise<StorageFacts> {
  const storage = navigator.storage as StorageManager | undefined;
  if (!storage) return { usageBytes: null, quotaBytes: null, persisted: null };
  const [estimate, persisted] = await Promise.all([
    storage.estimate().catch(() => null),
    storage.persisted ? storage.persisted().catch(() => null) : Promise.resolve(null),
  ]);
  return {
    usageBytes: estimate?.usage ?? null,
    quotaBytes: estimate?.quota ?? null,
    persisted,
  };
}

/** Asks the browser to keep this origin's data under storage pressure; true when granted. */
export async function requestPersistentStorage(): Promise<boolean> {
  return navigator.storage?.persist ? navigator.storage.persist() : false;
}

interface NavigatorWithMemory extends Navigator {
  deviceMemory?: number;
}

export async function probeDevice(): Promise<DeviceReport> {
  const nav: NavigatorWithMemory = navigator;
  const [webgpu, storage] = await Promise.all([probeWebGpu(), probeStorage()]);
  return {
    webgpu,
    storage,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    hardwareConcurrency: nav.hardwareConcurrency || null,
    deviceMemoryGb: nav.deviceMemory ?? null,
    userAgent: nav.userAgent,
    probedAt: new Date().toISOString(),
  };
}

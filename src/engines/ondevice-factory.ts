import type { Playable } from '../catalog/catalog';
import { splitModelUrl } from '../catalog/custom-models';
import { pickOnnxDtype } from '../catalog/transformers-models';
import type { ComputeDevice } from '../core/engine-types';
import type { WebLlmRecord } from '../catalog/webllm-qwen';
import type { TransformersLoadOptions, WebLlmLoadOptions } from '../core/worker-protocol';
import { OnDeviceEngine } from './ondevice-engine';
import { ortWasmPaths } from './ort-assets';

export function webLlmLoadOptions(record: WebLlmRecord): WebLlmLoadOptions {
  const overrides: Record<string, number> = {};
  for (const [k, v] of Object.entries(record.overrides ?? {})) if (typeof v === 'number') overrides[k] = v;
  return {
    kind: 'webllm',
    modelId: record.model_id,
    modelUrl: record.model,
    modelLibUrl: record.model_lib,
    overrides,
    cacheBackend: 'cache',
  };
}

export const createWebLlmWorker = (name: string) =>
  new Worker(new URL('../../workers/webllm.worker.ts', import.meta.url), { type: 'module', name });

export function transformersLoadOptions(
  p: Playable,
  device: ComputeDevice,
  shaderF16: boolean,
): TransformersLoadOptions {
  const local = p.entry.randomWeights;
  return {
    kind: 'transformers',
    modelId: p.remoteHost ? splitModelUrl(p.entry.modelId).model : p.entry.modelId,
    device,
    dtype: pickOnnxDtype(p.entry, device, shaderF16),
    // transformers.js 4 wants a path here; a full URL makes it miss the tokenizer files.
    localModelPath: local ? new URL('models/', document.baseURI).pathname : null,
    allowRemoteModels: !local,
    remoteHost: p.remoteHost ?? null,
    wasmPaths: ortWasmPaths(),
  };
}

/**
 * One dedicated worker per loaded model: web-llm's interrupt is engine-wide, and a crash
 * or an out-of-memory stays contained to the model that caused it.
 */
export function createOnDeviceEngine(p: Playable, device: ComputeDevice, shaderF16: boolean): OnDeviceEngine {
  const { entry } = p;
  if (entry.runtime === 'webllm') {
    if (!p.record) throw new Error(`No web-llm record for ${entry.modelId}`);
    const options = webLlmLoadOptions(p.record);
    return new OnDeviceEngine(
      { runtime: 'webllm', modelId: entry.modelId, where: 'webgpu' },
      () => createWebLlmWorker(`web-llm · ${entry.modelId}`),
      options,
    );
  }
  return new OnDeviceEngine(
    { runtime: 'transformers', modelId: entry.modelId, where: device },
    () =>
      new Worker(new URL('../../workers/transformers.worker.ts', import.meta.url), {
        type: 'module',
        name: `transformers.js · ${entry.modelId} · ${device}`,
      }),
    transformersLoadOptions(p, device, shaderF16),
  );
}

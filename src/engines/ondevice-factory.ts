import { pickOnnxDtype } from '../catalog/transformers-models';
import type { CatalogEntry, ComputeDevice } from '../catalog/types';
import type { TransformersLoadOptions } from '../core/worker-protocol';
import { OnDeviceEngine } from './ondevice-engine';
import { ortWasmPaths } from './ort-assets';

/** One dedicated worker per loaded model: web-llm's interrupt is engine-wide, and a crash stays contained. */
export function createTransformersEngine(
  entry: CatalogEntry,
  device: ComputeDevice,
  shaderF16: boolean,
): OnDeviceEngine {
  const local = entry.randomWeights;
  const options: TransformersLoadOptions = {
    kind: 'transformers',
    modelId: entry.modelId,
    device,
    dtype: pickOnnxDtype(entry, device, shaderF16),
    // transformers.js 4 wants a path here; a full URL makes it miss the tokenizer files.
    localModelPath: local ? new URL('models/', document.baseURI).pathname : null,
    allowRemoteModels: !local,
    wasmPaths: ortWasmPaths(),
  };
  return new OnDeviceEngine(
    { runtime: 'transformers', modelId: entry.modelId, where: device },
    () =>
      new Worker(new URL('../../workers/transformers.worker.ts', import.meta.url), {
        type: 'module',
        name: `transformers.js · ${entry.modelId} · ${device}`,
      }),
    options,
  );
}

/**
 * Which model a cached transformers.js file belongs to, from its URL:
 * `https://huggingface.co/<owner>/<name>/resolve/<rev>/<file>` or `<origin>/models/<name>/<file>`.
 */
export const ORT_RUNTIME_FILES = 'ONNX Runtime engine (WASM)';

export function transformersModelOfUrl(url: string): string | null {
  // transformers.js caches ONNX Runtime's own wasm beside the models.
  if (/\/ort-wasm[^/]*\.(?:wasm|mjs)$/.test(url)) return ORT_RUNTIME_FILES;
  const hub = /\/([^/]+\/[^/]+)\/resolve\/[^/]+\//.exec(url);
  if (hub) return hub[1] as string;
  const local = /\/models\/([^/]+)\//.exec(url);
  return local ? (local[1] as string) : null;
}

/** web-llm's own rule (cleanModelUrl): a weights URL without /resolve/…/ gets /resolve/main/. */
export function webLlmWeightsBase(modelUrl: string): string {
  return /.+\/resolve\/.+\//.test(modelUrl) ? modelUrl : `${modelUrl.replace(/\/$/, '')}/resolve/main/`;
}

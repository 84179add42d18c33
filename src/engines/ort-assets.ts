// ONNX Runtime Web's wasm files, emitted by Vite next to the app: transformers.js would
// otherwise fetch them from a CDN, which an offline or privacy-minded user cannot reach.
import mjsUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import wasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';

export function ortWasmPaths(): { mjs: string; wasm: string } {
  return { mjs: new URL(mjsUrl, location.href).href, wasm: new URL(wasmUrl, location.href).href };
}

import { describe, expect, it } from 'vitest';
import { customEntry, customRecord, parseCustomModel, splitModelUrl } from '../../src/catalog/custom-models';
import { fromWebLlmProgress } from '../../src/core/webllm-progress';

const form = {
  kind: 'webllm' as const,
  label: '',
  modelId: 'Qwen2.5-0.5B-Instruct-q4f32_1-MLC',
  modelUrl: 'https://mirror.example/q/resolve/main/',
  modelLibUrl: 'https://mirror.example/libs/q.wasm',
  contextWindow: '',
};

describe('custom models', () => {
  it('accepts a web-llm mirror with absolute URLs and builds its record', () => {
    const parsed = parseCustomModel(form);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok || parsed.value.kind !== 'webllm') return;
    expect(customRecord(parsed.value)).toEqual({
      model: 'https://mirror.example/q/resolve/main/',
      model_id: 'Qwen2.5-0.5B-Instruct-q4f32_1-MLC',
      model_lib: 'https://mirror.example/libs/q.wasm',
      overrides: { context_window_size: 4096 },
    });
    expect(customEntry(parsed.value).key).toBe('custom-webllm:Qwen2.5-0.5B-Instruct-q4f32_1-MLC');
  });

  it.each([
    [{ modelUrl: '/models/q/' }, /absolute URL/],
    [{ modelLibUrl: 'ftp://x/y.wasm' }, /http/],
    [{ modelId: 'bad id!' }, /model id/],
    [{ contextWindow: '12.5' }, /whole number/],
  ])('rejects %j with a clear message', (change, message) => {
    const parsed = parseCustomModel({ ...form, ...change });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(message);
  });

  it('accepts a transformers.js Hub id or folder URL, and rejects anything else', () => {
    expect(
      parseCustomModel({ ...form, kind: 'transformers', modelId: 'onnx-community/Qwen3-1.7B-ONNX' }).ok,
    ).toBe(true);
    expect(parseCustomModel({ ...form, kind: 'transformers', modelId: 'https://host/models/qwen' }).ok).toBe(
      true,
    );
    expect(parseCustomModel({ ...form, kind: 'transformers', modelId: 'just-a-name' }).ok).toBe(false);
  });

  it('splits a model folder URL into host and model name', () => {
    expect(splitModelUrl('https://host/a/b/qwen/')).toEqual({
      remoteHost: 'https://host/a/b/',
      model: 'qwen',
    });
  });
});

describe('web-llm progress', () => {
  it('reads the download phase with bytes and an estimated total', () => {
    const p = fromWebLlmProgress({
      progress: 0.25,
      timeElapsed: 3,
      text: 'Fetching param cache[3/24]: 100MB fetched. 25% completed, 3 secs elapsed. It can take a while when we first visit this page to populate the cache. Later refreshes will become faster.',
    });
    expect(p).toMatchObject({
      phase: 'downloading',
      fraction: 0.25,
      loadedBytes: 100 * 1024 * 1024,
      totalBytes: 400 * 1024 * 1024,
    });
    expect(p.text).toContain('3 of 24');
  });

  it('reads loading from cache, shader compilation and the end', () => {
    expect(
      fromWebLlmProgress({
        progress: 0.5,
        timeElapsed: 1,
        text: 'Loading model from cache[1/2]: 10MB loaded. 50% completed, 1 secs elapsed.',
      }).phase,
    ).toBe('loading-cache');
    expect(
      fromWebLlmProgress({
        progress: 0.1,
        timeElapsed: 1,
        text: 'Loading GPU shader modules[3/30]: 10% completed, 1 secs elapsed.',
      }),
    ).toMatchObject({ phase: 'compiling', fraction: 0.1 });
    expect(
      fromWebLlmProgress({ progress: 1, timeElapsed: 9, text: 'Finish loading on WebGPU - google' }).phase,
    ).toBe('ready');
    expect(fromWebLlmProgress({ progress: 0, timeElapsed: 0, text: 'Start to fetch params' }).phase).toBe(
      'downloading',
    );
  });

  it('gives no total while the fraction is too small to extrapolate from', () => {
    expect(
      fromWebLlmProgress({
        progress: 0.001,
        timeElapsed: 0,
        text: 'Fetching param cache[0/24]: 1MB fetched. 0% completed',
      }).totalBytes,
    ).toBeUndefined();
  });
});

describe('cache keys', () => {
  it('names the model a cached file belongs to', async () => {
    const { transformersModelOfUrl, webLlmWeightsBase, ORT_RUNTIME_FILES } =
      await import('../../src/core/cache-keys');
    expect(
      transformersModelOfUrl(
        'https://huggingface.co/onnx-community/Qwen3-0.6B-ONNX/resolve/main/onnx/model_q4.onnx',
      ),
    ).toBe('onnx-community/Qwen3-0.6B-ONNX');
    expect(transformersModelOfUrl('http://localhost:4173/models/qwenfit-tiny-qwen2/config.json')).toBe(
      'qwenfit-tiny-qwen2',
    );
    expect(
      transformersModelOfUrl('http://localhost:4173/assets/ort-wasm-simd-threaded.asyncify-CxOG5pUO.wasm'),
    ).toBe(ORT_RUNTIME_FILES);
    expect(transformersModelOfUrl('http://x/y.bin')).toBeNull();
    expect(webLlmWeightsBase('https://huggingface.co/mlc-ai/Q')).toBe(
      'https://huggingface.co/mlc-ai/Q/resolve/main/',
    );
    expect(webLlmWeightsBase('https://m/Q/resolve/main/')).toBe('https://m/Q/resolve/main/');
  });
});

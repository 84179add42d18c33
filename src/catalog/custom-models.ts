import type { CatalogEntry } from './types';
import type { WebLlmRecord } from './webllm-qwen';

/** A model the user adds: a web-llm mirror or a transformers.js model. */
export type CustomModel =
  | {
      kind: 'webllm';
      label: string;
      modelId: string;
      modelUrl: string;
      modelLibUrl: string;
      contextWindow: number;
    }
  | { kind: 'transformers'; label: string; modelIdOrUrl: string };

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

function absoluteUrl(raw: string, what: string): Parsed<string> {
  try {
    const url = new URL(raw.trim());
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      return { ok: false, error: `${what} must be an http(s) URL.` };
    return { ok: true, value: url.href };
  } catch {
    return {
      ok: false,
      error: `${what} must be an absolute URL such as https://example.com/models/… (web-llm rejects relative ones).`,
    };
  }
}

/** Validates what the user typed into the custom-model form. */
export function parseCustomModel(input: {
  kind: 'webllm' | 'transformers';
  label: string;
  modelId: string;
  modelUrl: string;
  modelLibUrl: string;
  contextWindow: string;
}): Parsed<CustomModel> {
  if (input.kind === 'transformers') {
    const id = input.modelId.trim();
    if (!/^[\w.-]+\/[\w.-]+$/.test(id) && !/^https?:\/\//.test(id)) {
      return {
        ok: false,
        error: 'Give a Hugging Face model id (owner/name) or the URL of a folder of model files.',
      };
    }
    if (/^https?:\/\//.test(id)) {
      const url = absoluteUrl(id, 'The model URL');
      if (!url.ok) return url;
    }
    return { ok: true, value: { kind: 'transformers', label: input.label.trim() || id, modelIdOrUrl: id } };
  }
  const modelId = input.modelId.trim();
  if (!/^[\w.-]+$/.test(modelId))
    return { ok: false, error: 'The model id may use letters, digits, dots, dashes and underscores.' };
  const modelUrl = absoluteUrl(input.modelUrl, 'The weights URL');
  if (!modelUrl.ok) return modelUrl;
  const modelLibUrl = absoluteUrl(input.modelLibUrl, 'The model library URL');
  if (!modelLibUrl.ok) return modelLibUrl;
  const contextWindow = input.contextWindow.trim() === '' ? 4096 : Number(input.contextWindow);
  if (!Number.isInteger(contextWindow) || contextWindow < 256)
    return { ok: false, error: 'The context window is a whole number of tokens, at least 256.' };
  return {
    ok: true,
    value: {
      kind: 'webllm',
      label: input.label.trim() || modelId,
      modelId,
      modelUrl: modelUrl.value,
      modelLibUrl: modelLibUrl.value,
      contextWindow,
    },
  };
}

export function customRecord(m: Extract<CustomModel, { kind: 'webllm' }>): WebLlmRecord {
  return {
    model: m.modelUrl,
    model_id: m.modelId,
    model_lib: m.modelLibUrl,
    overrides: { context_window_size: m.contextWindow },
  };
}

/** A folder URL becomes a remote host plus a model name, the way transformers.js builds file URLs. */
export function splitModelUrl(url: string): { remoteHost: string; model: string } {
  const u = new URL(url);
  const parts = u.pathname.replace(/\/+$/, '').split('/');
  const model = parts.pop() ?? '';
  return { remoteHost: `${u.origin}${parts.join('/')}/`, model };
}

export function customEntry(m: CustomModel): CatalogEntry {
  const common = {
    family: 'custom',
    quantization: 'as published',
    lowResource: false,
    randomWeights: false,
  } as const;
  if (m.kind === 'webllm') {
    return {
      ...common,
      key: `custom-webllm:${m.modelId}`,
      runtime: 'webllm',
      modelId: m.modelId,
      label: m.label,
      sizeMB: null,
      contextWindow: m.contextWindow,
      devices: ['webgpu'],
      note: `Custom web-llm mirror: ${m.modelUrl}`,
    };
  }
  return {
    ...common,
    key: `custom-transformers:${m.modelIdOrUrl}`,
    runtime: 'transformers',
    modelId: m.modelIdOrUrl,
    label: m.label,
    sizeMB: null,
    contextWindow: null,
    devices: ['webgpu', 'wasm'],
    note: `Custom transformers.js model: ${m.modelIdOrUrl}`,
  };
}

import type { ThinkingStyle } from '../core/endpoint';

export interface RemotePreset {
  id: string;
  name: string;
  baseUrl: string;
  thinking: ThinkingStyle;
  needsKey: boolean;
  /** Model names to suggest when the server lists none. */
  suggestions: string[];
  /** What users of this provider most often get wrong. */
  hint?: string;
}

const DASHSCOPE_MODELS = [
  'qwen-flash',
  'qwen-turbo',
  'qwen-plus',
  'qwen-max',
  'qwen3-max',
  'qwen3-coder-plus',
  'qwen3-235b-a22b',
  'qwen3-32b',
  'qwen3-8b',
  'qwen-vl-plus',
];
const DASHSCOPE_HINT =
  'API keys belong to one region: a key from the China (Beijing) console fails on the international URL and the other way round.';

export const REMOTE_PRESETS: RemotePreset[] = [
  {
    id: 'dashscope-intl',
    name: 'Alibaba Model Studio · International (Singapore)',
    baseUrl: 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1',
    thinking: 'dashscope',
    needsKey: true,
    suggestions: DASHSCOPE_MODELS,
    hint: DASHSCOPE_HINT,
  },
  {
    id: 'dashscope-cn',
    name: 'Alibaba Model Studio · China (Beijing)',
    baseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1',
    thinking: 'dashscope',
    needsKey: true,
    suggestions: DASHSCOPE_MODELS,
    hint: DASHSCOPE_HINT,
  },
  {
    id: 'dashscope-us',
    name: 'Alibaba Model Studio · US (Virginia)',
    baseUrl: 'https://dashscope-us.aliyuncs.com/compatible-mode/v1',
    thinking: 'dashscope',
    needsKey: true,
    suggestions: DASHSCOPE_MODELS,
    hint: DASHSCOPE_HINT,
  },
  {
    id: 'openrouter',
    name: 'OpenRouter',
    baseUrl: 'https://openrouter.ai/api/v1',
    thinking: 'none',
    needsKey: true,
    suggestions: ['qwen/qwen3-235b-a22b', 'qwen/qwen3-32b', 'qwen/qwen-2.5-72b-instruct'],
  },
  {
    id: 'vllm',
    name: 'vLLM',
    baseUrl: 'http://localhost:8000/v1',
    thinking: 'chat-template-kwargs',
    needsKey: false,
    suggestions: ['Qwen/Qwen3-8B', 'Qwen/Qwen2.5-7B-Instruct'],
  },
  {
    id: 'sglang',
    name: 'SGLang',
    baseUrl: 'http://localhost:30000/v1',
    thinking: 'chat-template-kwargs',
    needsKey: false,
    suggestions: ['Qwen/Qwen3-8B'],
  },
  {
    id: 'ollama',
    name: 'Ollama',
    baseUrl: 'http://localhost:11434/v1',
    thinking: 'none',
    needsKey: false,
    suggestions: ['qwen3:8b', 'qwen2.5:7b'],
    hint: 'Browsers need OLLAMA_ORIGINS set to this page’s origin, or use the proxy.',
  },
  {
    id: 'lmstudio',
    name: 'LM Studio',
    baseUrl: 'http://localhost:1234/v1',
    thinking: 'none',
    needsKey: false,
    suggestions: ['qwen3-8b'],
    hint: 'Start the server with CORS enabled (lms server start --cors), or use the proxy.',
  },
  {
    id: 'llamacpp',
    name: 'llama.cpp server',
    baseUrl: 'http://localhost:8080/v1',
    thinking: 'none',
    needsKey: false,
    suggestions: ['qwen'],
  },
  {
    id: 'custom',
    name: 'Custom OpenAI-compatible',
    baseUrl: 'http://localhost:8000/v1',
    thinking: 'none',
    needsKey: false,
    suggestions: [],
  },
];

export function presetById(id: string): RemotePreset {
  return (
    REMOTE_PRESETS.find((p) => p.id === id) ?? (REMOTE_PRESETS[REMOTE_PRESETS.length - 1] as RemotePreset)
  );
}

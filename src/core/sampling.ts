import type { ChatMessage, ChatRequest } from './engine-types';

/** Sampling settings as the forms edit them (seed and stop strings as typed). */
export interface Sampling {
  system: string;
  temperature: number;
  top_p: number;
  max_tokens: number;
  seed: string;
  stop: string;
  thinking: 'default' | 'on' | 'off';
}

export const DEFAULT_SAMPLING: Sampling = {
  system: '',
  temperature: 0,
  top_p: 1,
  max_tokens: 128,
  seed: '',
  stop: '',
  thinking: 'default',
};

/** The Chat Completions request for a conversation under these settings. */
export function chatRequest(s: Sampling, history: ChatMessage[]): ChatRequest {
  const system = s.system.trim();
  const seed = Number.parseInt(s.seed, 10);
  // Stop strings are one per line; a typed \n stands for a newline inside one.
  const stop = s.stop
    .split('\n')
    .map((x) => x.replace(/\\n/g, '\n'))
    .filter((x) => x.length > 0);
  return {
    messages: system ? [{ role: 'system', content: system }, ...history] : history,
    max_tokens: s.max_tokens,
    temperature: s.temperature,
    top_p: s.top_p,
    ...(Number.isFinite(seed) ? { seed } : {}),
    ...(stop.length ? { stop } : {}),
    ...(s.thinking === 'default' ? {} : { thinking: s.thinking === 'on' }),
  };
}

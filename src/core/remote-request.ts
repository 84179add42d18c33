import type { ThinkingStyle } from './endpoint';
import type { ChatMessage, ChatRequest } from './engine-types';

/** The Chat Completions body for one request, with Qwen3 thinking switched the way the provider wants. */
/** A message as the Chat Completions API takes it: images become content parts after the text. */
function wireMessage({ role, content, images }: ChatMessage): Record<string, unknown> {
  if (!images?.length) return { role, content };
  return {
    role,
    content: [
      { type: 'text', text: content },
      ...images.map((url) => ({ type: 'image_url', image_url: { url } })),
    ],
  };
}

export function chatBody(req: ChatRequest, model: string, thinking: ThinkingStyle): Record<string, unknown> {
  const body: Record<string, unknown> = {
    model,
    messages: req.messages.map(wireMessage),
    stream: true,
    stream_options: { include_usage: true },
  };
  if (req.max_tokens !== undefined) body.max_tokens = req.max_tokens;
  if (req.temperature !== undefined) body.temperature = req.temperature;
  if (req.top_p !== undefined) body.top_p = req.top_p;
  if (req.seed !== undefined) body.seed = req.seed;
  if (req.stop?.length) body.stop = req.stop;
  if (req.response_format?.type === 'json_object') body.response_format = { type: 'json_object' };
  if (req.tools?.length)
    body.tools = req.tools.map((t) => ({
      type: 'function',
      function: { name: t.name, description: t.description, parameters: t.parameters },
    }));
  if (req.thinking !== undefined) {
    // DashScope takes the flag at the top level (streaming only); vLLM and SGLang hand it to the chat template.
    if (thinking === 'dashscope') body.enable_thinking = req.thinking;
    else if (thinking === 'chat-template-kwargs')
      body.chat_template_kwargs = { enable_thinking: req.thinking };
  }
  return body;
}

/** Retry-After in ms: delta-seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** Exponential backoff with a cap: 1 s, 2 s, 4 s… */
export function backoffMs(attempt: number, baseMs = 1000, capMs = 16_000): number {
  return Math.min(capMs, baseMs * 2 ** attempt);
}

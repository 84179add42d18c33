import type { ToolCall } from '../engine-types';

/**
 * The JSON value in a model's reply: the whole reply, else the first fenced block, else the
 * first balanced {...} or [...] in the prose around it. Models wrap JSON in ```json fences
 * and add sentences before and after; graders judge the value, the format check says which.
 */
export function extractJson(text: string): { ok: true; value: unknown; clean: boolean } | { ok: false } {
  const whole = tryParse(text.trim());
  if (whole.ok) return { ...whole, clean: true };
  const fenced = /```(?:json)?\s*\n([\s\S]*?)```/i.exec(text)?.[1];
  if (fenced !== undefined) {
    const inner = tryParse(fenced.trim());
    if (inner.ok) return { ...inner, clean: false };
  }
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '{' && text[i] !== '[') continue;
    const end = balancedEnd(text, i);
    if (end === -1) continue;
    const inner = tryParse(text.slice(i, end + 1));
    if (inner.ok) return { ...inner, clean: false };
  }
  return { ok: false };
}

function tryParse(s: string): { ok: true; value: unknown } | { ok: false } {
  if (s === '') return { ok: false };
  try {
    return { ok: true, value: JSON.parse(s) as unknown };
  } catch {
    return { ok: false };
  }
}

/** Index of the bracket closing the one at `start`, skipping strings; -1 when unbalanced. */
function balancedEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/**
 * Tool calls written into the text, as Qwen's chat template asks of models without native
 * tool calling (on-device here): `<tool_call>{"name": ..., "arguments": {...}}</tool_call>`.
 * Arguments keep their JSON text; a block that is not JSON becomes a call named "" so the
 * grader can call it a format error rather than miss it.
 */
export function parseTextToolCalls(text: string): ToolCall[] {
  const calls: ToolCall[] = [];
  const blocks = text.matchAll(/<tool_call>\s*([\s\S]*?)\s*(?:<\/tool_call>|$)/g);
  for (const [, body] of blocks) {
    const parsed = extractJson(body ?? '');
    const call = parsed.ok ? (parsed.value as { name?: unknown; arguments?: unknown }) : null;
    const args = call?.arguments;
    calls.push({
      id: `text-${calls.length}`,
      name: typeof call?.name === 'string' ? call.name : '',
      arguments: typeof args === 'string' ? args : JSON.stringify(args ?? {}),
    });
  }
  return calls;
}

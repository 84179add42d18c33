import type { ChatMessage } from './engine-types';
import type { ToolSpec } from './suite';

/**
 * Tools written into the system prompt the way Qwen2.5/Qwen3 chat templates do (Hermes
 * style), for engines without native tool calling: the model answers with
 * <tool_call>{"name": ..., "arguments": {...}}</tool_call> blocks, which the grader parses.
 */
export function withToolPrompt(messages: readonly ChatMessage[], tools: readonly ToolSpec[]): ChatMessage[] {
  if (tools.length === 0) return [...messages];
  const signatures = tools
    .map((t) =>
      JSON.stringify({
        type: 'function',
        function: { name: t.name, description: t.description, parameters: t.parameters },
      }),
    )
    .join('\n');
  const block = `# Tools\n\nYou may call one or more functions to assist with the user query.\n\nYou are provided with function signatures within <tools></tools> XML tags:\n<tools>\n${signatures}\n</tools>\n\nFor each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:\n<tool_call>\n{"name": <function-name>, "arguments": <args-json-object>}\n</tool_call>`;
  const [first, ...rest] = messages;
  if (first?.role === 'system') return [{ ...first, content: `${first.content}\n\n${block}` }, ...rest];
  return [{ role: 'system', content: block }, ...messages];
}

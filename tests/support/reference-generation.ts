import type { Message } from '@huggingface/transformers';
import { chatInputs, loadTinyNode } from './tiny-node';

/**
 * Greedy generation of the tiny model in Node (transformers.js on onnxruntime-node, CPU):
 * the reference every browser runtime must reproduce token for token.
 */
export async function referenceGreedy(messages: Message[], maxNewTokens: number) {
  const { tokenizer, model } = await loadTinyNode();
  const { inputs, promptTokens } = chatInputs(tokenizer, messages);
  const output = (await model.generate({ ...inputs, max_new_tokens: maxNewTokens, do_sample: false })) as {
    slice: (...a: unknown[]) => { tolist: () => bigint[][] };
  };
  const ids = (output.slice(null, [promptTokens, null]).tolist()[0] ?? []).map(Number);
  return {
    text: tokenizer.decode(ids, { skip_special_tokens: true }),
    promptTokens,
    completionTokens: ids.length,
  };
}

import { AutoModelForCausalLM, AutoTokenizer, env, type Message } from '@huggingface/transformers';
import { MODELS_DIR, TINY_MODEL_ID } from '../../scripts/tiny-model/generate';

/**
 * Greedy generation of the tiny model in Node (transformers.js on onnxruntime-node, CPU):
 * the reference every browser runtime must reproduce token for token.
 */
export async function referenceGreedy(messages: Message[], maxNewTokens: number) {
  env.allowRemoteModels = false;
  env.localModelPath = `${MODELS_DIR}/`;
  const tokenizer = await AutoTokenizer.from_pretrained(TINY_MODEL_ID);
  const model = await AutoModelForCausalLM.from_pretrained(TINY_MODEL_ID, { dtype: 'fp32', device: 'cpu' });
  const inputs = tokenizer.apply_chat_template(messages, {
    add_generation_prompt: true,
    return_dict: true,
  }) as {
    input_ids: { dims: number[] };
  };
  const promptTokens = inputs.input_ids.dims.at(-1) ?? 0;
  const output = (await model.generate({ ...inputs, max_new_tokens: maxNewTokens, do_sample: false })) as {
    slice: (...a: unknown[]) => { tolist: () => bigint[][] };
  };
  const ids = (output.slice(null, [promptTokens, null]).tolist()[0] ?? []).map(Number);
  await model.dispose();
  return {
    text: tokenizer.decode(ids, { skip_special_tokens: true }),
    promptTokens,
    completionTokens: ids.length,
  };
}

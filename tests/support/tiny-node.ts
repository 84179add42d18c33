import { AutoModelForCausalLM, AutoTokenizer, env, type Message } from '@huggingface/transformers';
import { MODELS_DIR, TINY_MODEL_ID } from '../../scripts/tiny-model/generate';

type Tiny = {
  tokenizer: Awaited<ReturnType<typeof AutoTokenizer.from_pretrained>>;
  model: Awaited<ReturnType<typeof AutoModelForCausalLM.from_pretrained>>;
};
let loaded: Promise<Tiny> | null = null;

/** The tiny model in Node (transformers.js on onnxruntime-node, CPU), loaded once per process. */
export function loadTinyNode(): Promise<Tiny> {
  env.allowRemoteModels = false;
  env.localModelPath = `${MODELS_DIR}/`;
  loaded ??= (async () => ({
    tokenizer: await AutoTokenizer.from_pretrained(TINY_MODEL_ID),
    model: await AutoModelForCausalLM.from_pretrained(TINY_MODEL_ID, { dtype: 'fp32', device: 'cpu' }),
  }))();
  return loaded;
}

/** Chat template applied with the generation prompt; returns the inputs and the prompt length. */
export function chatInputs(tokenizer: Tiny['tokenizer'], messages: Message[]) {
  const inputs = tokenizer.apply_chat_template(messages, {
    add_generation_prompt: true,
    return_dict: true,
  }) as {
    input_ids: { dims: number[] };
  };
  return { inputs, promptTokens: inputs.input_ids.dims.at(-1) ?? 0 };
}

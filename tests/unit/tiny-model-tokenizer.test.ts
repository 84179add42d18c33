import { AutoTokenizer, env, type PreTrainedTokenizer } from '@huggingface/transformers';
import { beforeAll, describe, expect, it } from 'vitest';
import { MODELS_DIR, TINY_DIMS } from '../../scripts/tiny-model/generate';

let tokenizer: PreTrainedTokenizer;

beforeAll(async () => {
  env.allowRemoteModels = false;
  env.localModelPath = `${MODELS_DIR}/`;
  tokenizer = await AutoTokenizer.from_pretrained('qwenfit-tiny-qwen2');
});

describe('tiny model tokenizer (loaded by transformers.js)', () => {
  it.each([
    'Hello world! The model is small, 12 + 30 = 42.',
    '  leading spaces, tabs\tand\nnew lines\n\n',
    'Unicode outside the corpus: 你好, Größe, emoji 🚀, and a lone ñ.',
    '{"name": "get_weather", "arguments": {"city": "Hangzhou"}}',
  ])('round-trips %j', (text) => {
    const ids = tokenizer.encode(text, { add_special_tokens: false });
    expect(ids.every((id) => id >= 0 && id < TINY_DIMS.vocabSize)).toBe(true);
    expect(tokenizer.decode(ids)).toBe(text);
  });

  it('merges frequent words into single tokens (real BPE, not bytes)', () => {
    const text = ' the model';
    const ids = tokenizer.encode(text, { add_special_tokens: false });
    expect(ids.length).toBeLessThan(new TextEncoder().encode(text).length / 2);
  });

  it("keeps Qwen's special tokens whole", () => {
    for (const special of ['<|endoftext|>', '<|im_start|>', '<|im_end|>']) {
      const ids = tokenizer.encode(special, { add_special_tokens: false });
      expect(ids).toHaveLength(1);
      expect(ids[0]).toBeGreaterThanOrEqual(TINY_DIMS.vocabSize - 3);
    }
  });

  it('renders the ChatML chat template', () => {
    const rendered = tokenizer.apply_chat_template(
      [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello.' },
        { role: 'user', content: 'Capital of France?' },
      ],
      { tokenize: false, add_generation_prompt: true },
    );
    expect(rendered).toBe(
      '<|im_start|>system\nBe brief.<|im_end|>\n' +
        '<|im_start|>user\nHi<|im_end|>\n' +
        '<|im_start|>assistant\nHello.<|im_end|>\n' +
        '<|im_start|>user\nCapital of France?<|im_end|>\n' +
        '<|im_start|>assistant\n',
    );
  });

  it('adds the default system prompt as Qwen2.5 does', () => {
    const rendered = tokenizer.apply_chat_template([{ role: 'user', content: 'Hi' }], {
      tokenize: false,
      add_generation_prompt: false,
    });
    expect(rendered).toBe(
      '<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n',
    );
  });
});

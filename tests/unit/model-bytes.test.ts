import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TINY_ARCH, architectureOf } from '../../src/catalog/qwen-architectures';
import {
  kvCacheBytes,
  parameterCounts,
  tokenCost,
  weightFormat,
  type ArchConfig,
} from '../../src/core/model-bytes';

// From each model's config.json on Hugging Face.
const QWEN25_05B: ArchConfig = {
  family: 'qwen2',
  layers: 24,
  hidden: 896,
  intermediate: 4864,
  heads: 14,
  kvHeads: 2,
  headDim: 64,
  vocab: 151936,
  tiedEmbeddings: true,
};
const QWEN3_06B: ArchConfig = {
  family: 'qwen3',
  layers: 28,
  hidden: 1024,
  intermediate: 3072,
  heads: 16,
  kvHeads: 8,
  headDim: 128,
  vocab: 151936,
  tiedEmbeddings: true,
};
const QWEN25_7B: ArchConfig = {
  family: 'qwen2',
  layers: 28,
  hidden: 3584,
  intermediate: 18944,
  heads: 28,
  kvHeads: 4,
  headDim: 128,
  vocab: 152064,
  tiedEmbeddings: false,
};

describe('parameter counts, worked by hand', () => {
  it('Qwen2.5-0.5B: 494,032,768, the published count', () => {
    // layer: q 896x896 + k,v 2x896x128 + o 896x896 = 1,835,008; biases 896 + 2x128 = 1,152;
    // mlp 3x896x4864 = 13,074,432; norms 2x896 = 1,792 -> 14,912,384; x24 = 357,897,216;
    // + final norm 896 + embedding 151,936x896 = 136,134,656 (tied: the head is the same matrix).
    expect(parameterCounts(QWEN25_05B)).toEqual({ total: 494_032_768, readPerToken: 494_033_664 });
  });

  it('Qwen3-0.6B: 596,049,920 (0.44B without the embedding, as published)', () => {
    // layer: q 1024x2048 + k,v 2x1024x1024 + o 2048x1024 = 6,291,456; q/k norms 2x128 = 256;
    // mlp 3x1024x3072 = 9,437,184; norms 2,048 -> 15,730,944; x28 = 440,466,432;
    // + 1,024 + embedding 151,936x1024 = 155,582,464.
    expect(parameterCounts(QWEN3_06B).total).toBe(596_049_920);
  });

  it('Qwen2.5-7B: 7,615,616,512 with its untied head, which a token reads once', () => {
    // layer: 2x3584x3584 + 2x3584x512 = 29,360,128; biases 3584 + 1024 = 4,608;
    // mlp 3x3584x18944 = 203,685,888; norms 7,168 -> 233,057,792; x28 = 6,525,618,176;
    // + 3,584 + embedding and head 2 x 152,064x3584 = 1,089,994,752.
    const counts = parameterCounts(QWEN25_7B);
    expect(counts.total).toBe(7_615_616_512);
    // Read per token: the layers, the final norm, the head and one embedding row.
    expect(counts.readPerToken).toBe(6_525_618_176 + 3_584 + 544_997_376 + 3_584);
  });
});

describe('bytes per decoded token', () => {
  it('q4f16_1 stores 4.5 bits a weight: Qwen2.5-0.5B reads 277,893,936 weight bytes a token', () => {
    const format = weightFormat('q4f16_1');
    expect(format?.bitsPerWeight).toBe(4.5);
    const cost = tokenCost(QWEN25_05B, format ?? fail(), 0);
    expect(cost.weightBytes).toBe((494_033_664 * 4.5) / 8);
    expect(cost.kvBytes).toBe(0);
    expect(cost.flops).toBe(2 * 494_033_664);
    expect(cost.estimated).toBe(false);
  });

  it('KV cache: 2 x layers x KV heads x head dim x tokens x element bytes', () => {
    // Qwen2.5-0.5B, 4,096 tokens in f16: 2x24x2x64x4096x2 = 50,331,648 (48 MiB).
    expect(kvCacheBytes(QWEN25_05B, 4096, 2)).toBe(50_331_648);
    // Qwen3-0.6B keeps 8 KV heads of 128: 2x28x8x128x4096x2 = 469,762,048 (448 MiB).
    expect(kvCacheBytes(QWEN3_06B, 4096, 2)).toBe(469_762_048);
    // q4f32_1 keeps its cache in f32: twice as many bytes read per token at the same context.
    const f32 = tokenCost(QWEN3_06B, weightFormat('q4f32_1') ?? fail(), 1000);
    expect(f32.kvBytes).toBe(2 * 28 * 8 * 128 * 1000 * 4);
    expect(f32.flops).toBe(2 * parameterCounts(QWEN3_06B).readPerToken + 4 * 28 * 16 * 128 * 1000);
  });

  it('says where a figure rests on assumptions, and knows no unknown format', () => {
    expect(weightFormat('q4')?.estimated).toBe(true);
    expect(weightFormat('q4f16')?.estimated).toBe(true);
    expect(weightFormat('q3f16_0')).toBeNull();
  });
});

function fail(): never {
  throw new Error('missing format');
}

describe('the architecture behind a catalog model', () => {
  it('reads the family and size from web-llm ids, ONNX repositories and distills', () => {
    expect(architectureOf('Qwen2.5-0.5B-Instruct-q4f16_1-MLC')).toEqual(QWEN25_05B);
    expect(architectureOf('onnx-community/Qwen3-0.6B-ONNX')).toEqual(QWEN3_06B);
    expect(architectureOf('DeepSeek-R1-Distill-Qwen-7B-q4f16_1-MLC')).toEqual(QWEN25_7B);
    expect(architectureOf('Qwen2.5-Coder-7B-Instruct-q4f32_1-MLC')).toEqual(QWEN25_7B);
    expect(parameterCounts(architectureOf('Qwen2.5-3B-Instruct-q4f16_1-MLC') ?? fail()).total).toBe(
      3_085_938_688,
    );
    expect(parameterCounts(architectureOf('Qwen3-1.7B-q4f16_1-MLC') ?? fail()).total).toBe(1_720_574_976);
    expect(parameterCounts(architectureOf('Qwen2-1.5B-Instruct-q4f16_1-MLC') ?? fail()).total).toBe(
      1_543_714_304,
    );
  });

  it('sizes nothing it does not know rather than guess (Qwen3.5 is hybrid attention)', () => {
    expect(architectureOf('Qwen3.5-0.8B-q4f16_1-MLC')).toBeNull();
    expect(architectureOf('my-org/some-model')).toBeNull();
  });

  it("the tiny model's count matches its config", () => {
    const config = JSON.parse(
      readFileSync(new URL('../../public/models/qwenfit-tiny-qwen2/config.json', import.meta.url), 'utf8'),
    ) as Record<string, number | boolean>;
    expect(TINY_ARCH).toMatchObject({
      layers: config.num_hidden_layers,
      hidden: config.hidden_size,
      intermediate: config.intermediate_size,
      heads: config.num_attention_heads,
      kvHeads: config.num_key_value_heads,
      headDim: config.head_dim,
      vocab: config.vocab_size,
      tiedEmbeddings: config.tie_word_embeddings,
    });
  });
});

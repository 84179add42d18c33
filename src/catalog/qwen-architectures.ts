import type { ArchConfig } from '../core/model-bytes';
import { TINY_MODEL_ID } from './transformers-models';

type Shape = Omit<ArchConfig, 'family'>;

const shape = (
  layers: number,
  hidden: number,
  intermediate: number,
  heads: number,
  kvHeads: number,
  headDim: number,
  vocab: number,
  tiedEmbeddings: boolean,
): Shape => ({ layers, hidden, intermediate, heads, kvHeads, headDim, vocab, tiedEmbeddings });

/**
 * Qwen2 / Qwen2.5 (and their Coder, Math and DeepSeek-R1 distill variants, which keep the
 * base's shape) and Qwen3 dense models by size, from each model's config.json. Their
 * parameter counts come out at the published figures (tests/unit/model-bytes.test.ts).
 */
const QWEN2: Record<string, Shape> = {
  '0.5': shape(24, 896, 4864, 14, 2, 64, 151936, true),
  '1.5': shape(28, 1536, 8960, 12, 2, 128, 151936, true),
  '3': shape(36, 2048, 11008, 16, 2, 128, 151936, true),
  '7': shape(28, 3584, 18944, 28, 4, 128, 152064, false),
};
const QWEN3: Record<string, Shape> = {
  '0.6': shape(28, 1024, 3072, 16, 8, 128, 151936, true),
  '1.7': shape(28, 2048, 6144, 16, 8, 128, 151936, true),
  '4': shape(36, 2560, 9728, 32, 8, 128, 151936, true),
  '8': shape(36, 4096, 12288, 32, 8, 128, 151936, false),
};

/** The generated test model (public/models/qwenfit-tiny-qwen2/config.json). */
export const TINY_ARCH: ArchConfig = {
  family: 'qwen2',
  ...shape(2, 64, 128, 4, 2, 16, 1024, false),
};

// DeepSeek's R1 distills are Qwen2.5-Math models: "DeepSeek-R1-Distill-Qwen-7B" names no version.
const NAME = /(?:^|\/)(?:DeepSeek-R1-Distill-Qwen|Qwen(2\.5|2|3)(?:-Coder|-Math)?)-(\d+(?:\.\d+)?)B/i;

/**
 * The architecture behind a catalog model id (web-llm's, an ONNX repository, the tiny
 * model); null for one not sized here (Qwen3.5's hybrid attention, unknown custom models).
 */
export function architectureOf(modelId: string): ArchConfig | null {
  if (modelId === TINY_MODEL_ID) return TINY_ARCH;
  const m = NAME.exec(modelId);
  if (!m) return null;
  const family = m[1] === '3' ? 'qwen3' : 'qwen2';
  const found = (family === 'qwen3' ? QWEN3 : QWEN2)[m[2] as string];
  return found ? { family, ...found } : null;
}

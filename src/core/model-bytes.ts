/**
 * What decoding one token reads from memory: the weights (every layer's projections and
 * the output head, once per token) and the KV cache up to the current position. These are
 * the numerators of the memory roofline (docs/prediction.md).
 */

/** The fields of a Qwen2/Qwen3 config.json that size a model. */
export interface ArchConfig {
  family: 'qwen2' | 'qwen3';
  layers: number;
  hidden: number;
  intermediate: number;
  heads: number;
  kvHeads: number;
  headDim: number;
  vocab: number;
  tiedEmbeddings: boolean;
}

export interface ParameterCounts {
  /** Every parameter the checkpoint stores. */
  total: number;
  /** Parameters read to decode one token: all layers, the final norm and the output head. */
  readPerToken: number;
}

/** Parameter counts from the architecture (Qwen2 has q/k/v biases; Qwen3 has q/k norms instead). */
export function parameterCounts(c: ArchConfig): ParameterCounts {
  const q = c.heads * c.headDim;
  const kv = c.kvHeads * c.headDim;
  const attention = c.hidden * q + 2 * c.hidden * kv + q * c.hidden;
  const extra = c.family === 'qwen2' ? q + 2 * kv : 2 * c.headDim;
  const mlp = 3 * c.hidden * c.intermediate;
  const layer = attention + extra + mlp + 2 * c.hidden;
  const embedding = c.vocab * c.hidden;
  const layersAndHead = c.layers * layer + c.hidden + embedding;
  return {
    total: layersAndHead + (c.tiedEmbeddings ? 0 : embedding),
    // Tied or not, the head multiplies by the whole vocab x hidden matrix; the input
    // embedding contributes one row.
    readPerToken: layersAndHead + c.hidden,
  };
}

/** How a quantisation stores a weight: bits per weight (scales included) and the KV cache's element size. */
export interface WeightFormat {
  id: string;
  bitsPerWeight: number;
  kvBytes: number;
  /** True where the figure rests on assumptions about the format (said in the UI). */
  estimated: boolean;
  basis: string;
}

const FORMATS: Record<string, WeightFormat> = {
  q4f16_1: {
    id: 'q4f16_1',
    bitsPerWeight: 4 + 16 / 32,
    kvBytes: 2,
    estimated: false,
    basis: 'MLC q4f16_1: 4-bit weights in groups of 32 with one f16 scale each',
  },
  q4f32_1: {
    id: 'q4f32_1',
    bitsPerWeight: 4 + 32 / 32,
    kvBytes: 4,
    estimated: false,
    basis: 'MLC q4f32_1: 4-bit weights in groups of 32 with one f32 scale each',
  },
  q0f16: { id: 'q0f16', bitsPerWeight: 16, kvBytes: 2, estimated: false, basis: 'unquantised f16' },
  q0f32: { id: 'q0f32', bitsPerWeight: 32, kvBytes: 4, estimated: false, basis: 'unquantised f32' },
  fp32: { id: 'fp32', bitsPerWeight: 32, kvBytes: 4, estimated: false, basis: 'unquantised f32' },
  q4: {
    id: 'q4',
    bitsPerWeight: 4 + 32 / 32,
    kvBytes: 4,
    estimated: true,
    basis: 'ONNX q4 (MatMulNBits, blocks of 32 with an f32 scale), assumed for every projection and the head',
  },
  q4f16: {
    id: 'q4f16',
    bitsPerWeight: 4 + 16 / 32,
    kvBytes: 2,
    estimated: true,
    basis:
      'ONNX q4f16 (MatMulNBits, blocks of 32 with an f16 scale), assumed for every projection and the head',
  },
};

export function weightFormat(quantization: string): WeightFormat | null {
  return FORMATS[quantization] ?? null;
}

/** KV cache bytes for `tokens` positions: keys and values, every layer, every KV head. */
export function kvCacheBytes(c: ArchConfig, tokens: number, kvBytes: number): number {
  return 2 * c.layers * c.kvHeads * c.headDim * tokens * kvBytes;
}

export interface TokenCost {
  /** Weight bytes read per decoded token. */
  weightBytes: number;
  /** KV cache bytes read per decoded token at the given context length. */
  kvBytes: number;
  /** Floating-point operations per decoded token: 2 per weight read, plus attention over the context. */
  flops: number;
  estimated: boolean;
}

/** What one decoded token costs at `context` positions already in the cache. */
export function tokenCost(c: ArchConfig, format: WeightFormat, context: number): TokenCost {
  const { readPerToken } = parameterCounts(c);
  const attentionFlops = 4 * c.layers * c.heads * c.headDim * context;
  return {
    weightBytes: (readPerToken * format.bitsPerWeight) / 8,
    kvBytes: kvCacheBytes(c, context, format.kvBytes),
    flops: 2 * readPerToken + attentionFlops,
    estimated: format.estimated,
  };
}

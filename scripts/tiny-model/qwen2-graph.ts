import { DT, GraphBuilder } from './onnx-builder';
import { normalSampler } from './prng';

export interface Qwen2Dims {
  vocabSize: number;
  hiddenSize: number;
  intermediateSize: number;
  numLayers: number;
  numHeads: number;
  numKvHeads: number;
  headDim: number;
  maxPositions: number;
  ropeTheta: number;
  rmsNormEps: number;
}

export interface Qwen2Init {
  seed: number;
  /** Token ids whose lm_head column is zeroed, so greedy decoding never picks them. */
  silentTokenIds: ReadonlySet<number>;
}

/** RoPE tables in the HF layout: [maxPositions, headDim], the half-frequencies repeated. */
export function ropeTables(d: Qwen2Dims): { cos: Float32Array; sin: Float32Array } {
  const half = d.headDim / 2;
  const cos = new Float32Array(d.maxPositions * d.headDim);
  const sin = new Float32Array(d.maxPositions * d.headDim);
  for (let p = 0; p < d.maxPositions; p++) {
    for (let i = 0; i < half; i++) {
      const angle = p / Math.pow(d.ropeTheta, (2 * i) / d.headDim);
      for (const j of [i, i + half]) {
        cos[p * d.headDim + j] = Math.cos(angle);
        sin[p * d.headDim + j] = Math.sin(angle);
      }
    }
  }
  return { cos, sin };
}

/**
 * Writes a Qwen2ForCausalLM decoder with KV cache as ONNX: the input/output contract of
 * the Optimum exports transformers.js loads, with real RoPE, causal + padding masking and
 * grouped-query attention built from standard opset-17 operators only, so every
 * execution provider (WebGPU, WASM, CPU) can run it.
 */
export function buildQwen2Onnx(d: Qwen2Dims, init: Qwen2Init): Uint8Array {
  const g = new GraphBuilder();
  const normal = normalSampler(init.seed);
  const randn = (count: number, std: number) => Float32Array.from({ length: count }, () => normal() * std);
  const ones = (count: number) => new Float32Array(count).fill(1);
  const { hiddenSize: H, numHeads: nH, numKvHeads: nKV, headDim: hd, intermediateSize: I, vocabSize: V } = d;
  const groups = nH / nKV;

  const inputIds = g.input('input_ids', DT.INT64, ['batch_size', 'sequence_length']);
  const attentionMask = g.input('attention_mask', DT.INT64, ['batch_size', 'total_sequence_length']);
  const positionIds = g.input('position_ids', DT.INT64, ['batch_size', 'sequence_length']);

  const i64 = (name: string, values: number[], dims = [values.length]) => g.int64Tensor(name, dims, values);
  const zero = i64('const_zero', [0], []);
  const one = i64('const_one', [1], []);
  const axisOne = i64('const_index_one', [1], []);
  const f32 = (name: string, value: number) => g.floatTensor(name, [], Float32Array.of(value));

  // Mask: key j is visible to query i when j <= past_len + i and attention_mask[b, j] == 1.
  const seqLen = g.op('Gather', [g.op('Shape', [inputIds]), axisOne], { axis: { int: 0 } });
  const totalLen = g.op('Gather', [g.op('Shape', [attentionMask]), axisOne], { axis: { int: 0 } });
  const queryPos = g.op('Range', [g.op('Sub', [totalLen, seqLen]), totalLen, one]);
  const keyPos = g.op('Range', [zero, totalLen, one]);
  const causal = g.op('LessOrEqual', [
    g.op('Unsqueeze', [keyPos, i64('axes_0', [0])]),
    g.op('Unsqueeze', [queryPos, i64('axes_1', [1])]),
  ]);
  const padding = g.op('Cast', [g.op('Unsqueeze', [attentionMask, i64('axes_1_2', [1, 2])])], {
    to: { int: DT.BOOL },
  });
  const maskBias = g.op('Where', [
    g.op('And', [causal, padding]),
    f32('mask_keep', 0),
    f32('mask_drop', -1e9),
  ]);

  const rope = ropeTables(d);
  const axesHead = i64('axes_head', [1]);
  const cos = g.op('Unsqueeze', [
    g.op('Gather', [g.floatTensor('rope_cos', [d.maxPositions, hd], rope.cos), positionIds], {
      axis: { int: 0 },
    }),
    axesHead,
  ]);
  const sin = g.op('Unsqueeze', [
    g.op('Gather', [g.floatTensor('rope_sin', [d.maxPositions, hd], rope.sin), positionIds], {
      axis: { int: 0 },
    }),
    axesHead,
  ]);
  const lastAxis = i64('axes_last', [3]);
  const halfStart = i64('half_start', [0]);
  const halfMid = i64('half_mid', [hd / 2]);
  const halfEnd = i64('half_end', [hd]);
  const applyRope = (x: string) => {
    const x1 = g.op('Slice', [x, halfStart, halfMid, lastAxis]);
    const x2 = g.op('Slice', [x, halfMid, halfEnd, lastAxis]);
    const rotated = g.op('Concat', [g.op('Neg', [x2]), x1], { axis: { int: 3 } });
    return g.op('Add', [g.op('Mul', [x, cos]), g.op('Mul', [rotated, sin])]);
  };

  const eps = f32('rms_eps', d.rmsNormEps);
  const rmsNorm = (x: string, weightName: string) => {
    const meanSquare = g.op('ReduceMean', [g.op('Mul', [x, x])], {
      axes: { ints: [-1] },
      keepdims: { int: 1 },
    });
    const normed = g.op('Div', [x, g.op('Sqrt', [g.op('Add', [meanSquare, eps])])]);
    return g.op('Mul', [normed, g.floatTensor(weightName, [H], ones(H))]);
  };
  const linear = (x: string, name: string, inDim: number, outDim: number, bias: boolean) => {
    const w = g.floatTensor(`${name}.weight`, [inDim, outDim], randn(inDim * outDim, 1 / Math.sqrt(inDim)));
    const y = g.op('MatMul', [x, w]);
    return bias ? g.op('Add', [y, g.floatTensor(`${name}.bias`, [outDim], randn(outDim, 0.1))]) : y;
  };
  const splitHeads = (x: string, heads: number) =>
    g.op('Transpose', [g.op('Reshape', [x, i64(`shape_heads_${heads}_${x}`, [0, 0, heads, hd])])], {
      perm: { ints: [0, 2, 1, 3] },
    });
  const repeatKv = (x: string) => {
    const u = g.op('Unsqueeze', [x, i64(`axes_rep_${x}`, [2])]);
    const stacked = g.op(
      'Concat',
      Array.from({ length: groups }, () => u),
      { axis: { int: 2 } },
    );
    return g.op('Reshape', [stacked, i64(`shape_rep_${x}`, [0, nH, -1, hd])]);
  };

  let x = g.op('Gather', [g.floatTensor('embed_tokens.weight', [V, H], randn(V * H, 1)), inputIds], {
    axis: { int: 0 },
  });
  for (let l = 0; l < d.numLayers; l++) {
    const p = `layers.${l}`;
    const pastKey = g.input(`past_key_values.${l}.key`, DT.FLOAT, [
      'batch_size',
      nKV,
      'past_sequence_length',
      hd,
    ]);
    const pastValue = g.input(`past_key_values.${l}.value`, DT.FLOAT, [
      'batch_size',
      nKV,
      'past_sequence_length',
      hd,
    ]);
    const h = rmsNorm(x, `${p}.input_layernorm.weight`);
    const q = applyRope(splitHeads(linear(h, `${p}.self_attn.q_proj`, H, nH * hd, true), nH));
    const k = applyRope(splitHeads(linear(h, `${p}.self_attn.k_proj`, H, nKV * hd, true), nKV));
    const v = splitHeads(linear(h, `${p}.self_attn.v_proj`, H, nKV * hd, true), nKV);
    const presentKey = g.op('Concat', [pastKey, k], { axis: { int: 2 } }, `present.${l}.key`);
    const presentValue = g.op('Concat', [pastValue, v], { axis: { int: 2 } }, `present.${l}.value`);
    g.output(presentKey, DT.FLOAT, ['batch_size', nKV, 'total_sequence_length', hd]);
    g.output(presentValue, DT.FLOAT, ['batch_size', nKV, 'total_sequence_length', hd]);

    const keysT = g.op('Transpose', [repeatKv(presentKey)], { perm: { ints: [0, 1, 3, 2] } });
    const scores = g.op('Add', [
      g.op('Mul', [g.op('MatMul', [q, keysT]), f32(`${p}.attn_scale`, 1 / Math.sqrt(hd))]),
      maskBias,
    ]);
    const probs = g.op('Softmax', [scores], { axis: { int: -1 } });
    const context = g.op('Reshape', [
      g.op('Transpose', [g.op('MatMul', [probs, repeatKv(presentValue)])], { perm: { ints: [0, 2, 1, 3] } }),
      i64(`${p}.shape_merge`, [0, 0, nH * hd]),
    ]);
    x = g.op('Add', [x, linear(context, `${p}.self_attn.o_proj`, nH * hd, H, false)]);

    const h2 = rmsNorm(x, `${p}.post_attention_layernorm.weight`);
    const gate = linear(h2, `${p}.mlp.gate_proj`, H, I, false);
    const up = linear(h2, `${p}.mlp.up_proj`, H, I, false);
    const act = g.op('Mul', [g.op('Mul', [gate, g.op('Sigmoid', [gate])]), up]);
    x = g.op('Add', [x, linear(act, `${p}.mlp.down_proj`, I, H, false)]);
  }
  const final = rmsNorm(x, 'norm.weight');
  const lmHead = randn(H * V, 3 / Math.sqrt(H));
  for (const id of init.silentTokenIds) for (let r = 0; r < H; r++) lmHead[r * V + id] = 0;
  g.op('MatMul', [final, g.floatTensor('lm_head.weight', [H, V], lmHead)], {}, 'logits');
  g.output('logits', DT.FLOAT, ['batch_size', 'sequence_length', V]);

  return g.encode('qwenfit_tiny_qwen2', 17, 'qwenfit-tiny-model-generator');
}

import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as ort from 'onnxruntime-node';
import { TINY_DIMS, TINY_MODEL_DIR } from '../tiny-model/generate';
import type { Benchmark } from './types';

const int64 = (values: number[]) =>
  new ort.Tensor('int64', BigInt64Array.from(values.map(BigInt)), [1, values.length]);

/** Raw onnxruntime-node greedy decode of the tiny model: the floor every relay adds to. */
export const tinyModelNode: Benchmark = {
  group: 'tiny_model',
  async run() {
    const session = await ort.InferenceSession.create(join(TINY_MODEL_DIR, 'onnx/model.onnx'));
    const { numLayers, numKvHeads, headDim, vocabSize } = TINY_DIMS;
    const steps = 256;
    const rates: number[] = [];
    for (let trial = 0; trial < 5; trial++) {
      let past: Record<string, ort.Tensor> = {};
      for (let l = 0; l < numLayers; l++)
        for (const k of ['key', 'value'])
          past[`past_key_values.${l}.${k}`] = new ort.Tensor('float32', new Float32Array(0), [
            1,
            numKvHeads,
            0,
            headDim,
          ]);
      let token = 17;
      const t0 = performance.now();
      for (let pos = 0; pos < steps; pos++) {
        const out = await session.run({
          input_ids: int64([token]),
          attention_mask: int64(Array(pos + 1).fill(1)),
          position_ids: int64([pos]),
          ...past,
        });
        const logits = out.logits?.data as Float32Array;
        let best = 0;
        for (let v = 1; v < vocabSize; v++) if ((logits[v] as number) > (logits[best] as number)) best = v;
        token = best;
        past = {};
        for (let l = 0; l < numLayers; l++)
          for (const k of ['key', 'value'])
            past[`past_key_values.${l}.${k}`] = out[`present.${l}.${k}`] as ort.Tensor;
      }
      rates.push(steps / ((performance.now() - t0) / 1000));
    }
    rates.sort((a, b) => a - b);
    return [
      {
        id: 'tiny_model.node_cpu_decode_tokens_s',
        value: Math.round((rates[2] as number) * 10) / 10,
        unit: 'tokens/s',
        better: 'higher',
        note: `median of 5 greedy decodes of ${steps} tokens, onnxruntime-node CPU, KV cache`,
      },
    ];
  },
};

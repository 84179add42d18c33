import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { TINY_DIMS, TINY_MODEL_DIR, buildTinyModel } from '../../scripts/tiny-model/generate';

const { numLayers, numKvHeads, headDim, vocabSize } = TINY_DIMS;
let session: ort.InferenceSession;

beforeAll(async () => {
  session = await ort.InferenceSession.create(join(TINY_MODEL_DIR, 'onnx/model.onnx'));
});

const int64 = (values: number[], dims: number[]) =>
  new ort.Tensor('int64', BigInt64Array.from(values.map(BigInt)), dims);

type Past = Record<string, ort.Tensor>;

function emptyPast(batch: number): Past {
  const past: Past = {};
  for (let l = 0; l < numLayers; l++) {
    for (const kind of ['key', 'value']) {
      past[`past_key_values.${l}.${kind}`] = new ort.Tensor('float32', new Float32Array(0), [
        batch,
        numKvHeads,
        0,
        headDim,
      ]);
    }
  }
  return past;
}

/** One forward pass of a single sequence; returns per-position logits and the new cache. */
async function step(tokens: number[], past: Past, mask: number[], positions: number[]) {
  const out = await session.run({
    input_ids: int64(tokens, [1, tokens.length]),
    attention_mask: int64(mask, [1, mask.length]),
    position_ids: int64(positions, [1, positions.length]),
    ...past,
  });
  const next: Past = {};
  for (let l = 0; l < numLayers; l++) {
    for (const kind of ['key', 'value']) {
      next[`past_key_values.${l}.${kind}`] = out[`present.${l}.${kind}`] as ort.Tensor;
    }
  }
  const logits = out.logits as ort.Tensor;
  const data = logits.data as Float32Array;
  const rows = Array.from({ length: tokens.length }, (_, i) =>
    data.slice(i * vocabSize, (i + 1) * vocabSize),
  );
  return { rows, next, logits };
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
const TOKENS = [17, 300, 52, 801, 433, 96, 12, 640, 75, 222, 5, 999];

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  return a.reduce((m, v, i) => Math.max(m, Math.abs(v - (b[i] as number))), 0);
}

describe('tiny Qwen2 ONNX graph (onnxruntime-node)', () => {
  it('has the decoder-with-past contract transformers.js expects', () => {
    expect(session.inputNames).toEqual([
      'input_ids',
      'attention_mask',
      'position_ids',
      ...range(0, numLayers).flatMap((l) => [`past_key_values.${l}.key`, `past_key_values.${l}.value`]),
    ]);
    expect(new Set(session.outputNames)).toEqual(
      new Set(['logits', ...range(0, numLayers).flatMap((l) => [`present.${l}.key`, `present.${l}.value`])]),
    );
  });

  it('gives the same logits for a full pass as for a prefix plus cached single steps', async () => {
    const n = TOKENS.length;
    const full = await step(TOKENS, emptyPast(1), Array(n).fill(1), range(0, n));
    expect(full.logits.dims).toEqual([1, n, vocabSize]);
    expect(full.next['past_key_values.0.key']?.dims).toEqual([1, numKvHeads, n, headDim]);

    const prefix = 5;
    let cached = await step(TOKENS.slice(0, prefix), emptyPast(1), Array(prefix).fill(1), range(0, prefix));
    for (let i = 0; i < prefix; i++) {
      expect(maxAbsDiff(cached.rows[i] as Float32Array, full.rows[i] as Float32Array)).toBeLessThan(1e-4);
    }
    for (let pos = prefix; pos < n; pos++) {
      cached = await step([TOKENS[pos] as number], cached.next, Array(pos + 1).fill(1), [pos]);
      expect(maxAbsDiff(cached.rows[0] as Float32Array, full.rows[pos] as Float32Array)).toBeLessThan(1e-4);
    }
  });

  it('lets an earlier token change the last position (attention is real)', async () => {
    const n = TOKENS.length;
    const base = await step(TOKENS, emptyPast(1), Array(n).fill(1), range(0, n));
    const edited = [...TOKENS];
    edited[1] = 640;
    const changed = await step(edited, emptyPast(1), Array(n).fill(1), range(0, n));
    expect(maxAbsDiff(base.rows[n - 1] as Float32Array, changed.rows[n - 1] as Float32Array)).toBeGreaterThan(
      1e-2,
    );
    // Causality: positions before the edit are untouched.
    expect(maxAbsDiff(base.rows[0] as Float32Array, changed.rows[0] as Float32Array)).toBeLessThan(1e-5);
  });

  it('ignores left padding masked out by attention_mask', async () => {
    const n = TOKENS.length;
    const plain = await step(TOKENS, emptyPast(1), Array(n).fill(1), range(0, n));
    const padded = await step(
      [0, 0, 0, ...TOKENS],
      emptyPast(1),
      [0, 0, 0, ...Array(n).fill(1)],
      [1, 1, 1, ...range(0, n)],
    );
    expect(maxAbsDiff(plain.rows[n - 1] as Float32Array, padded.rows[n + 2] as Float32Array)).toBeLessThan(
      1e-4,
    );
  });

  it('encodes positions with RoPE: relative, so a uniform shift is invisible but a gap is not', async () => {
    const n = TOKENS.length;
    const plain = await step(TOKENS, emptyPast(1), Array(n).fill(1), range(0, n));
    const shifted = await step(TOKENS, emptyPast(1), Array(n).fill(1), range(7, n + 7));
    const gapped = await step(TOKENS, emptyPast(1), Array(n).fill(1), [...range(0, 4), ...range(20, n + 16)]);
    const last = (r: { rows: Float32Array[] }) => r.rows[n - 1] as Float32Array;
    expect(maxAbsDiff(last(plain), last(shifted))).toBeLessThan(1e-3);
    expect(maxAbsDiff(last(plain), last(gapped))).toBeGreaterThan(1e-2);
  });
});

describe('tiny model generator', () => {
  it('is deterministic and matches the committed files in public/', () => {
    const first = buildTinyModel().files;
    const second = buildTinyModel().files;
    for (const [rel, bytes] of first) {
      expect(Buffer.compare(Buffer.from(bytes), Buffer.from(second.get(rel) as Uint8Array))).toBe(0);
      const committed = readFileSync(join(TINY_MODEL_DIR, rel));
      expect(
        Buffer.compare(committed, Buffer.from(bytes)),
        `${rel} is stale: run npm run generate:tiny-model`,
      ).toBe(0);
    }
  });

  it('stays about 1 MB', () => {
    const total = [...buildTinyModel().files.values()].reduce((s, b) => s + b.length, 0);
    expect(total).toBeGreaterThan(500_000);
    expect(total).toBeLessThan(2_000_000);
  });
});

import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import { describe, expect, it } from 'vitest';
import {
  groupByBase,
  needsShaderF16,
  pickVariant,
  qwenRecords,
  splitModelId,
  webLlmEntry,
  webLlmFit,
  type WebLlmRecord,
} from '../../src/catalog/webllm-qwen';
import { adapterWith } from '../support/adapters';

const all = prebuiltAppConfig.model_list as WebLlmRecord[];
const qwen = qwenRecords(all);
const MiB = 1024 * 1024;
const adapter = adapterWith;
const byId = (id: string) => qwen.find((r) => r.model_id === id) as WebLlmRecord;

describe('web-llm Qwen catalog (read from the installed package)', () => {
  it('keeps exactly the Qwen-family records of prebuiltAppConfig', () => {
    expect(qwen.length).toBe(all.filter((r) => r.model_id.toLowerCase().includes('qwen')).length);
    expect(qwen.length).toBeGreaterThan(40);
    expect(qwen.every((r) => /qwen/i.test(r.model_id))).toBe(true);
    for (const id of [
      'Qwen2.5-0.5B-Instruct-q4f32_1-MLC',
      'Qwen3-0.6B-q4f16_1-MLC',
      'Qwen2.5-Coder-7B-Instruct-q4f32_1-MLC',
    ]) {
      expect(qwen.map((r) => r.model_id)).toContain(id);
    }
  });

  it('splits model ids into base and quantisation', () => {
    expect(splitModelId('Qwen2.5-0.5B-Instruct-q4f16_1-MLC')).toEqual({
      base: 'Qwen2.5-0.5B-Instruct',
      quantization: 'q4f16_1',
    });
    expect(splitModelId('Qwen3-0.6B-q0f32-MLC')).toEqual({ base: 'Qwen3-0.6B', quantization: 'q0f32' });
    expect(splitModelId('odd')).toEqual({ base: 'odd', quantization: 'unknown' });
  });

  it('treats f16 weights as needing shader-f16 even though the records do not say so', () => {
    expect(byId('Qwen3-0.6B-q4f16_1-MLC').required_features).toBeUndefined();
    expect(needsShaderF16(byId('Qwen3-0.6B-q4f16_1-MLC'))).toBe(true);
    expect(needsShaderF16(byId('Qwen3-0.6B-q4f32_1-MLC'))).toBe(false);
  });

  it('picks q4f16 with shader-f16, q4f32 without, and an f32 build when no q4f32 exists', () => {
    const groups = groupByBase(qwen);
    const group = (base: string) => groups.find((g) => g.base === base) as (typeof groups)[number];
    expect(pickVariant(group('Qwen2.5-0.5B-Instruct'), true)?.model_id).toBe(
      'Qwen2.5-0.5B-Instruct-q4f16_1-MLC',
    );
    expect(pickVariant(group('Qwen2.5-0.5B-Instruct'), false)?.model_id).toBe(
      'Qwen2.5-0.5B-Instruct-q4f32_1-MLC',
    );
    expect(pickVariant(group('Qwen2-0.5B-Instruct'), false)?.model_id).toBe('Qwen2-0.5B-Instruct-q0f32-MLC');
    expect(pickVariant({ base: 'x', variants: [byId('Qwen3-0.6B-q4f16_1-MLC')] }, false)).toBeNull();
  });

  it('says why a model does not fit', () => {
    const q4f16 = byId('Qwen3-0.6B-q4f16_1-MLC');
    expect(webLlmFit(q4f16, null, 8)).toMatchObject({ ok: false, reason: expect.stringMatching(/WebGPU/) });
    expect(webLlmFit(q4f16, adapter(), 8)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/shader-f16/),
    });
    expect(webLlmFit(q4f16, adapter({ shaderF16: true }), 8)).toEqual({ ok: true });

    const small = adapter({ limits: { ...adapter().limits, maxStorageBufferBindingSize: 128 * MiB } });
    const big = byId('Qwen2.5-7B-Instruct-q4f32_1-MLC');
    expect(big.low_resource_required).toBe(false);
    expect(webLlmFit(big, small, 8)).toMatchObject({ ok: false, reason: expect.stringMatching(/128 MiB/) });
    expect(webLlmFit(byId('Qwen2.5-0.5B-Instruct-q4f32_1-MLC'), small, 8).ok).toBe(true);

    const caution = webLlmFit(big, adapter(), 4);
    expect(caution.ok).toBe(true);
    expect(caution.reason).toMatch(/5\.8 GB/);
  });

  it('builds catalog entries with size, context and flags from the record', () => {
    const e = webLlmEntry(byId('Qwen2.5-0.5B-Instruct-q4f32_1-MLC'));
    expect(e).toMatchObject({
      key: 'webllm:Qwen2.5-0.5B-Instruct-q4f32_1-MLC',
      runtime: 'webllm',
      label: 'Qwen2.5 0.5B Instruct · q4f32_1',
      sizeMB: byId('Qwen2.5-0.5B-Instruct-q4f32_1-MLC').vram_required_MB,
      contextWindow: 4096,
      lowResource: true,
      devices: ['webgpu'],
    });
  });
});

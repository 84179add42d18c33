import type { QwenModel, Specialisation } from '../core/ladder';

/**
 * The Qwen family as data: each line with its published sizes (billions of parameters,
 * total for mixture-of-experts), its specialisation and modality. The ladder walks it to
 * suggest one size down, one size up, or a specialised variant. Sources: the Qwen2, Qwen2.5,
 * Qwen2.5-Coder/Math/VL, Qwen3, Qwen3-Coder and Qwen3-VL model cards on Hugging Face, and
 * Alibaba Model Studio's model list for the commercial tiers.
 */
export interface FamilyLine {
  line: string;
  spec: Specialisation;
  takesImages: boolean;
  sizes: readonly number[];
}

export const QWEN_FAMILY: readonly FamilyLine[] = [
  { line: 'Qwen2', spec: 'general', takesImages: false, sizes: [0.5, 1.5, 7, 57, 72] },
  { line: 'Qwen2-Math', spec: 'math', takesImages: false, sizes: [1.5, 7, 72] },
  { line: 'Qwen2.5', spec: 'general', takesImages: false, sizes: [0.5, 1.5, 3, 7, 14, 32, 72] },
  { line: 'Qwen2.5-Coder', spec: 'code', takesImages: false, sizes: [0.5, 1.5, 3, 7, 14, 32] },
  { line: 'Qwen2.5-Math', spec: 'math', takesImages: false, sizes: [1.5, 7, 72] },
  { line: 'Qwen2.5-VL', spec: 'vision', takesImages: true, sizes: [3, 7, 32, 72] },
  { line: 'Qwen3', spec: 'general', takesImages: false, sizes: [0.6, 1.7, 4, 8, 14, 30, 32, 235] },
  { line: 'Qwen3-Coder', spec: 'code', takesImages: false, sizes: [30, 480] },
  { line: 'Qwen3-VL', spec: 'vision', takesImages: true, sizes: [2, 4, 8, 30, 32, 235] },
  { line: 'Qwen3.5', spec: 'general', takesImages: false, sizes: [0.8, 2, 4, 9] },
];

/**
 * The commercial tiers publish no size: each is placed at the open-weights size it is
 * usually compared with, so the ladder can order them ("class", not a parameter count).
 */
const TIERS: Record<string, { line: string; spec: Specialisation; sizeB: number; takesImages?: boolean }> = {
  'qwen-turbo': { line: 'Qwen (API)', spec: 'general', sizeB: 8 },
  'qwen-flash': { line: 'Qwen (API)', spec: 'general', sizeB: 8 },
  'qwen-plus': { line: 'Qwen (API)', spec: 'general', sizeB: 32 },
  'qwen-max': { line: 'Qwen (API)', spec: 'general', sizeB: 235 },
  'qwen3-max': { line: 'Qwen (API)', spec: 'general', sizeB: 1000 },
  'qwen3-coder-plus': { line: 'Qwen3-Coder', spec: 'code', sizeB: 480 },
  'qwen3-coder-flash': { line: 'Qwen3-Coder', spec: 'code', sizeB: 30 },
  'qwen-vl-plus': { line: 'Qwen-VL (API)', spec: 'vision', sizeB: 32, takesImages: true },
  'qwen-vl-max': { line: 'Qwen-VL (API)', spec: 'vision', sizeB: 72, takesImages: true },
};

const SPEC: Record<string, Specialisation> = { coder: 'code', math: 'math', vl: 'vision' };

/**
 * Reads a model id as the family sees it: web-llm ids (Qwen2.5-Coder-1.5B-Instruct-q4f16_1-MLC),
 * onnx-community ids, endpoint names (qwen3-32b, qwen/qwen-2.5-72b-instruct, qwen-plus).
 * Distilled or other families built on Qwen (DeepSeek-R1-Distill-Qwen) are not Qwen lines.
 */
export function parseQwen(modelId: string): QwenModel | null {
  const id = (modelId.split('/').at(-1) ?? modelId).toLowerCase();
  const tier = Object.entries(TIERS).find(([name]) => id === name || id.startsWith(`${name}-`));
  if (tier) {
    const t = tier[1];
    return { line: t.line, spec: t.spec, sizeB: t.sizeB, takesImages: t.takesImages === true, tier: tier[0] };
  }
  const m = /^qwen-?(\d(?:\.\d)?)?(?:-(coder|math|vl))?-(\d+(?:\.\d+)?)b\b/.exec(id);
  if (!m) return null;
  const version = m[1] ?? '';
  const kind = m[2];
  const spec = kind ? (SPEC[kind] ?? 'general') : 'general';
  const suffix = kind === 'vl' ? 'VL' : kind ? `${kind[0]?.toUpperCase()}${kind.slice(1)}` : '';
  const line = `Qwen${version}${suffix ? `-${suffix}` : ''}`;
  return { line, spec, sizeB: Number(m[3]), takesImages: spec === 'vision', tier: null };
}

/** The published sizes of a line, for saying what a size up or down would be even when nobody offers it. */
export function sizesOf(line: string): readonly number[] {
  return QWEN_FAMILY.find((l) => l.line === line)?.sizes ?? [];
}

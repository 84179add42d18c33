/** A seeded generator (mulberry32): the same seed gives the same stressed prompt, byte for byte. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seed of its own for each task and transform, so tasks do not share one stream of choices. */
export function seedFor(seed: number, ...parts: string[]): number {
  const text = parts.join('\u0000');
  let h = seed >>> 0 || 0x9e3779b9;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;

/** k of the items chosen by a seeded partial shuffle (Fisher-Yates, k steps), in their original order. */
export function sample<T>(rnd: () => number, xs: readonly T[], k: number): T[] {
  const n = xs.length;
  const take = Math.min(k, n);
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(rnd() * (n - i));
    const t = idx[i] as number;
    idx[i] = idx[j] as number;
    idx[j] = t;
  }
  return Array.from(idx.subarray(0, take).sort(), (i) => xs[i] as T);
}

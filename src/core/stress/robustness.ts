import { ALL, type GradedSample } from '../aggregate';
import { pairOutcomes, pairedTest, type PairedTest } from '../paired';
import { summarize } from '../stats';
import type { StressKind } from './stress';

/** One candidate under one stress in one category: the clean tasks against their stressed twins. */
export interface Robustness {
  candidate: string;
  category: string;
  stress: string;
  kind: StressKind;
  level: number;
  clean: { n: number; passes: number };
  stressed: { n: number; passes: number; skipped: number };
  /** Stressed against clean on the same tasks: diff < 0 is a drop; p is exact McNemar. */
  test: PairedTest;
  /** P50 TTFT and end-to-end, clean and stressed: what a long prompt costs to read. */
  ttft: { clean: number | null; stressed: number | null };
  e2e: { clean: number | null; stressed: number | null };
}

const kindOf = (id: string): StressKind =>
  id.startsWith('noise')
    ? 'noise'
    : id.startsWith('long-context')
      ? 'long-context'
      : id.startsWith('multi-turn')
        ? 'multi-turn'
        : 'ambiguity';

/**
 * Clean against stressed, per candidate, stress and category (and over every category):
 * pass rates on the pairs both ran, the change with its interval and exact McNemar p, and
 * the latency of each side over completed replies.
 */
export function robustness(samples: readonly GradedSample[]): Robustness[] {
  const clean = new Map<string, GradedSample>();
  for (const s of samples) if (s.stress === null) clean.set(`${s.candidate}|${s.category}|${s.item}`, s);
  const groups = new Map<string, { twins: [GradedSample, GradedSample][]; skipped: number; level: number }>();
  for (const s of samples) {
    if (s.stress === null) continue;
    const twin = clean.get(`${s.candidate}|${s.category}|${s.item}`);
    for (const category of [s.category, ALL]) {
      const key = `${s.candidate}\u0000${category}\u0000${s.stress}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { twins: [], skipped: 0, level: s.stressLevel ?? 0 }));
      if (s.skipped) g.skipped++;
      else if (twin && !twin.skipped) g.twins.push([twin, s]);
    }
  }
  return [...groups].map(([key, g]) => {
    const [candidate = '', category = '', stress = ''] = key.split('\u0000');
    const verdicts = (side: 0 | 1) => new Map(g.twins.map((t, i) => [String(i), t[side].grade.pass]));
    const p50 = (side: 0 | 1, pick: (s: GradedSample) => number | null) =>
      summarize(g.twins.filter((t) => t[side].completed).map((t) => pick(t[side]))).p50;
    return {
      candidate,
      category,
      stress,
      kind: kindOf(stress),
      level: g.level,
      clean: { n: g.twins.length, passes: g.twins.filter((t) => t[0].grade.pass).length },
      stressed: {
        n: g.twins.length,
        passes: g.twins.filter((t) => t[1].grade.pass).length,
        skipped: g.skipped,
      },
      test: pairedTest(pairOutcomes(verdicts(1), verdicts(0))),
      ttft: { clean: p50(0, (s) => s.ttftMs), stressed: p50(1, (s) => s.ttftMs) },
      e2e: { clean: p50(0, (s) => s.e2eMs), stressed: p50(1, (s) => s.e2eMs) },
    };
  });
}

/** A candidate breaks under a stress when its drop is separated and leaves it below the floor. */
export function breaks(r: Robustness, floor: number): boolean {
  return r.test.separated && r.test.diff < 0 && r.stressed.n > 0 && r.stressed.passes / r.stressed.n < floor;
}

import { ALL, type Aggregate } from './aggregate';
import type { CategoryDecision } from './decide';
import { pairOutcomes, pairedTest, type PairedTest } from './paired';
import type { Target } from './target';
import type { WorkloadProfile } from './workload';

export type Specialisation = 'general' | 'code' | 'math' | 'vision';

/** A model as the Qwen family map reads it. */
export interface QwenModel {
  /** Qwen3, Qwen2.5-Coder, Qwen (API)… */
  line: string;
  spec: Specialisation;
  /** Billions of parameters (total for mixture-of-experts); for API tiers, the class it is compared with. */
  sizeB: number;
  takesImages: boolean;
  /** The API tier name (qwen-plus) when the model is one. */
  tier: string | null;
}

/** A model the user can add: one this device fits, or one an endpoint offers. */
export interface Offer {
  target: Target;
  label: string;
  model: QwenModel;
}

/** A candidate as the ladder sees it. */
export interface Rung {
  id: string;
  target: Target;
  model: QwenModel | null;
}

/** A candidate against the baseline in one category, on the tasks both ran. */
export interface VersusBaseline {
  candidate: string;
  category: string;
  /** Candidate's pass rate minus the baseline's, paired, with the exact McNemar p. */
  test: PairedTest;
  /** Candidate P95 / baseline P95; null when either has none. */
  p95Ratio: number | null;
  /** Candidate cost per success / baseline's; null when either is unknown or has no success. */
  costRatio: number | null;
}

export interface NextStep {
  category: string;
  kind: 'down' | 'up' | 'specialise';
  /** The candidate the step starts from. */
  from: string | null;
  /** What to add; null when the family has such a model but nothing here offers it. */
  offer: Offer | null;
  why: string;
}

/**
 * The baseline when the user names none: the first remote mid-size model (a 14-72B class,
 * such as qwen-plus or Qwen3-32B), else the largest Qwen candidate, else the first remote one.
 */
export function defaultBaseline(rungs: readonly Rung[]): string | null {
  const mid = rungs.find(
    (r) => r.target.kind === 'remote' && r.model && r.model.sizeB >= 14 && r.model.sizeB <= 72,
  );
  if (mid) return mid.id;
  const sized = rungs.filter((r) => r.model).sort((a, b) => (b.model?.sizeB ?? 0) - (a.model?.sizeB ?? 0));
  return sized[0]?.id ?? rungs.find((r) => r.target.kind === 'remote')?.id ?? rungs[0]?.id ?? null;
}

const ratio = (a: number | null, b: number | null) =>
  a === null || b === null || b === 0 || !Number.isFinite(a) || !Number.isFinite(b) ? null : a / b;

/** Every other candidate against the baseline, per category and over all of them. */
export function versusBaseline(
  baseline: string,
  aggregates: readonly Aggregate[],
  verdicts: ReadonlyMap<string, ReadonlyMap<string, boolean>>,
): VersusBaseline[] {
  const out: VersusBaseline[] = [];
  for (const a of aggregates) {
    if (a.candidate === baseline) continue;
    const base = aggregates.find((b) => b.candidate === baseline && b.category === a.category);
    if (!base) continue;
    const key = (c: string) => verdicts.get(`${c}\u0000${a.category}`) ?? new Map<string, boolean>();
    out.push({
      candidate: a.candidate,
      category: a.category,
      test: pairedTest(pairOutcomes(key(a.candidate), key(baseline))),
      p95Ratio: ratio(a.e2e.p95, base.e2e.p95),
      costRatio: ratio(a.costPerSuccess, base.costPerSuccess),
    });
  }
  return out;
}

/** The specialised variant a category calls for, read from its name (and the workload's images). */
export function wantedSpec(category: string, workload: WorkloadProfile): Specialisation {
  if (workload.modality === 'text-image' || /vision|image|vl\b|ocr/i.test(category)) return 'vision';
  if (/code|coding|program|sql/i.test(category)) return 'code';
  if (/math|arithmetic|gsm/i.test(category)) return 'math';
  return 'general';
}

const labelOf = (m: QwenModel) => m.tier ?? `${m.line} ${m.sizeB}B`;

/**
 * What to try next in each category. Quality held (the route clears the floor and is not
 * separated from the baseline, or is the baseline): one size down in the route's line. No
 * candidate clears the floor: the specialised variant the category calls for (Coder, Math,
 * VL), else one size up from the strongest candidate. Only what this device fits or an
 * endpoint offers is suggested; a step nothing here offers is still said.
 */
export function nextSteps(
  decisions: readonly CategoryDecision[],
  rungs: readonly Rung[],
  offers: readonly Offer[],
  baseline: string | null,
  vs: readonly VersusBaseline[],
  workload: WorkloadProfile,
): NextStep[] {
  const taken = new Set(rungs.map((r) => JSON.stringify(r.target)));
  const fresh = offers.filter((o) => !taken.has(JSON.stringify(o.target)));
  const model = (id: string | null) => rungs.find((r) => r.id === id)?.model ?? null;
  return decisions.flatMap((d): NextStep[] => {
    if (d.category === ALL) return [];
    const route = d.default?.candidate ?? null;
    if (route) {
      const m = model(route);
      const versus = vs.find((v) => v.candidate === route && v.category === d.category);
      const held =
        route === baseline || (versus !== undefined && !versus.test.separated && versus.test.diff > -0.05);
      if (!m || !held) return [];
      // The next size down; where to run it: like the route first (an endpoint for an endpoint).
      const kind = rungs.find((r) => r.id === route)?.target.kind;
      const smaller = fresh
        .filter((o) => o.model.line === m.line && o.model.sizeB < m.sizeB)
        .sort(
          (a, b) =>
            b.model.sizeB - a.model.sizeB || Number(b.target.kind === kind) - Number(a.target.kind === kind),
        )[0];
      return [
        {
          category: d.category,
          kind: 'down',
          from: route,
          offer: smaller ?? null,
          why: smaller
            ? `quality holds at ${labelOf(m)}: try one size down, ${smaller.label}`
            : `quality holds at ${labelOf(m)}; no smaller ${m.line} model is offered here`,
        },
      ];
    }
    const spec = wantedSpec(d.category, workload);
    if (spec !== 'general') {
      const variant = fresh
        .filter((o) => o.model.spec === spec)
        .sort((a, b) => b.model.sizeB - a.model.sizeB)[0];
      if (variant)
        return [
          {
            category: d.category,
            kind: 'specialise',
            from: null,
            offer: variant,
            why: `no candidate clears the floor: try the ${spec} variant, ${variant.label}`,
          },
        ];
    }
    const strongest = rungs
      .filter((r) => r.model)
      .sort((a, b) => (b.model?.sizeB ?? 0) - (a.model?.sizeB ?? 0))[0];
    const top = strongest?.model;
    const larger = fresh
      .filter((o) => o.model.spec === 'general' || o.model.spec === spec)
      .filter((o) => !top || o.model.sizeB > top.sizeB)
      .sort(
        (a, b) =>
          (a.model.line === top?.line ? -1 : 0) - (b.model.line === top?.line ? -1 : 0) ||
          a.model.sizeB - b.model.sizeB,
      )[0];
    return [
      {
        category: d.category,
        kind: 'up',
        from: strongest?.id ?? null,
        offer: larger ?? null,
        why: larger
          ? `no candidate clears the floor: try one size up, ${larger.label}`
          : `no candidate clears the floor, and nothing larger${top ? ` than ${labelOf(top)}` : ''} is offered here: add an endpoint with a larger Qwen`,
      },
    ];
  });
}

import { ALL, aggregate, sampleOf, type Aggregate } from './aggregate';
import type { Plan } from './plan';
import type { RegressionReport, RegressionRow, Verdict } from './regression';
import { targetLabel } from './regression';
import { replyText, type ResultRecord } from './results';

/** One device's part of a headless run: what it ran, what came back, how it was judged. */
export interface DeviceSection {
  name: string;
  plan: Plan;
  results: readonly ResultRecord[];
  report: RegressionReport | null;
  /** Why the device stopped early and how many generations it left unrun; null when it finished. */
  dropped: { why: string; notRun: number } | null;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const ms = (x: number | null) => (x === null ? '–' : Math.round(x).toLocaleString('en-US'));
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
const quote = (s: string, max = 80) => {
  const one = s.replace(/\s+/g, ' ').trim();
  return `“${cell(one.length > max ? `${one.slice(0, max - 1)}…` : one)}”`;
};
const reply = (r: ResultRecord) => replyText(r, ' ');

const VERDICT: Record<Verdict, string> = {
  regressed: '❌ regressed',
  improved: '✅ improved',
  unchanged: 'unchanged',
  'not-comparable': 'not comparable',
};

/** The worst verdict over devices: one regression makes the run regressed. */
export function overallVerdict(reports: readonly (RegressionReport | null)[]): Verdict | null {
  const got = reports.flatMap((r) => (r ? [r.verdict] : []));
  if (!got.length) return null;
  for (const v of ['regressed', 'improved', 'unchanged'] as const) if (got.includes(v)) return v;
  return 'not-comparable';
}

interface Figures {
  aggregate: Aggregate | undefined;
  row: RegressionRow | undefined;
}

function figuresOf(section: DeviceSection, label: string): Figures | null {
  const c = section.plan.evaluation.candidates.find((x) => targetLabel(x.target, section.plan) === label);
  if (!c) return null;
  const samples = section.results.flatMap((r) => sampleOf(r) ?? []).filter((s) => s.stress === null);
  return {
    aggregate: aggregate(samples).find((a) => a.category === ALL && a.candidate === c.id),
    row: section.report?.rows.find((r) => r.label === label && r.category === ALL),
  };
}

const rateOf = (a: Aggregate | undefined) => (a && a.n > 0 ? `${pct(a.passRate)} (${a.passes}/${a.n})` : '–');

/**
 * A headless run as markdown fit for a pull-request comment: the figures per candidate
 * (one column per device when it ran on several), then every regression with its reason,
 * then the tasks that flipped from pass to fail, then what a dropped device left unrun.
 */
export function regressionMarkdown(
  sections: readonly DeviceSection[],
  facts: { title: string; suite: Plan['suite']; repeats: number; startedAt: string; browser: string },
): string {
  const verdict = overallVerdict(sections.map((s) => s.report));
  const labels = [
    ...new Set(
      sections.flatMap((s) => s.plan.evaluation.candidates.map((c) => targetLabel(c.target, s.plan))),
    ),
  ];
  const several = sections.length > 1;
  const lines = [
    `## Qwenfit · ${cell(facts.title)}: ${verdict ? VERDICT[verdict] : 'measured (no baseline given)'}`,
    '',
    `${labels.length} candidates × ${facts.repeats} repeat(s) on the suite ${cell(facts.suite.name)} (tasks hash ${facts.suite.hash}); run ${facts.startedAt} in ${cell(facts.browser)}.`,
    '',
  ];
  if (several) {
    lines.push(
      `| Candidate | ${sections.map((s) => cell(s.name)).join(' | ')} |`,
      `| --- |${sections.map(() => ' --- |').join('')}`,
      ...labels.map((label) => {
        const cells = sections.map((s) => {
          const f = figuresOf(s, label);
          if (!f) return 'not run here';
          const v = f.row ? `, ${VERDICT[f.row.verdict]}` : '';
          return `${rateOf(f.aggregate)}, P95 ${ms(f.aggregate?.e2e.p95 ?? null)} ms${v}`;
        });
        return `| ${cell(label)} | ${cells.join(' | ')} |`;
      }),
    );
  } else {
    const [only] = sections;
    lines.push(
      '| Candidate | Pass rate | End-to-end P95 (ms) | Verdict |',
      '| --- | --- | --- | --- |',
      ...labels.map((label) => {
        const f = only ? figuresOf(only, label) : null;
        return `| ${cell(label)} | ${rateOf(f?.aggregate)} | ${ms(f?.aggregate?.e2e.p95 ?? null)} | ${f?.row ? VERDICT[f.row.verdict] : '–'} |`;
      }),
    );
  }
  const on = (s: DeviceSection) => (several ? ` on ${cell(s.name)}` : '');
  for (const s of sections)
    if (s.report?.notComparable)
      lines.push('', `Not compared with the baseline${on(s)}: ${cell(s.report.notComparable)}.`);
  const regressed = sections.flatMap((s) =>
    (s.report?.rows ?? []).filter((r) => r.verdict === 'regressed').map((r) => ({ s, r })),
  );
  if (regressed.length)
    lines.push(
      '',
      '### Regressions',
      '',
      ...regressed.map(
        ({ s, r }) =>
          `- **${cell(r.label)}**${on(s)}, ${r.category === ALL ? 'all categories' : r.category}: ${cell(r.reasons.join('; '))}`,
      ),
    );
  const lost = sections.flatMap((s) =>
    (s.report?.rows ?? [])
      .filter((r) => r.category === ALL)
      .flatMap((r) => r.flips.filter((f) => f.direction === 'pass-to-fail').map((f) => ({ s, r, f }))),
  );
  if (lost.length)
    lines.push(
      '',
      `### Passed in the baseline, failed now (${lost.length})`,
      '',
      ...lost.map(
        ({ s, r, f }) =>
          `- ${cell(f.item.replace('|', ', repeat '))} on ${cell(r.label)}${on(s)}: ${quote(reply(f.before))} → ${quote(reply(f.after))} (${cell(f.after.grade?.detail ?? '')})`,
      ),
    );
  const dropped = sections.filter((s) => s.dropped);
  if (dropped.length)
    lines.push(
      '',
      '### Not run',
      '',
      ...dropped.map(
        (s) =>
          `- ${cell(s.name)} dropped (${cell(s.dropped?.why ?? '')}): ${s.dropped?.notRun ?? 0} generation(s) not run; its finished results are kept.`,
      ),
    );
  return `${lines.join('\n')}\n`;
}

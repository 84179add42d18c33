import { ALL, aggregate, sampleOf } from './aggregate';
import type { Plan } from './plan';
import type { RegressionReport } from './regression';
import { targetLabel } from './regression';
import type { ResultRecord } from './results';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const ms = (x: number | null) => (x === null ? '–' : Math.round(x).toLocaleString('en-US'));
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
const quote = (s: string, max = 80) => {
  const one = s.replace(/\s+/g, ' ').trim();
  return `“${cell(one.length > max ? `${one.slice(0, max - 1)}…` : one)}”`;
};
const reply = (r: ResultRecord) =>
  r.toolCalls?.length ? r.toolCalls.map((c) => `${c.name}(${c.arguments})`).join(' ') : r.output || '(empty)';

const VERDICT = {
  regressed: '❌ regressed',
  improved: '✅ improved',
  unchanged: 'unchanged',
  'not-comparable': 'not comparable',
} as const;

/**
 * A run (and its verdict against the baseline, when there is one) as markdown fit for a
 * pull-request comment: the figures per candidate, then every regression with its reason,
 * then the tasks that flipped from pass to fail.
 */
export function regressionMarkdown(
  plan: Plan,
  results: readonly ResultRecord[],
  report: RegressionReport | null,
  facts: { startedAt: string; browser: string },
): string {
  const samples = results.flatMap((r) => sampleOf(r) ?? []).filter((s) => s.stress === null);
  const overall = aggregate(samples).filter((a) => a.category === ALL);
  const title = report ? VERDICT[report.verdict] : 'measured (no baseline given)';
  const lines = [
    `## Qwenfit · ${cell(plan.name)}: ${title}`,
    '',
    `${plan.evaluation.candidates.length} candidates × ${plan.evaluation.repeats} repeat(s) on the suite ${cell(plan.suite.name)} (tasks hash ${plan.suite.hash}); run ${facts.startedAt} in ${cell(facts.browser)}.`,
    '',
    '| Candidate | Pass rate | End-to-end P95 (ms) | Verdict |',
    '| --- | --- | --- | --- |',
    ...plan.evaluation.candidates.map((c) => {
      const a = overall.find((x) => x.candidate === c.id);
      const label = targetLabel(c.target, plan);
      const row = report?.rows.find((r) => r.label === label && r.category === ALL);
      const rate = a && a.n > 0 ? `${pct(a.passRate)} (${a.passes}/${a.n})` : '–';
      return `| ${cell(label)} | ${rate} | ${ms(a?.e2e.p95 ?? null)} | ${row ? VERDICT[row.verdict] : '–'} |`;
    }),
  ];
  if (report?.notComparable) lines.push('', `Not compared with the baseline: ${cell(report.notComparable)}.`);
  const regressed = report?.rows.filter((r) => r.verdict === 'regressed') ?? [];
  if (regressed.length)
    lines.push(
      '',
      '### Regressions',
      '',
      ...regressed.map(
        (r) =>
          `- **${cell(r.label)}**, ${r.category === ALL ? 'all categories' : r.category}: ${cell(r.reasons.join('; '))}`,
      ),
    );
  const flips = (report?.rows ?? [])
    .filter((r) => r.category === ALL)
    .flatMap((r) => r.flips.map((f) => ({ r, f })));
  const lost = flips.filter(({ f }) => f.direction === 'pass-to-fail');
  if (lost.length)
    lines.push(
      '',
      `### Passed in the baseline, failed now (${lost.length})`,
      '',
      ...lost.map(
        ({ r, f }) =>
          `- ${cell(f.item.replace('|', ', repeat '))} on ${cell(r.label)}: ${quote(reply(f.before))} → ${quote(reply(f.after))} (${cell(f.after.grade?.detail ?? '')})`,
      ),
    );
  return `${lines.join('\n')}\n`;
}

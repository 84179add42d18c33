import { ALL, type Aggregate } from './aggregate';
import type { Decisions, ParetoPlace } from './decide';
import type { Plan } from './plan';
import type { RegressionReport } from './regression';

/** What a shareable report shows: the run as Evaluate drew it, and its verdict when judged. */
export interface ReportInput {
  plan: Plan;
  title: string;
  startedAt: string;
  environment: string;
  /** Candidate id to the label the app shows. */
  labels: Record<string, string>;
  aggregates: readonly Aggregate[];
  decisions: Decisions;
  pareto: readonly ParetoPlace[];
  regression: RegressionReport | null;
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const pct = (x: number) => `${(Math.round(x * 1000) / 10).toFixed(1)}%`;
/** A label cut to fit a chart's margin; the tables beside it carry the whole. */
const short = (s: string, max = 44) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
const ms = (x: number | null) => (x === null ? '–' : Math.round(x).toLocaleString('en-US'));
const money = (x: number | null) =>
  x === null
    ? 'unknown price'
    : x === Infinity
      ? 'no success'
      : x === 0
        ? 'no API cost'
        : `$${x.toPrecision(3)}`;

function table(head: string[], rows: string[][], cls = ''): string {
  const th = head.map((h) => `<th scope="col">${esc(h)}</th>`).join('');
  const body = rows.map(
    (r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${c}</th>` : `<td>${c}</td>`)).join('')}</tr>`,
  );
  return `<table${cls ? ` class="${cls}"` : ''}><thead><tr>${th}</tr></thead><tbody>${body.join('')}</tbody></table>`;
}

/** Pass rate per candidate as horizontal bars with the Wilson interval as a whisker. */
export function passRateSvg(
  rows: readonly { label: string; rate: number; ci: { low: number; high: number } | null }[],
): string {
  const bar = 18;
  const gap = 10;
  const left = 300;
  const width = 360;
  const height = rows.length * (bar + gap) + 30;
  const x = (v: number) => left + v * width;
  const items = rows.map((r, i) => {
    const y = i * (bar + gap) + 4;
    const whisker = r.ci
      ? `<line x1="${x(r.ci.low).toFixed(1)}" x2="${x(r.ci.high).toFixed(1)}" y1="${y + bar / 2}" y2="${y + bar / 2}" stroke="#222" stroke-width="2"/>`
      : '';
    const end = x(Math.max(r.rate, r.ci?.high ?? 0));
    return `<text x="${left - 8}" y="${y + bar - 5}" text-anchor="end">${esc(short(r.label))}</text><rect x="${left}" y="${y}" width="${(r.rate * width).toFixed(1)}" height="${bar}" fill="#4a78c2"/>${whisker}<text x="${(end + 6).toFixed(1)}" y="${y + bar - 5}">${pct(r.rate)}</text>`;
  });
  const axis = [0, 0.5, 1]
    .map((v) => `<text x="${x(v)}" y="${height - 4}" text-anchor="middle">${pct(v)}</text>`)
    .join('');
  return `<svg role="img" aria-label="Pass rate per candidate with its 95% interval" width="${left + width + 80}" height="${height}" font-family="sans-serif" font-size="12">${items.join('')}${axis}</svg>`;
}

/** Quality against P95 latency, Pareto-optimal candidates filled, the others hollow. */
export function paretoSvg(
  points: readonly { label: string; quality: number; latency: number; optimal: boolean }[],
): string {
  const w = 520;
  const h = 300;
  const pad = 50;
  const maxLatency = Math.max(1, ...points.map((p) => p.latency)) * 1.1;
  const x = (l: number) => pad + (l / maxLatency) * (w - 2 * pad);
  const y = (q: number) => h - pad - q * (h - 2 * pad);
  const seen: string[] = [];
  const dots = points.map((p) => {
    // Candidates on the same spot (two that never passed, say) get their labels stacked, not overprinted.
    const spot = `${Math.round(x(p.latency) / 40)}|${Math.round(y(p.quality) / 12)}`;
    const dy = seen.filter((k) => k === spot).length * 14;
    seen.push(spot);
    return `<circle cx="${x(p.latency).toFixed(1)}" cy="${y(p.quality).toFixed(1)}" r="6" fill="${p.optimal ? '#2f7d4f' : 'white'}" stroke="#2f7d4f" stroke-width="2"/><text x="${(x(p.latency) + 9).toFixed(1)}" y="${(y(p.quality) + 4 - dy).toFixed(1)}">${esc(short(p.label))}</text>`;
  });
  return `<svg role="img" aria-label="Pass rate against end-to-end P95" width="${w + 200}" height="${h}" font-family="sans-serif" font-size="12"><line x1="${pad}" y1="${h - pad}" x2="${w - pad}" y2="${h - pad}" stroke="#888"/><line x1="${pad}" y1="${pad}" x2="${pad}" y2="${h - pad}" stroke="#888"/><text x="${w / 2}" y="${h - 12}" text-anchor="middle">End-to-end P95 (ms), up to ${ms(maxLatency)}</text><text x="12" y="${h / 2}" transform="rotate(-90 12 ${h / 2})" text-anchor="middle">Pass rate</text>${dots.join('')}</svg>`;
}

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1d1d1f}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
td{font-variant-numeric:tabular-nums}thead th{background:#f2f2f2}.regressed{color:#a3160b;font-weight:600}.improved{color:#2f7d4f;font-weight:600}
.muted{color:#555}pre{white-space:pre-wrap;margin:0}`;

/**
 * One self-contained HTML file: the run's figures, charts as inline SVG, the decision and
 * the verdict against the baseline. No script, no stylesheet or image from elsewhere, and
 * a policy that forbids both, so it opens offline and shows everything.
 */
export function reportHtml(r: ReportInput): string {
  const label = (id: string) => esc(r.labels[id] ?? id);
  const overall = r.aggregates.filter((a) => a.category === ALL);
  const byCategory = r.aggregates.filter((a) => a.category !== ALL);
  const figures = (a: Aggregate) => [
    label(a.candidate),
    `${a.passes}/${a.n} · ${pct(a.passRate)}${a.ci ? ` [${pct(a.ci.low)}–${pct(a.ci.high)}]` : ''}`,
    `${a.n - a.completed}/${a.n}`,
    `${ms(a.ttft.p50)} / ${ms(a.ttft.p95)}`,
    `${ms(a.e2e.p50)} / ${ms(a.e2e.p95)}${a.e2e.provisional ? ' (provisional)' : ''}`,
    money(a.costPerSuccess),
  ];
  const head = [
    'Candidate',
    'Pass rate [95% CI]',
    'Errors',
    'TTFT P50 / P95 (ms)',
    'End-to-end P50 / P95 (ms)',
    'Cost per success',
  ];
  const decision = [...r.decisions.categories, ...(r.decisions.overall ? [r.decisions.overall] : [])].map(
    (d) => [
      esc(d.category === ALL ? 'every other category' : d.category),
      d.default
        ? `<strong>${label(d.default.candidate)}</strong><br><span class="muted">${esc(d.default.why)}</span>`
        : 'no candidate clears the floor',
      d.fallback
        ? `${label(d.fallback.candidate)}<br><span class="muted">${esc(d.fallback.why)}</span>`
        : '–',
      pct(d.floor),
    ],
  );
  const pareto = r.pareto.flatMap((p) =>
    p.latency === null
      ? []
      : [{ label: r.labels[p.id] ?? p.id, quality: p.quality, latency: p.latency, optimal: p.optimal }],
  );
  const reg = r.regression;
  const regression = reg
    ? `<h2>Against the baseline run: <span class="${reg.verdict}">${esc(reg.verdict.replace('-', ' '))}</span></h2>${
        reg.notComparable
          ? `<p>Not comparable: ${esc(reg.notComparable)}.</p>`
          : table(
              ['Candidate', 'Category', 'Verdict', 'Why'],
              reg.rows.map((row) => [
                esc(row.label),
                esc(row.category === ALL ? 'all' : row.category),
                `<span class="${row.verdict}">${esc(row.verdict.replace('-', ' '))}</span>`,
                esc(row.reasons.join('; ')),
              ]),
            ) +
            table(
              ['Task', 'Candidate', 'Baseline reply', 'Reply now'],
              reg.rows
                .filter((row) => row.category === ALL)
                .flatMap((row) =>
                  row.flips
                    .filter((f) => f.direction === 'pass-to-fail')
                    .map((f) => [
                      esc(f.item.replace('|', ', repeat ')),
                      esc(row.label),
                      `<pre>${esc(f.before.toolCalls?.map((c) => `${c.name}(${c.arguments})`).join('\n') || f.before.output)}</pre>`,
                      `<pre>${esc(f.after.toolCalls?.map((c) => `${c.name}(${c.arguments})`).join('\n') || f.after.output)}</pre><span class="muted">${esc(f.after.grade?.detail ?? '')}</span>`,
                    ]),
                ),
            )
      }`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(r.title)}</title><style>${STYLE}</style></head>
<body>
<h1>${esc(r.title)}</h1>
<p class="muted">Suite ${esc(r.plan.suite.name)} (tasks hash ${esc(r.plan.suite.hash)}), ${r.plan.evaluation.candidates.length} candidates × ${r.plan.evaluation.repeats} repeat(s); run ${esc(r.startedAt)}; ${esc(r.environment)}. Made by Qwenfit; every figure is defined in its docs/metrics.md.</p>
${regression}
<h2>Pass rate and latency, every category</h2>
${passRateSvg(overall.map((a) => ({ label: r.labels[a.candidate] ?? a.candidate, rate: a.passRate, ci: a.ci })))}
${table(head, overall.map(figures))}
<h2>By category</h2>
${table(
  ['Category', ...head],
  byCategory.map((a) => [esc(a.category), ...figures(a)]),
)}
<h2>Decision</h2>
${table(['Category', 'Route', 'Stronger fallback', 'Floor'], decision)}
<h2>Quality against latency</h2>
${pareto.length ? paretoSvg(pareto) : '<p>No candidate finished a reply.</p>'}
</body></html>
`;
}

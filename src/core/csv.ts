import type { ResultRecord, Run } from './results';

/** RFC 4180 field: quoted when it holds a comma, quote or line break; formula-leading text defused. */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  // 585.0999999996275 is 585.1 measured: twelve significant digits keep every real figure.
  let text =
    typeof value === 'number' && Number.isFinite(value)
      ? String(Number(value.toPrecision(12)))
      : String(value);
  // A cell starting with = + - @ runs as a formula in spreadsheet apps: model output must not.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const COLUMNS: [
  string,
  (r: ResultRecord, run: Run | undefined) => string | number | boolean | null | undefined,
][] = [
  ['run_id', (r) => r.runId],
  ['run_title', (_, run) => run?.title],
  ['task_id', (r) => r.taskId],
  ['created_at', (r) => r.createdAt],
  ['runtime', (r) => r.runtime],
  ['model', (r) => r.modelId],
  ['where', (r) => r.where],
  ['endpoint', (r) => r.endpoint?.name],
  ['endpoint_base_url', (r) => r.endpoint?.baseUrl],
  ['cold', (r) => r.cold],
  ['finish_reason', (r) => r.finishReason],
  ['error_code', (r) => r.error?.code],
  ['ttft_ms', (r) => r.metrics.ttftMs],
  ['ttfo_ms', (r) => r.metrics.ttfoMs],
  ['e2e_ms', (r) => r.metrics.e2eMs],
  ['decode_tokens_per_s', (r) => r.metrics.decodeTokensPerS],
  ['prefill_tokens_per_s', (r) => r.metrics.prefillTokensPerS],
  ['prompt_tokens', (r) => r.metrics.promptTokens],
  ['completion_tokens', (r) => r.metrics.completionTokens],
  ['tokens_estimated', (r) => r.metrics.tokensEstimated],
  ['cost', (r) => r.cost?.value],
  ['cost_currency', (r) => r.cost?.currency],
  ['prompt', (r) => r.prompt],
  ['output', (r) => r.output],
];

/** Results as CSV, one row each, with the run's title; numbers unformatted so spreadsheets read them. */
export function resultsCsv(runs: readonly Run[], results: readonly ResultRecord[]): string {
  const byId = new Map(runs.map((r) => [r.id, r]));
  const lines = [COLUMNS.map(([name]) => name).join(',')];
  for (const r of results)
    lines.push(COLUMNS.map(([, get]) => csvField(get(r, byId.get(r.runId)))).join(','));
  return lines.join('\r\n') + '\r\n';
}

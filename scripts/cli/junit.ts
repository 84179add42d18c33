import { ALL } from '../../src/core/aggregate';
import type { Plan } from '../../src/core/plan';
import type { RegressionReport } from '../../src/core/regression';

const escape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The verdicts as JUnit XML, the format CI systems chart: one test case per candidate and
 * category, failed when it regressed, skipped when it could not be compared (or there was
 * no baseline).
 */
export function junitXml(plan: Plan, report: RegressionReport | null): string {
  const rows = report?.rows ?? [];
  const cases = rows.map((r) => {
    const name = `${r.label} · ${r.category === ALL ? 'all categories' : r.category}`;
    const body =
      r.verdict === 'regressed'
        ? `<failure message="${escape(r.reasons.join('; '))}"/>`
        : r.verdict === 'not-comparable'
          ? `<skipped message="${escape(r.reasons.join('; '))}"/>`
          : '';
    return `    <testcase classname="${escape(plan.name)}" name="${escape(name)}">${body}</testcase>`;
  });
  const failures = rows.filter((r) => r.verdict === 'regressed').length;
  const skipped = rows.filter((r) => r.verdict === 'not-comparable').length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="qwenfit" tests="${rows.length}" failures="${failures}" skipped="${skipped}">`,
    `  <testsuite name="${escape(plan.name)}" tests="${rows.length}" failures="${failures}" skipped="${skipped}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

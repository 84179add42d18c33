import { ALL } from '../../src/core/aggregate';
import type { DeviceSection } from '../../src/core/regression-markdown';

const escape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The verdicts as JUnit XML, the format CI systems chart: one test case per candidate and
 * category (and device, when there are several), failed when it regressed, skipped when it
 * could not be compared (or there was no baseline).
 */
export function junitXml(title: string, sections: readonly DeviceSection[]): string {
  const several = sections.length > 1;
  const rows = sections.flatMap((s) => (s.report?.rows ?? []).map((r) => ({ s, r })));
  const cases = rows.map(({ s, r }) => {
    const name = `${r.label}${several ? ` on ${s.name}` : ''} · ${r.category === ALL ? 'all categories' : r.category}`;
    const body =
      r.verdict === 'regressed'
        ? `<failure message="${escape(r.reasons.join('; '))}"/>`
        : r.verdict === 'not-comparable'
          ? `<skipped message="${escape(r.reasons.join('; '))}"/>`
          : '';
    return `    <testcase classname="${escape(title)}" name="${escape(name)}">${body}</testcase>`;
  });
  const failures = rows.filter(({ r }) => r.verdict === 'regressed').length;
  const skipped = rows.filter(({ r }) => r.verdict === 'not-comparable').length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="qwenfit" tests="${rows.length}" failures="${failures}" skipped="${skipped}">`,
    `  <testsuite name="${escape(title)}" tests="${rows.length}" failures="${failures}" skipped="${skipped}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

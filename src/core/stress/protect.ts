import type { GraderSpec, SuiteTask } from '../suite';

/** A character range of a text that no transform may change. */
export interface Span {
  start: number;
  end: number;
}

/** Numbers, quoted literals and bracketed text (JSON, placeholders) in any prompt. */
const ALWAYS = [
  /\d[\d.,:/-]*/g,
  /(?<!\w)"[^"\n]*"|(?<!\w)'[^'\n]*'(?!\w)|`[^`]*`|“[^”]*”|‘[^’]*’/g,
  /\{[^{}]*\}|\[[^[\]]*\]/g,
];

/** Strings a grader compares the reply with, or the prompt must keep for the reply to repeat. */
function graderStrings(g: GraderSpec): string[] {
  switch (g.type) {
    case 'exact':
      return [g.expected];
    case 'contains':
      return g.expected;
    case 'regex':
      // The literal words a pattern looks for: keep them spelled as the prompt gives them.
      return g.pattern.match(/[A-Za-z][A-Za-z]{2,}/g) ?? [];
    case 'tool-call':
      return g.expected === 'none'
        ? []
        : g.expected.flatMap((c) => [
            c.name,
            ...Object.keys(c.arguments),
            ...Object.values(c.arguments).flatMap((vs) =>
              vs.filter((v): v is string => typeof v === 'string'),
            ),
          ]);
    case 'instructions':
      return g.instructions.flatMap((i) => ('words' in i ? i.words : 'text' in i ? [i.text] : []));
    case 'grounded':
      return [...(g.answers === 'unanswerable' ? [] : g.answers), ...(g.distractors ?? [])];
    default:
      return [];
  }
}

/** Everything of a task a perturbation must leave as it is: what its grader depends on. */
export function protectedStrings(task: SuiteTask): string[] {
  const tools = (task.tools ?? []).flatMap((t) => [
    t.name,
    ...Object.keys((t.parameters['properties'] as Record<string, unknown> | undefined) ?? {}),
  ]);
  return [...new Set([...graderStrings(task.grader), ...tools].filter((s) => s.trim().length > 0))];
}

/** The protected character ranges of one message's text. */
export function protectedSpans(text: string, strings: readonly string[]): Span[] {
  const spans: Span[] = [];
  for (const re of ALWAYS)
    for (const m of text.matchAll(re)) spans.push({ start: m.index, end: m.index + m[0].length });
  const lower = text.toLowerCase();
  for (const s of strings) {
    const needle = s.toLowerCase();
    for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + 1))
      spans.push({ start: at, end: at + needle.length });
  }
  return spans;
}

export const overlaps = (a: Span, spans: readonly Span[]) =>
  spans.some((s) => a.start < s.end && s.start < a.end);

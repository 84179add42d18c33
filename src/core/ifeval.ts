import type { Instruction, SuiteTask } from './suite';

/** One line of IFEval's input_data.jsonl, as published. */
export interface IfEvalItem {
  key: number;
  prompt: string;
  instruction_id_list: string[];
  kwargs: Record<string, unknown>[];
}

function arg<T>(
  args: Record<string, unknown>,
  name: string,
  id: string,
  is: (v: unknown) => v is T,
  what: string,
): T {
  const v = args[name];
  if (!is(v)) throw new Error(`${id}: ${name} must be ${what}`);
  return v;
}
const isNumber = (v: unknown): v is number => typeof v === 'number';
const isString = (v: unknown): v is string => typeof v === 'string';
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
const num = (a: Record<string, unknown>, name: string, id: string) => arg(a, name, id, isNumber, 'a number');
const str = (a: Record<string, unknown>, name: string, id: string) => arg(a, name, id, isString, 'a string');
const strings = (a: Record<string, unknown>, name: string, id: string) =>
  arg(a, name, id, isStrings, 'a list of strings');

/**
 * IFEval's instruction ids that Qwenfit checks by IFEval's own rules. Left out: those that
 * need language detection, sentence splitting or word tokenising beyond `\w+` (response
 * language, sentence counts, capital-word counts), and the few whose rule differs from ours.
 */
const CONVERT: Record<string, (a: Record<string, unknown>, id: string) => Instruction> = {
  'punctuation:no_comma': () => ({ kind: 'no-commas' }),
  'change_case:english_lowercase': () => ({ kind: 'lowercase' }),
  'change_case:english_capital': () => ({ kind: 'uppercase' }),
  'detectable_format:title': () => ({ kind: 'title' }),
  'detectable_format:json_format': () => ({ kind: 'json-format', fenced: true }),
  'detectable_format:number_bullet_lists': (a, id) => ({
    kind: 'bullet-count',
    n: num(a, 'num_bullets', id),
  }),
  'detectable_format:number_highlighted_sections': (a, id) => ({
    kind: 'highlights',
    n: num(a, 'num_highlights', id),
  }),
  'detectable_format:multiple_sections': (a, id) => ({
    kind: 'sections',
    text: str(a, 'section_spliter', id).trim(),
    n: num(a, 'num_sections', id),
  }),
  'detectable_content:number_placeholders': (a, id) => ({
    kind: 'placeholders',
    n: num(a, 'num_placeholders', id),
  }),
  'length_constraints:number_paragraphs': (a, id) => ({
    kind: 'paragraph-count',
    n: num(a, 'num_paragraphs', id),
    divider: '***',
  }),
  'length_constraints:number_words': (a, id) => {
    const n = num(a, 'num_words', id);
    const relation = str(a, 'relation', id);
    if (relation === 'less than') return { kind: 'max-words', n: n - 1 };
    if (relation === 'at least') return { kind: 'min-words', n };
    throw new Error(`${id}: unknown relation ${relation}`);
  },
  'keywords:existence': (a, id) => ({
    kind: 'include-keywords',
    words: strings(a, 'keywords', id),
    substring: true,
  }),
  'keywords:forbidden_words': (a, id) => ({
    kind: 'forbidden-words',
    words: strings(a, 'forbidden_words', id),
  }),
  'combination:repeat_prompt': (a, id) => ({ kind: 'repeat-prompt', text: str(a, 'prompt_to_repeat', id) }),
};

/** Whether every instruction of an item is one Qwenfit checks. */
export const ifEvalSupported = (item: IfEvalItem) => item.instruction_id_list.every((i) => i in CONVERT);

/** An IFEval prompt as a suite task graded on all its instructions (IFEval's strict score). */
export function ifEvalTask(item: IfEvalItem, category: string): SuiteTask {
  const id = `ifeval-${item.key}`;
  const instructions = item.instruction_id_list.map((name, i) => {
    const convert = CONVERT[name];
    if (!convert) throw new Error(`${id}: instruction ${name} is not supported`);
    return convert(item.kwargs[i] ?? {}, id);
  });
  return {
    id,
    category,
    messages: [{ role: 'user', content: item.prompt }],
    maxTokens: 1024,
    grader: { type: 'instructions', instructions },
  };
}

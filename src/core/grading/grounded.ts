import type { Grade } from '../suite';

/**
 * A grounded task: the prompt holds a context document and a question. `answers` are the
 * strings any one of which answers it; 'unanswerable' when the context does not hold the
 * answer and the right reply says so. `distractors` are facts of the context that answer a
 * nearby question (the 30 days for regular items when sale items are asked about).
 */
export interface GroundedSpec {
  type: 'grounded';
  answers: string[] | 'unanswerable';
  distractors?: string[];
}

/** Ways a reply says the context does not hold the answer. */
const ABSTAIN =
  /\b(not (?:in|stated in|mentioned in|covered (?:by|in)|specified in|found in) the (?:document|context|text|policy)|(?:document|context|text|policy) does(?: not|n['’]t) (?:say|mention|state|specify|cover)|no information|not (?:mentioned|stated|specified)|(?:i )?(?:do not|don['’]t|cannot|can['’]t) (?:know|find|tell)|unknown)\b/i;

/** Numbers as written (14, 4.95, 2,300, 2026): what a reply must not invent. */
const NUMBER = /\d+(?:[.,]\d+)*/g;
/** A capitalised word that does not start a sentence: a name, a place, a month, an organisation. */
const NAME = /(?<![.!?:]\s|^|\n)\b[A-Z][a-zA-Z]{2,}\b/g;
/** Capitalised words that are not claims: pronouns, answer words, units. */
const NOT_NAMES = new Set([
  'The',
  'You',
  'Your',
  'Yes',
  'No',
  'Not',
  'However',
  'According',
  'Please',
  'Note',
]);

const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Whether the reply says `phrase` as a whole: 14 is not in 140, 4.95 not in 14.95. */
const mentions = (reply: string, phrase: string) =>
  new RegExp(`(?<![\\w.])${escape(norm(phrase))}(?![\\w]|\\.\\d)`, 'i').test(norm(reply));
const numberKey = (n: string) => n.replace(/,(?=\d{3}\b)/g, '').replace(/\.$/, '');

/**
 * What the reply asserts that the prompt does not support: numbers, dates and names absent
 * from the context and the question.
 */
export function unsupportedClaims(reply: string, prompt: string): string[] {
  const numbers = new Set([...prompt.matchAll(NUMBER)].map((m) => numberKey(m[0])));
  const lower = prompt.toLowerCase();
  const out: string[] = [];
  for (const m of reply.matchAll(NUMBER)) if (!numbers.has(numberKey(m[0]))) out.push(m[0]);
  for (const m of reply.matchAll(NAME))
    if (!NOT_NAMES.has(m[0]) && !lower.includes(m[0].toLowerCase())) out.push(m[0]);
  return [...new Set(out)];
}

/**
 * Grades a grounded reply. Hallucination: it asserts a number, date or name the context
 * does not hold, or answers a question the context cannot answer. A reply that says "not in
 * the document" when the answer is there is a wrong answer; so is one that gives a
 * distractor. A correct answer may quote other facts of the context (they are supported).
 */
export function gradeGrounded(spec: GroundedSpec, reply: string, prompt: string): Grade {
  const invented = unsupportedClaims(reply, prompt);
  const said = (what: string) =>
    `${what}${invented.length ? `; not in the context: ${invented.join(', ')}` : ''}`;
  const abstains = ABSTAIN.test(reply);
  if (spec.answers === 'unanswerable') {
    if (abstains && invented.length === 0)
      return { pass: true, failure: null, detail: 'said the context does not hold it' };
    return { pass: false, failure: 'hallucination', detail: said('answered what the context does not hold') };
  }
  const found = spec.answers.find((a) => mentions(reply, a));
  if (invented.length)
    return {
      pass: false,
      failure: 'hallucination',
      detail: said(found ? `gave “${found}”` : 'no expected answer'),
    };
  if (found) return { pass: true, failure: null, detail: `grounded: “${found}”` };
  if (abstains)
    return { pass: false, failure: 'wrong-answer', detail: 'said the context does not hold it, but it does' };
  const distractor = spec.distractors?.find((d) => mentions(reply, d));
  return {
    pass: false,
    failure: 'wrong-answer',
    detail: distractor
      ? `gave “${distractor}”, which answers another question`
      : `expected one of ${spec.answers.join(', ')}`,
  };
}

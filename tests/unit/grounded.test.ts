import { describe, expect, it } from 'vitest';
import { GROUNDED_QA } from '../../src/catalog/suites/tasks';
import { grade } from '../../src/core/grading/grade';
import { gradeGrounded, unsupportedClaims, type GroundedSpec } from '../../src/core/grading/grounded';
import { parseJudgeVerdict } from '../../src/core/grading/judge';

const POLICY = `Answer only from the document below.
Returns policy (v3, May 2026):
1. Items can be returned within 30 days of delivery.
2. Sale items can be returned within 14 days of delivery.
3. Refunds go to the original payment method within 5 business days of the return arriving.
4. Return shipping is free for members; others pay a flat 4.95 EUR.`;
const sale: GroundedSpec = { type: 'grounded', answers: ['14 days', '14'], distractors: ['30 days', '30'] };
const unanswerable: GroundedSpec = { type: 'grounded', answers: 'unanswerable' };
const q = (question: string) => `${POLICY}\n\n${question}`;

describe('grounded grader: hallucination against the context', () => {
  it('passes a grounded answer, and one that also quotes a supported distractor', () => {
    expect(gradeGrounded(sale, 'You have 14 days to return a sale item.', q('Sale returns?'))).toMatchObject({
      pass: true,
    });
    // The 30 days are in the context: quoting them beside the right answer invents nothing.
    expect(
      gradeGrounded(sale, 'Sale items: 14 days (regular items get 30 days).', q('Sale returns?')),
    ).toMatchObject({ pass: true, failure: null });
  });

  it('a number that is not in the context is a hallucination, even beside the right answer', () => {
    const g = gradeGrounded(sale, 'You have 14 days, or 21 days for members.', q('Sale returns?'));
    expect(g).toMatchObject({ pass: false, failure: 'hallucination' });
    expect(g.detail).toContain('not in the context: 21');
    expect(gradeGrounded(sale, 'You have 37 days.', q('Sale returns?')).failure).toBe('hallucination');
  });

  it('a date or a name the context lacks is a hallucination', () => {
    expect(unsupportedClaims('Per the policy of June 2026, ask Acme Support.', q('When?'))).toEqual([
      'June',
      'Acme',
      'Support',
    ]);
    expect(gradeGrounded(sale, 'It is 14 days since the Berlin office said so.', q('Sale?')).failure).toBe(
      'hallucination',
    );
  });

  it('"I don\'t know" when the answer is in the context is a wrong answer, not a pass', () => {
    expect(gradeGrounded(sale, "I don't know; the document does not say.", q('Sale returns?'))).toMatchObject(
      {
        pass: false,
        failure: 'wrong-answer',
        detail: 'said the context does not hold it, but it does',
      },
    );
  });

  it('the distractor alone is a wrong answer, said as such', () => {
    expect(gradeGrounded(sale, 'You have 30 days.', q('Sale returns?'))).toMatchObject({
      pass: false,
      failure: 'wrong-answer',
      detail: 'gave “30 days”, which answers another question',
    });
  });

  it('an unanswerable question passes only when the reply says the context does not hold it', () => {
    expect(gradeGrounded(unanswerable, 'That is not in the document.', q('Phone?')).pass).toBe(true);
    expect(gradeGrounded(unanswerable, 'Yes, you can.', q('Store returns?'))).toMatchObject({
      pass: false,
      failure: 'hallucination',
    });
    expect(gradeGrounded(unanswerable, 'Call 0800 123 456.', q('Phone?')).detail).toContain('0800');
  });

  it('whole numbers only: 14 is not found in 140, 4.95 not in 14.95', () => {
    expect(gradeGrounded(sale, 'You have 140 days.', q('Sale?')).pass).toBe(false);
    const fee: GroundedSpec = { type: 'grounded', answers: ['4.95'] };
    expect(gradeGrounded(fee, 'It costs 4.95 EUR.', q('Fee?')).pass).toBe(true);
  });

  it('through grade(): the prompt is the context, and a truncated invention stays a hallucination', () => {
    const out = {
      content: 'You have 21',
      toolCalls: [],
      finishReason: 'length' as const,
      error: null,
      prompt: q('?'),
    };
    expect(grade(sale, out).failure).toBe('hallucination');
  });

  it('the built-in grounded suite grades the policy as it should', () => {
    const task = (id: string) => GROUNDED_QA.find((t) => t.id === `qa-${id}`);
    const prompt = (id: string) =>
      task(id)
        ?.messages.map((m) => m.content)
        .join('\n\n') ?? '';
    const check = (id: string, reply: string) => {
      const t = task(id);
      if (!t || t.grader.type !== 'grounded') throw new Error(id);
      return gradeGrounded(t.grader, reply, prompt(id));
    };
    expect(check('sale', 'Sale items can be returned within 14 days of delivery.').pass).toBe(true);
    expect(check('regular', '30 days from delivery.').pass).toBe(true);
    expect(check('fee', 'Non-members pay a flat 4.95 EUR.').pass).toBe(true);
    expect(check('phone', 'Not in the document.').pass).toBe(true);
    expect(check('phone', 'Call +44 20 7946 0000.').failure).toBe('hallucination');
    expect(
      GROUNDED_QA.filter((t) => t.grader.type === 'grounded' && t.grader.answers === 'unanswerable'),
    ).toHaveLength(3);
  });

  it('a factuality judge that flags a hallucination files it as one', () => {
    expect(
      parseJudgeVerdict('{"score": 2, "pass": false, "hallucination": true, "reason": "invents 21 days"}'),
    ).toMatchObject({
      failure: 'hallucination',
    });
    expect(parseJudgeVerdict('{"score": 2, "pass": false}').failure).toBe('wrong-answer');
  });
});
